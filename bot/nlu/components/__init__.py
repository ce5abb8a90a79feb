"""Rasa 3 graph components of the NLU pipeline (named by module path in config.yml)."""
