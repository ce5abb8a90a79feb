"""Supported languages (data/languages.yml) and the one rule that decides which language a reply uses."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CATALOGUE_FILE = Path(__file__).resolve().parents[2] / "data" / "languages.yml"


@dataclass(frozen=True)
class Language:
    """One entry of data/languages.yml (see the comments there)."""

    code: str
    name: str
    native: str
    requests: frozenset[str]
    help_words: tuple[str, ...]
    delete_words: tuple[str, ...]
    stop_words: tuple[str, ...]
    detector: str
    spacy: str
    reading_level: Mapping[str, Any]
    as_of: Mapping[str, Any]  # {"phrase": "as of {month} {year}", "months": [...]}: the content check's dates


def fold(text: str) -> str:
    """Lowercase and strip accents ("Español" -> "espanol")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def words(text: str) -> str:
    """Folded text with apostrophes dropped and other punctuation turned to spaces, single-spaced
    ("¿Tejas?" -> "tejas", "j'ai dit" -> "jai dit"): how typed answers are compared with phrase lists."""
    folded = fold(text).replace("'", "").replace("’", "").replace("´", "")
    return " ".join(re.sub(r"[^\w/]+", " ", folded).split())


@cache
def _catalogue() -> tuple[dict[str, Language], tuple[str, ...], str]:
    raw = yaml.safe_load(CATALOGUE_FILE.read_text(encoding="utf-8"))
    languages = {
        code: Language(
            code=code,
            name=entry["name"],
            native=entry["native"],
            requests=frozenset(fold(str(word)) for word in entry.get("requests") or []),
            help_words=tuple(fold(str(word)) for word in (entry.get("sms") or {}).get("help") or []),
            delete_words=tuple(fold(str(word)) for word in (entry.get("sms") or {}).get("delete") or []),
            stop_words=tuple(fold(str(word)) for word in (entry.get("sms") or {}).get("stop") or []),
            detector=entry.get("detector", "lingua"),
            spacy=entry.get("spacy", code),
            reading_level=entry.get("reading_level") or {},
            as_of=entry.get("as_of") or {},
        )
        for code, entry in raw["languages"].items()
    }
    polite = tuple(fold(str(word)) for word in raw.get("polite") or [])
    return languages, polite, raw.get("default", "en")


LANGUAGES: dict[str, Language] = _catalogue()[0]
SUPPORTED: tuple[str, ...] = tuple(LANGUAGES)  # every language with content; live() is what is offered
DEFAULT: str = _catalogue()[2]
_POLITE = _catalogue()[1]


class LanguageSettingError(ValueError):
    """KYR_LANGUAGES names a language the catalogue does not have, or leaves out the default."""


def live() -> tuple[str, ...]:
    """The languages the operator offers (KYR_LANGUAGES, comma-separated codes; default: all).

    A language that is not live keeps its content and detection: its messages get a short note in
    that language and the menu of live languages (bot.server.nlg).
    """
    raw = os.environ.get("KYR_LANGUAGES", "").strip()
    if not raw or raw.lower() == "all":
        return SUPPORTED
    codes = tuple(dict.fromkeys(code.strip().lower() for code in raw.split(",") if code.strip()))
    unknown = [code for code in codes if code not in LANGUAGES]
    if unknown:
        raise LanguageSettingError(f"KYR_LANGUAGES: unknown language(s) {unknown}; known: {', '.join(SUPPORTED)}")
    if DEFAULT not in codes:
        raise LanguageSettingError(f"KYR_LANGUAGES must include the default language {DEFAULT!r}")
    return tuple(code for code in SUPPORTED if code in codes)


def is_live(code: str) -> bool:
    return code in live()


def native_name(code: str) -> str:
    """The language's own name for menus ("Português")."""
    return LANGUAGES[code].native


def normalize_language(value: Any) -> str | None:
    """Map "es", "es-MX", "Español", "spanish" to a supported code; None when unknown."""
    if not isinstance(value, str) or not value.strip():
        return None
    folded = fold(value).replace("_", "-")
    base = folded.split("-")[0]
    if base in SUPPORTED:
        return base
    for code, language in LANGUAGES.items():
        if folded in language.requests:
            return code
    return None


def explicit_language_request(text: str) -> str | None:
    """The language named by a message that is only a language name ("español", "English please")."""
    folded = fold(text).strip(" .!?¡¿,")
    for word in _POLITE:
        if folded.endswith(" " + word):
            folded = folded[: -len(word)].strip(" ,")
        if folded.startswith(word + " "):
            folded = folded[len(word) :].strip(" ,")
    for code, language in LANGUAGES.items():
        if folded in language.requests and folded not in LANGUAGES:  # "en", "es" alone are ordinary words
            return code
    return None


def conversation_language(tracker: Any) -> str:
    """The language of the next reply: the conversation's language, kept across turns.

    One rule for the Rasa server's tracker (NLG) and rasa-sdk's (actions), in this order:

    1. an explicit choice in the latest message (a language name such as "español", a
       language button or link payload) switches, except as the answer to the legal-aid form's
       language question;
    2. a decisive detection (several words that only one language uses, a confident
       detector: ``bot.nlu.language_detection.is_decisive``) switches, except while a form is
       asking questions (a state or organization name is an answer, not a language choice)
       unless the message is about danger (the crisis answer goes out in its language);
    3. otherwise the language the bot last answered in: short or ambiguous messages ("ok",
       "si", "1"), button payloads and form answers never change it;
    4. a conversation's first message is answered in the language detected in it (the
       ``language`` slot first, when a channel set it), else English.
    """
    latest = _latest_parse_data(tracker)
    explicit = explicit_choice(latest)
    answer = _asked_for_a_language(tracker)  # "spanish" answering the legal-aid form's language question
    if explicit and not answer:
        return explicit
    chosen = normalize_language((_language_entity(latest) or {}).get("value"))  # a decisive detection
    in_form = _active_loop(tracker) or answer
    if chosen and (not in_form or _intent(latest) in ANSWERED_IN_ITS_OWN_LANGUAGE):
        return chosen
    previous = last_reply_language(tracker.events)
    if previous:
        return previous
    slots = tracker.current_slot_values() if hasattr(tracker, "current_slot_values") else tracker.slots
    detected = latest.get("detected_language") or {}
    return (
        normalize_language(slots.get("language"))
        or normalize_language(detected.get("code") if isinstance(detected, Mapping) else detected)
        or DEFAULT
    )


# The NLU component that proposes detected languages as entities (bot.nlu.components.language_detector).
DETECTOR = "LanguageDetector"


def explicit_choice(parse_data: Mapping[str, Any]) -> str | None:
    """The language the user chose in this message: a language button or link payload, or a
    message that only names a language ("español"). A language merely detected is no choice."""
    entity = _language_entity(parse_data)
    chosen = normalize_language(entity.get("value")) if entity else None
    detected = parse_data.get("detected_language") or {}
    if (
        chosen
        and entity is not None
        and (entity.get("extractor") != DETECTOR or (isinstance(detected, Mapping) and detected.get("explicit")))
    ):
        return chosen
    return None


def last_reply_language(events: Iterable[Any]) -> str | None:
    """The ``lang`` of the latest bot message (Rasa event objects or serialized events)."""
    for event in reversed(list(events)):
        if isinstance(event, Mapping):
            is_bot, metadata = event.get("event") == "bot", event.get("metadata")
        else:
            is_bot, metadata = getattr(event, "type_name", None) == "bot", getattr(event, "metadata", None)
        if is_bot and isinstance(metadata, Mapping) and normalize_language(metadata.get("lang")):
            return normalize_language(metadata.get("lang"))
    return None


def _language_entity(parse_data: Mapping[str, Any]) -> Mapping[str, Any] | None:
    return next((e for e in parse_data.get("entities") or [] if e.get("entity") == "language"), None)


def _latest_parse_data(tracker: Any) -> Mapping[str, Any]:
    latest = tracker.latest_message
    if latest is None:
        return {}
    return latest if isinstance(latest, Mapping) else (getattr(latest, "parse_data", None) or {})


# Inside a form a decisive message is normally an answer ("Florida"); a message about danger is not, and the
# crisis answer goes out in the language it was written in (QA session 29: the Spanish crisis answer to
# "someone here hits me" typed in a form a first "Florida" had started in Spanish).
ANSWERED_IN_ITS_OWN_LANGUAGE = frozenset({"crisis", "disclosure_guard"})


def _intent(parse_data: Mapping[str, Any]) -> str | None:
    intent = parse_data.get("intent")
    return intent.get("name") if isinstance(intent, Mapping) else None


def _active_loop(tracker: Any) -> str | None:
    return getattr(tracker, "active_loop_name", None)


# The legal-aid form's question "do you need another language?": a language named there is its answer, not a
# choice of the chat's language (session 40's browser test: an English-speaking parent's "spanish" turned the results
# and every later reply Spanish).
LANGUAGE_QUESTION = "language_need"  # the slot the legal-aid form asks it for


def _asked_for_a_language(tracker: Any) -> bool:
    """The latest message answered the language question: the form asked it (``requested_slot``) when the user
    wrote, read from the events (the results that follow the answer come after the form has ended)."""
    requested = asked = None
    for event in tracker.events:
        kind, name, value = (
            (event.get("event"), event.get("name"), event.get("value"))
            if isinstance(event, Mapping)
            else (getattr(event, "type_name", None), getattr(event, "key", None), getattr(event, "value", None))
        )
        if kind == "user":
            asked = requested
        elif kind == "slot" and name == "requested_slot":
            requested = value
    return asked == LANGUAGE_QUESTION
