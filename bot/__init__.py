"""Shared library of the know-your-rights bot (used by the Rasa server, the action server and the CLI)."""
