"""The Rasa server as launched: start-up, self-checks, the reply renderer and guarded speedups."""
