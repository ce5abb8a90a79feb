"""What a conversation covered, read from serialized tracker events (metadata only, never text)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def topics_answered(events: Iterable[Mapping[str, Any]]) -> list[str]:
    """IDs the bot answered since the last session start (bot-event ``metadata.topic``), oldest first."""
    seen: list[str] = []
    for event in events:
        if event.get("event") == "session_started":
            seen = []
        topic = (event.get("metadata") or {}).get("topic") if event.get("event") == "bot" else None
        if topic and topic not in seen:
            seen.append(topic)
    return seen
