"""One catalogue of the ids the bot's parts share: topics, dialogue steps and channels.

Topics and dialogue steps are read from data/topics.yml (the editors' catalogue), so the reply
renderer, the actions, the conversation store, the handoff payload, caseworker links and the
content check never keep their own copies. Languages live in bot.nlu.languages (re-exported
here for one place to look). tests/bot/test_catalogue.py checks that domain.yml, the locale
files and the stories agree with it.
"""

from __future__ import annotations

import base64
import functools
import re
from typing import Any

import yaml

from bot import settings
from bot.nlu.languages import SUPPORTED as LANGUAGES  # noqa: F401 - re-exported: the one catalogue

TOPICS_FILE = settings.PROJECT_ROOT / "data" / "topics.yml"

# Rasa input channel names (what `input_channel` says in trackers and what the NLG receives).
REST = "rest"
SOCKET_IO = "socketio"
SMS = "twilio"  # the Twilio SMS channel; the NLG sends it the short answer forms
CHANNELS = (REST, SOCKET_IO, SMS)

REPLY_KINDS = ("answer", "fixed", "built")


@functools.lru_cache(maxsize=1)
def _catalogue() -> dict[str, Any]:
    doc = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8")) or {}
    for step, spec in (doc.get("dialogue") or {}).items():
        if not isinstance(spec, dict) or spec.get("reply") not in REPLY_KINDS:
            raise ValueError(
                f"{TOPICS_FILE.name}: dialogue step {step!r} needs `reply:` one of {', '.join(REPLY_KINDS)}"
            )
    return doc


def topic_ids() -> frozenset[str]:
    """The legal topics (answers with sources); a handoff may list these as topics asked about."""
    return frozenset(_catalogue().get("topics") or {})


def dialogue_ids() -> frozenset[str]:
    """Dialogue steps (menu, crisis, legal-aid routing ...): no legal content."""
    return frozenset(_catalogue().get("dialogue") or {})


def _dialogue_where(key: str, *values: Any) -> frozenset[str]:
    return frozenset(step for step, spec in (_catalogue().get("dialogue") or {}).items() if spec.get(key) in values)


def dialogue_answers() -> tuple[str, ...]:
    """Dialogue steps answered from answers.<lang>.yml (required in every language)."""
    return tuple(sorted(_dialogue_where("reply", "answer")))


def fixed_text_ids() -> frozenset[str]:
    """Replies whose text holds no user data, so the store keeps it as written."""
    return topic_ids() | _dialogue_where("reply", "answer", "fixed")


def linkable_ids() -> frozenset[str]:
    """Answers a caseworker link may open the chat on."""
    return topic_ids() | _dialogue_where("linkable", True)


# --- values the bot generates, which the conversation store keeps as they are ------------------
# A contact typed for a handoff is encrypted by the action server (bot.handoff.crypto) into
# "sealed:<token>"; handoff ids are UUIDs and reference codes KYR-XXXXX. Their digit runs would
# otherwise look like phone numbers to the redactor.
SEALED_PREFIX = "sealed:"
# No 0/O, 1/I/L: the user may read a reference code aloud or copy it from a phone screen.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_GENERATED_ID = re.compile(
    rf"^(?:[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}|KYR-[{REFERENCE_ALPHABET}]{{5}})$"
)


def is_sealed(value: object) -> bool:
    """Whether ``value`` has the shape of a ``seal`` result (checked without the key).

    A user can type "sealed:..." as a form answer; only a Fernet token (version byte 0x80, at
    least 73 bytes) passes, so such text is redacted like any other (issue #15)."""
    if not isinstance(value, str) or not value.startswith(SEALED_PREFIX):
        return False
    try:
        raw = base64.urlsafe_b64decode(value[len(SEALED_PREFIX) :].encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return False
    return len(raw) >= 73 and raw[0] == 0x80


def is_generated_value(value: Any) -> bool:
    """A sealed value or an id the bot generated (kept by the store as is)."""
    return is_sealed(value) or (isinstance(value, str) and bool(_GENERATED_ID.match(value)))
