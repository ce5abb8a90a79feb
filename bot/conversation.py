"""What a conversation covered, read from serialized tracker events (metadata only, never text)."""
from __future__ import annotations

from typing import Any, Iterable, List, Mapping


def topics_answered(events: Iterable[Mapping[str, Any]]) -> List[str]:
    """IDs the bot answered since the last session start (bot-event ``metadata.topic``), oldest first."""
    seen: List[str] = []
    for event in events:
        if event.get("event") == "session_started":
            seen = []
        topic = (event.get("metadata") or {}).get("topic") if event.get("event") == "bot" else None
        if topic and topic not in seen:
            seen.append(topic)
    return seen
