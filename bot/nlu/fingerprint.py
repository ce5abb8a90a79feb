"""What shapes the tokens and features a model is trained on, beyond config.yml and the training data.

Rasa's training cache keys a component on its config and its inputs, not on our code or data files,
so a change to the language detector's rules would otherwise reuse the old tokens and features. Our
NLU components add this fingerprint to Rasa's (``fingerprint_addon``), and scripts/train_if_needed.py
uses the same list to decide that a model is out of date.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from bot import settings

# Relative to the project root: folders are read whole (minus caches).
NLU_INPUTS = (
    "bot/nlu",  # tokens, accent folding, language detection, features
    "data/languages.yml",  # which languages the detector and tokenizer know
    "data/language_words.yml",  # the detector's word votes
    "data/language_spellings.yml",  # and its spelling votes
    "build/spacy/en/meta.json",
    "build/spacy/es/meta.json",
    "build/spacy/pt/meta.json",
    "build/spacy/fr/meta.json",
    "build/spacy/ht/meta.json",
)


def files(names: tuple[str, ...] | list[str], root: Path = settings.PROJECT_ROOT) -> list[Path]:
    """The files behind ``names`` (a folder gives every file under it, caches left out), in a stable order."""
    found: list[Path] = []
    for name in names:
        path = root / name
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.exists():
            found.append(path)
    return found


def digest(names: tuple[str, ...] | list[str], root: Path = settings.PROJECT_ROOT) -> str:
    """A short hash of the paths and contents of ``names``."""
    hashed = hashlib.sha256()
    for file in files(names, root):
        hashed.update(str(file.relative_to(root)).encode())
        hashed.update(file.read_bytes())
    return hashed.hexdigest()[:12]


def nlu_fingerprint() -> str:
    return digest(NLU_INPUTS)
