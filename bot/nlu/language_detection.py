"""Offline language identification for user messages (lingua, model inside its wheel).

Detection is restricted to the supported languages: on short texts that is far more
accurate than an open set. Whether a detection is strong enough to *switch* the
conversation language is decided here too, so the rule lives in one place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.nlu import lexicon
from bot.nlu.languages import SUPPORTED, explicit_language_request, fold

# Single words that say nothing about the language (they exist in both, or are typed by everyone).
_AMBIGUOUS = {
    "ok",
    "okay",
    "oki",
    "k",
    "no",
    "si",
    "yes",
    "ya",
    "alto",
    "menu",
    "help",
    "hi",
    "hey",
    "bye",
    "sponsor",
    "ice",
    "stop",
    "lol",
    "jaja",
    "haha",
    "1",
    "2",
    "3",
    "ah",
    "eh",
    "mm",
    "hmm",
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Which language a word belongs to comes from word-frequency tables (spaCy's lexeme
# probabilities, shipped in the spacy-lookups-data package; see bot.nlu.lexicon): a word votes
# for a language only when it is clearly more frequent there, so words both languages use
# ("me", "a", "no", "son", "he") never decide, and "tell me a joke" is not Spanish.
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


def detect(text: str, languages: Sequence[str] = SUPPORTED) -> Detection | None:
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
        votes = language_votes(text, languages)
        winner = max(votes, key=votes.__getitem__)
        if votes[winner] > sum(votes.values()) - votes[winner] and winner != code:
            return Detection(winner, confidence)
    return Detection(code, confidence)


def language_votes(text: str, languages: Sequence[str] = SUPPORTED) -> dict[str, int]:
    """How many words of ``text`` clearly belong to each language.

    Ambiguous tokens ("ok", "sponsor", "ICE"), words both languages use and capitalized words
    after the first (names of people, places and organizations: "New York", "Kids in Need of
    Defense") vote for none.
    """
    votes = {lang: 0 for lang in languages}
    for index, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        if index > 0 and word[:1].isupper():
            continue
        folded = fold(word)
        if folded in _AMBIGUOUS:
            continue
        lang = lexicon.word_language(folded, languages)
        if lang:
            votes[lang] += 1
    return votes


def is_decisive(text: str, detection: Detection, min_words: int = 2, min_confidence: float = _UNSURE) -> bool:
    """Whether ``detection`` is strong enough to switch the conversation language.

    Explicit requests always are. Otherwise the message needs at least ``min_words`` words
    that only the detected language uses (``language_votes``) and a confident detector, so
    "ok", "no gracias", "mi therapist" or "New York" never flip a conversation.
    """
    if detection.explicit:
        return True
    return language_votes(text).get(detection.code, 0) >= min_words and detection.confidence >= min_confidence
