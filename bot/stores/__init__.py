"""Storage backends that keep as little as possible (see docs/PRIVACY.md)."""
