"""Redaction, pseudonyms, retention and secrets: what is kept, for how long, and how it is masked."""
