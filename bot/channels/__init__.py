"""Rasa input channels of the bot (configured in credentials.yml)."""
