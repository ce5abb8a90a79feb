"""The forms' answer phrases (data/legal_aid/phrases.yml) and how typed text is compared with them.

Small on purpose: the NLU process reads the skip phrases too (bot.nlu.components.skip_answers),
without loading the legal-aid directory that routing needs.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from bot import settings
from bot.nlu.languages import SUPPORTED, words
from bot.nlu.phrase_lists import alternation

# The words and phrases of the form's answers are data an editor can extend (any language).
PHRASES_FILE = settings.PROJECT_ROOT / "data" / "legal_aid" / "phrases.yml"
PHRASES: dict[str, Any] = yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8"))

_SKIP_PHRASES = tuple(PHRASES["skip"])


def has(phrase: str, text_words: str) -> bool:
    """Whether ``phrase`` occurs in ``text_words`` as whole words."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text_words) is not None


_EXACT_SKIPS = frozenset(words(p) for p in _SKIP_PHRASES)


def is_skip(text: str) -> bool:
    """The user chose not to answer: a skip phrase, or a message containing a longer one."""
    w = words(text)
    return any(w == words(p) or (len(p) > 4 and has(words(p), w)) for p in _SKIP_PHRASES)


def is_exact_skip(text: str) -> bool:
    """The whole message is a skip phrase and nothing else ("i'd rather not say", "no sé")."""
    return words(text) in _EXACT_SKIPS


# Mayan languages by id; "mayan" holds the words that name none in particular ("lengua maya").
MAYAN_LANGUAGES: dict[str, list[str]] = PHRASES["mayan_languages"]


def _names_pattern(names: list[str]) -> re.Pattern[str] | None:
    """One pattern for any of ``names`` as whole words of folded text (None for no names): the NLU components ask on
    every message, and folding each name and searching it alone cost ~0.6 ms a message (session 40)."""
    folded = {words(n) for n in names} - {""}
    return re.compile(rf"(?<!\w)(?:{alternation(folded)})(?!\w)") if folded else None


def _named(patterns: dict[str, re.Pattern[str] | None], text_words: str) -> str | None:
    """The first code whose pattern occurs in ``text_words``."""
    return next((code for code, found in patterns.items() if found and found.search(text_words)), None)


_MAYAN_NAMES = {code: _names_pattern(names) for code, names in MAYAN_LANGUAGES.items() if code != "mayan"}


def mayan_language_named(text: str) -> str | None:
    """The id of the Mayan language ``text`` names ("hablo kiche" -> "kiche"), if it names one."""
    return _named(_MAYAN_NAMES, words(text))


_SPEAKING = frozenset(words(w) for w in PHRASES["speaking_words"])
_INTERPRETER = frozenset(words(w) for w in PHRASES["interpreter_words"])


def says_speaks_mayan(text: str) -> bool:
    """``text`` names a Mayan language and a word of speaking or an interpreter ("yo abla kiche", "mi idioma es
    mam", "interprete de kiche")."""
    return mayan_language_named(text) is not None and not (_SPEAKING | _INTERPRETER).isdisjoint(words(text).split())


def asks_mayan_interpreter(text: str) -> bool:
    """``text`` names a Mayan language and asks for an interpreter ("puedo pedir interprete en mam?")."""
    return mayan_language_named(text) is not None and not _INTERPRETER.isdisjoint(words(text).split())


# The answer for a language this chat does not speak (bot.nlu.components.other_languages).
OTHER_LANGUAGE_ANSWER = "other_language"
# Languages users name ("pulaar", "wolof", "arabic", "portugues"), by code.
OTHER_LANGUAGES: dict[str, list[str]] = PHRASES["other_languages"]
_WITH_SPEAKING: dict[str, list[str]] = PHRASES["names_with_speaking"]


_UNSPOKEN_NAMES = {code: _names_pattern(names) for code, names in OTHER_LANGUAGES.items() if code not in SUPPORTED}
# The same, with the names that count only beside a word of speaking ("pular" alone is Portuguese "skip").
_UNSPOKEN_NAMES_SPEAKING = {
    code: _names_pattern(names + _WITH_SPEAKING.get(code, []))
    for code, names in OTHER_LANGUAGES.items()
    if code not in SUPPORTED
}


def _speaks(text_words: str) -> bool:
    return not (_SPEAKING | _INTERPRETER).isdisjoint(text_words.split())


def unspoken_language_named(text: str) -> str | None:
    """The code of a language of OTHER_LANGUAGES that ``text`` names and that this chat has no content in (a name
    of ``names_with_speaking`` only beside a word of speaking)."""
    w = words(text)
    return _named(_UNSPOKEN_NAMES_SPEAKING if _speaks(w) else _UNSPOKEN_NAMES, w)


def says_speaks_unspoken(text: str) -> bool:
    """``text`` names a language the chat does not speak and a word of speaking or an interpreter ("je parle
    pulaar", "i speak wolof", "ma langue cest le malinke, ya des interpretes?")."""
    w = words(text)
    return _speaks(w) and _named(_UNSPOKEN_NAMES_SPEAKING, w) is not None  # the cheap check first


def spoken_mayan_language(language_need: object, user_texts: list[str], named_alone: bool = False) -> str | None:
    """The Mayan language the user speaks, as far as the conversation tells: the form's or the Mayan answer's
    ``language_need`` slot, else the last message that says it ("yo hablo mam poquito espanol" -> "mam"). With
    ``named_alone`` a name without a word of speaking counts too ("yo mam, hombre de albergue me pega": a Spanish
    chat, where "mam" and "kiche" are no other word; in English "my mam" is a mother)."""
    if isinstance(language_need, str) and language_need in MAYAN_LANGUAGES:
        return language_need
    says = mayan_language_named if named_alone else says_speaks_mayan
    return next((mayan_language_named(text) for text in reversed(user_texts) if says(text)), None)
