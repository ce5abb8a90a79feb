"""Phrase lists an editor keeps in a YAML file (one list per language), matched as whole words.

Messages are compared as ``bot.nlu.languages.words`` folds them (no case, accents or apostrophes:
"I'm" = "im", "mamá" = "mama"), so the lists are written that way too.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from bot.nlu.languages import words


@functools.cache
def _pattern(path: Path) -> re.Pattern[str]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    phrases = sorted({words(str(p)) for phrases in raw.values() for p in phrases or []} - {""}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")


def says_any(path: Path, text: str) -> bool:
    """``text`` contains, as whole words, a phrase of any language listed in ``path``. A button payload
    ("/...") never does."""
    if not text or text.startswith("/"):
        return False
    return _pattern(path).search(words(text)) is not None
