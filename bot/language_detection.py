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
# Short function words that give away the language of Spanglish and SMS-style messages,
# where a character model trained on clean text is unsure ("mi therapist le dice a ICE?").
_FUNCTION_WORDS = {
    "es": {"mi", "mis", "le", "les", "lo", "la", "los", "las", "el", "que", "q", "k", "de", "del", "y", "pero",
           "porque", "xq", "pq", "por", "para", "con", "sin", "tu", "su", "yo", "puede", "pueden", "dice", "esta",
           "estoy", "tengo", "soy", "hijo", "hija", "hola", "gracias", "como", "donde", "cuando", "quien", "sobre",
           "abogado", "ayuda", "necesito", "quiero", "una", "un", "al", "me", "te", "se", "nos", "a"},
    "en": {"my", "the", "is", "are", "can", "what", "who", "how", "where", "when", "does", "do", "i", "you", "he",
           "she", "to", "of", "and", "with", "for", "about", "lawyer", "help", "son", "daughter", "please",
           "thanks", "hello", "will", "they", "it", "if", "need", "want", "an", "me", "we", "your"},
}
_UNSURE = 0.85


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
    code, confidence = best.language.iso_code_639_1.name.lower(), float(best.value)
    if confidence < _UNSURE:
        words = [fold(m.group()) for m in _WORD.finditer(text)]
        votes = {lang: sum(w in _FUNCTION_WORDS.get(lang, ()) for w in words) for lang in languages}
        winner = max(votes, key=votes.get)
        if votes[winner] > sum(votes.values()) - votes[winner] and winner != code:
            return Detection(winner, confidence)
    return Detection(code, confidence)


def is_decisive(text: str, detection: Detection, min_words: int = 2, min_confidence: float = _UNSURE) -> bool:
    """Whether ``detection`` is strong enough to set the sticky conversation language.

    Explicit requests always are. Otherwise the message needs at least ``min_words`` words
    that are not ambiguous across languages ("ok", "no", "si", "sponsor") and a confident
    detector, so "ok" or "mi therapist" never flips a conversation.
    """
    if detection.explicit:
        return True
    words = [w for w in (fold(m.group()) for m in _WORD.finditer(text)) if w not in _AMBIGUOUS]
    return len(words) >= min_words and detection.confidence >= min_confidence
