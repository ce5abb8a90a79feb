"""Supported languages and the one rule that decides which language a reply uses."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

SUPPORTED = ("en", "es")
DEFAULT = "en"

# Words a user types to switch language explicitly (accents stripped, lowercase).
_NAMES = {
    "en": {"en", "eng", "english", "ingles", "inglish", "in english", "en ingles"},
    "es": {"es", "esp", "espanol", "spanish", "castellano", "en espanol", "in spanish", "espaniol"},
}


def fold(text: str) -> str:
    """Lowercase and strip accents ("Español" -> "espanol")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def normalize_language(value: Any) -> str | None:
    """Map "es", "es-MX", "Español", "spanish" to a supported code; None when unknown."""
    if not isinstance(value, str) or not value.strip():
        return None
    folded = fold(value).replace("_", "-")
    base = folded.split("-")[0]
    if base in SUPPORTED:
        return base
    for code, names in _NAMES.items():
        if folded in names:
            return code
    return None


def explicit_language_request(text: str) -> str | None:
    """The language named by a message that is only a language name ("español", "English please")."""
    folded = fold(text).strip(" .!?¡¿")
    for suffix in (" please", " por favor", " pls", " porfa"):
        if folded.endswith(suffix):
            folded = folded[: -len(suffix)].strip()
    for code, names in _NAMES.items():
        if folded in names and folded not in ("en", "es"):  # "en"/"es" alone are ordinary words
            return code
    return None


def conversation_language(tracker: Any) -> str:
    """The language of the next reply: the conversation's language, kept across turns.

    One rule for the Rasa server's tracker (NLG) and rasa-sdk's (actions), in this order:

    1. an explicit choice in the latest message (a language name such as "español", a
       language button or link payload) always switches;
    2. a decisive detection (several words that only one language uses, a confident
       detector: ``bot.nlu.language_detection.is_decisive``) switches, except while a form is
       asking questions (a state or organization name is an answer, not a language choice);
    3. otherwise the language the bot last answered in: short or ambiguous messages ("ok",
       "si", "1"), button payloads and form answers never change it;
    4. a conversation's first message is answered in the language detected in it (the
       ``language`` slot first, when a channel set it), else English.
    """
    latest = _latest_parse_data(tracker)
    explicit = explicit_choice(latest)
    if explicit:
        return explicit
    chosen = normalize_language((_language_entity(latest) or {}).get("value"))  # a decisive detection
    if chosen and not _active_loop(tracker):
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


def _active_loop(tracker: Any) -> str | None:
    return getattr(tracker, "active_loop_name", None)
