"""Offline language identification for user messages (lingua, model inside its wheel).

Detection is restricted to the supported languages: on short texts that is far more
accurate than an open set. Whether a detection is strong enough to *switch* the
conversation language is decided here too, so the rule lives in one place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from bot.languages import SUPPORTED, explicit_language_request, fold

# Single words that say nothing about the language (they exist in both, or are typed by everyone).
_AMBIGUOUS = {
    "ok", "okay", "oki", "k", "no", "si", "yes", "ya", "alto", "menu", "help", "hi", "hey", "bye",
    "sponsor", "ice", "stop", "lol", "jaja", "haha", "1", "2", "3", "ah", "eh", "mm", "hmm",
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class Detection:
    code: str
    confidence: float
    explicit: bool = False  # the user named a language ("español")


@lru_cache(maxsize=4)
def _detector(languages: Sequence[str]):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_iso_codes_639_1(
        *[getattr(IsoCode639_1, code.upper()) for code in languages]
    ).build()


def detect(text: str, languages: Sequence[str] = SUPPORTED) -> Optional[Detection]:
    """Best guess for ``text``, or None when it has no letters (numbers, emoji, payloads)."""
    if not text or text.startswith("/"):
        return None
    named = explicit_language_request(text)
    if named:
        return Detection(named, 1.0, explicit=True)
    if not _WORD.search(text):
        return None
    values = _detector(tuple(languages)).compute_language_confidence_values(text)
    if not values:
        return None
    best = values[0]
    return Detection(best.language.iso_code_639_1.name.lower(), float(best.value))


def is_decisive(text: str, detection: Detection, min_words: int = 2, min_confidence: float = 0.75) -> bool:
    """Whether ``detection`` is strong enough to set the sticky conversation language.

    Explicit requests always are. Otherwise the message needs at least ``min_words`` words
    that are not ambiguous across languages ("ok", "no", "si", "sponsor") and a confident
    detector, so "ok" or "mi therapist" never flips a conversation.
    """
    if detection.explicit:
        return True
    words = [w for w in (fold(m.group()) for m in _WORD.finditer(text)) if w not in _AMBIGUOUS]
    return len(words) >= min_words and detection.confidence >= min_confidence
