"""Phrase lists an editor keeps in a YAML file (one list per language), matched as whole words.

Messages are compared as ``bot.nlu.languages.words`` folds them (no case, accents or apostrophes:
"I'm" = "im", "mamá" = "mama"), so the lists are written that way too. ``says_any``: a listed phrase
anywhere in the message. ``says_only``: the whole message is listed phrases and filler words around them. ``says_each``: a phrase of each of
several groups anywhere in the message.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from bot.nlu.languages import words

# Clauses: "hola, me llamo Ana" is a greeting and a name, "me llamo Ana, me pegan" a name and something else.
CLAUSE_END = re.compile(r"[,;:.!?¿¡]+")


def clauses(text: str) -> list[str]:
    """The folded clauses of ``text`` (split at punctuation), empty ones left out."""
    return [folded for part in CLAUSE_END.split(text) if (folded := words(part))]


def alternation(phrases: set[str]) -> str:
    """A regular-expression alternation of folded phrases, longest first (so "me duele mucho" beats "me duele")."""
    return "|".join(re.escape(p) for p in sorted(phrases - {""}, key=len, reverse=True))


def file_phrases(path: Path) -> set[str]:
    """Every phrase of a file of per-language lists (``{en: [...], es: [...]}``), folded."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {words(str(p)) for phrases in raw.values() for p in phrases or []}


@functools.cache
def _pattern(path: Path) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + alternation(file_phrases(path)) + r")(?!\w)")


def says_any(path: Path, text: str) -> bool:
    """``text`` contains, as whole words, a phrase of any language listed in ``path``. A button payload
    ("/...") never does."""
    if not text or text.startswith("/"):
        return False
    return _pattern(path).search(words(text)) is not None


def group_phrases(path: Path, key: str) -> set[str]:
    """The phrases of every language of the file's ``key`` group (``{key: {en: [...], es: [...]}}``), folded."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {words(str(p)) for phrases in (raw.get(key) or {}).values() for p in phrases or []}


@functools.cache
def _whole(
    path: Path, key: str, also: tuple[str, ...], also_file: Path | None
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a message made only of ``key`` phrases, ``fillers``, the ``also`` groups and ``also_file``'s phrases, a
    ``key`` phrase anywhere), all languages."""
    phrases = group_phrases(path, key)
    around = file_phrases(also_file) if also_file is not None else set()
    item = alternation(phrases.union(around, *(group_phrases(path, group) for group in ("fillers", *also))))
    return re.compile(rf"(?:{item})(?: (?:{item}))*"), re.compile(rf"(?<!\w)(?:{alternation(phrases)})(?!\w)")


def says_only(path: Path, key: str, text: str, also: tuple[str, ...] = (), also_file: Path | None = None) -> bool:
    """The whole of ``text`` is phrases of the file's ``key`` lists (at least one) and of its ``fillers`` lists
    ("hola, me duele la muela"; not "me duele la muela porque me pego"), and of the ``also`` lists and of
    ``also_file``'s per-language lists if given (words that may stand around a phrase but are not one on their
    own). A button payload ("/...") never is."""
    if not text or text.startswith("/"):
        return False
    folded = words(text)
    whole, phrase = _whole(path, key, also, also_file)
    return whole.fullmatch(folded) is not None and phrase.search(folded) is not None


@functools.cache
def _group_pattern(path: Path, key: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + alternation(group_phrases(path, key)) + r")(?!\w)")


def says_each(path: Path, keys: tuple[str, ...], text: str) -> bool:
    """``text`` has, as whole words, a phrase of every one of the file's ``keys`` groups (any language). A button
    payload ("/...") never does."""
    if not text or text.startswith("/"):
        return False
    folded = words(text)
    return all(_group_pattern(path, key).search(folded) for key in keys)
