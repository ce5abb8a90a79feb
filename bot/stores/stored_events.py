"""What of a conversation may be stored, and how (the rules behind bot.stores.tracker_store).

Pure functions on serialized Rasa events: user text, NLU text and entities and string slot
values are redacted (``bot.privacy.redact``); a message classified ``disclosure_guard`` becomes a
fixed marker; channel metadata is dropped except ``lang``/``topic``; bot messages keep their text
only when it holds no user data (``bot.catalogue.fixed_text_ids``); a turn flagged as crisis or
disclosure stores no slot values beyond form bookkeeping.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from bot import catalogue
from bot.conversation import DANGER_KEY
from bot.nlu.languages import SUPPORTED
from bot.privacy.redact import PII_ENTITIES, PLACEHOLDER, find_pii, redact, redact_entities, redact_value

DELETE_ACTION = "action_delete_my_data"
DISCLOSURE_INTENT = "disclosure_guard"
DISCLOSURE_MARKER = "<not stored: disclosure>"
SESSION_METADATA_SLOT = "session_started_metadata"
REQUESTED_SLOT = "requested_slot"
# Turns whose slot values are never stored (see storable_events).
FLAGGED_INTENTS = frozenset({DISCLOSURE_INTENT, "crisis"})

# Metadata that may be stored, per event type. Everything else a channel sends is dropped.
USER_METADATA_KEYS = ("lang", "language", "topic")
BOT_METADATA_KEYS = ("topic", "lang", "utter_action", DANGER_KEY)  # danger: a crisis answer about photos
_NESTED_METADATA_KEYS = ("customData", "metadata", "session_started_metadata")
_SAFE_TOKEN = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
# NLU output kept for user events (no message ids, no response-selector copies of text).
_PARSE_DATA_KEYS = ("intent", "intent_ranking", "entities", "text", "detected_language")


# ---------------------------------------------------------------------------------------------
# The one place where an event becomes storable.
def filter_metadata(metadata: Any, allowed: Iterable[str]) -> dict[str, Any]:
    """Only ``allowed`` keys with short token values; allowed keys nested in customData are lifted."""
    if not isinstance(metadata, Mapping):
        return {}
    allowed = tuple(allowed)
    sources: list[Mapping[str, Any]] = [metadata]
    sources += [metadata[k] for k in _NESTED_METADATA_KEYS if isinstance(metadata.get(k), Mapping)]
    kept: dict[str, Any] = {}
    for source in sources:
        for key in allowed:
            value = source.get(key)
            if key not in kept and isinstance(value, str) and _SAFE_TOKEN.match(value):
                kept[key] = value
    return kept


def _redact_slot(name: Any, value: Any) -> Any:
    if value is None:
        return None
    if catalogue.is_generated_value(value):
        # Encrypted by the action server (a handoff contact), or ids we generate (handoff UUID,
        # reference code) whose digit runs the phone matcher would otherwise mangle.
        return value
    if name == SESSION_METADATA_SLOT:
        return filter_metadata(value, USER_METADATA_KEYS)
    kind = PII_ENTITIES.get(str(name))
    if kind is not None:  # a slot that holds a personal value whole ("Maria" matches no pattern)
        if kind == "PHONE" and "@" in str(value):
            kind = "EMAIL"
        return PLACEHOLDER[kind]
    return redact_value(value)


def _redact_user_entities(original_text: str, entities: Any) -> list[dict[str, Any]]:
    """Entities redacted by name and value, and also by position: an entity that overlaps a
    personal value in the message (e.g. "Fakename" tagged as some other entity) is replaced."""
    spans = find_pii(original_text) if original_text else []
    cleaned = redact_entities(entities)
    for ent in cleaned:
        start, end = ent.get("start"), ent.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not isinstance(ent.get("value"), str):
            continue
        if ent.get("entity") == "language" and ent["value"] in SUPPORTED:
            continue  # the language detector tags the whole message; its value is only a code
        for span in spans:
            if start < span.end and span.start < end:
                ent["value"] = PLACEHOLDER[span.kind]
                break
    return cleaned


def redact_event(data: Mapping[str, Any]) -> dict[str, Any]:
    """A storable copy of one serialized Rasa event (``Event.as_dict()``); the input is not changed."""
    event = dict(data)
    kind = event.get("event")
    if kind == "user":
        parse_data: Mapping[str, Any] = event["parse_data"] if isinstance(event.get("parse_data"), Mapping) else {}
        intent: Mapping[str, Any] = parse_data["intent"] if isinstance(parse_data.get("intent"), Mapping) else {}
        disclosure = intent.get("name") == DISCLOSURE_INTENT
        original = event.get("text") or ""
        text = DISCLOSURE_MARKER if disclosure else redact(original).text
        clean_parse = {k: parse_data[k] for k in _PARSE_DATA_KEYS if k in parse_data}
        clean_parse["text"] = text
        clean_parse["entities"] = [] if disclosure else _redact_user_entities(original, parse_data.get("entities"))
        if event.get("text") is not None or disclosure:
            event["text"] = text
        event["parse_data"] = clean_parse
        event["message_id"] = None  # channel message ids (e.g. Twilio MessageSid) link to provider logs
        event["metadata"] = filter_metadata(event.get("metadata"), USER_METADATA_KEYS)
    elif kind == "bot":
        # Our own texts; only the flows that echo what the user typed (the handoff summary shows
        # the contact) are redacted: running the phone matcher over every long answer cost ~12 ms
        # a message (make bench) and found only our own hotline numbers.
        topic = (event.get("metadata") or {}).get("topic") if isinstance(event.get("metadata"), Mapping) else None
        if (
            isinstance(event.get("text"), str) and topic not in catalogue.fixed_text_ids()
        ):  # replies built from user input are redacted
            event["text"] = redact(event["text"]).text
        event["metadata"] = filter_metadata(event.get("metadata"), BOT_METADATA_KEYS)
    else:
        if "metadata" in event:
            event["metadata"] = filter_metadata(event.get("metadata"), BOT_METADATA_KEYS)
        if kind == "slot":
            event["value"] = _redact_slot(event.get("name"), event.get("value"))
        if "entities" in event and isinstance(event.get("entities"), list):
            event["entities"] = redact_entities(event["entities"])  # entities / reminder events
    return event


def is_delete_request(data: Mapping[str, Any]) -> bool:
    return data.get("event") == "action" and data.get("name") == DELETE_ACTION


def is_flagged_turn(user_event: Mapping[str, Any] | None) -> bool:
    """True when this serialized user event is a disclosure or a crisis (the safety net or the classifier)."""
    if not isinstance(user_event, Mapping) or user_event.get("event") != "user":
        return False
    parse_data: Mapping[str, Any] = (
        user_event["parse_data"] if isinstance(user_event.get("parse_data"), Mapping) else {}
    )
    intent: Mapping[str, Any] = parse_data["intent"] if isinstance(parse_data.get("intent"), Mapping) else {}
    return parse_data.get("safety_override") in FLAGGED_INTENTS or intent.get("name") in FLAGGED_INTENTS


def _kept_in_flagged_turn(data: Mapping[str, Any], slots: Mapping[str, Any]) -> bool:
    """Slot values a flagged turn may still set: form bookkeeping, flags and declared categories."""
    value = data.get("value")
    if value is None or isinstance(value, (bool, int, float)) or data.get("name") == REQUESTED_SLOT:
        return True
    slot = slots.get(str(data.get("name")))
    values = getattr(slot, "values", None) or []  # categorical slots (language): only a declared value
    return isinstance(value, str) and bool(values) and value.lower() in [str(v).lower() for v in values]


def storable_events(
    serialized: list[Mapping[str, Any]], flagged: bool = False, slots: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Redacted copies of one save's events; in a disclosure or crisis turn, slot values are blanked.

    A story told (or a crisis typed) as a form answer must not survive as a slot value, whatever
    the slot mappings say. ``flagged`` is the state of the turn the first events belong to (its
    user message may have been saved before); each user event (or new session) starts a new turn.
    """
    slots = slots or {}
    clean: list[dict[str, Any]] = []
    for data in serialized:
        if data.get("event") in ("user", "session_started"):
            flagged = is_flagged_turn(data)  # a new session starts unflagged
        event = redact_event(data)
        if flagged and event.get("event") == "slot" and not _kept_in_flagged_turn(event, slots):
            event["value"] = None
        clean.append(event)
    return clean
