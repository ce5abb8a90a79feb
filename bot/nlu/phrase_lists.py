"""Phrase lists an editor keeps in a YAML file (one list per language), matched as whole words.

Messages are compared as ``bot.nlu.languages.words`` folds them (no case, accents or apostrophes:
"I'm" = "im", "mamá" = "mama"), so the lists are written that way too. ``says_any``: a listed phrase
anywhere in the message. ``says_only``: the whole message is listed phrases and filler words around them.
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


def _alternation(phrases: set[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases - {""}, key=len, reverse=True))


@functools.cache
def _whole(path: Path, key: str, also: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a message made only of ``key`` phrases, ``fillers`` and the ``also`` groups, a ``key`` phrase anywhere),
    all languages."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    def folded(group: str) -> set[str]:
        return {words(str(p)) for phrases in (raw.get(group) or {}).values() for p in phrases or []}

    phrases = folded(key)
    item = _alternation(phrases.union(*(folded(group) for group in ("fillers", *also))))
    return re.compile(rf"(?:{item})(?: (?:{item}))*"), re.compile(rf"(?<!\w)(?:{_alternation(phrases)})(?!\w)")


def says_only(path: Path, key: str, text: str, also: tuple[str, ...] = ()) -> bool:
    """The whole of ``text`` is phrases of the file's ``key`` lists (at least one) and of its ``fillers`` lists
    ("hola, me duele la muela"; not "me duele la muela porque me pego"), and of the ``also`` lists if given (words
    that may stand around a phrase but are not one on their own). A button payload ("/...") never is."""
    if not text or text.startswith("/"):
        return False
    folded = words(text)
    whole, phrase = _whole(path, key, also)
    return whole.fullmatch(folded) is not None and phrase.search(folded) is not None
