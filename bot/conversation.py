"""What a conversation covered, read from serialized tracker events (metadata only, never text)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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


# Intents of a typed message that reads as harmless alone but, right after the crisis answer, is the danger
# going on: "hes back" / "what do i do" (menu), "ya volvio" (cancel), "ya llego" (goodbye), "hes here"
# (inform), "no se que hacer" / "m pa konnen" (deny), "ele voltou" (nothing the classifier can place). The
# first rule after `utter_crisis` in data/stories/core.yml lists the same intents (tests/bot/test_conversation.py).
CRISIS_FOLLOW_UP_INTENTS = frozenset({"nlu_fallback", "out_of_scope", "menu", "cancel", "goodbye", "inform", "deny"})
CRISIS_TOPIC = "crisis"


def crisis_answer_last(events: Sequence[Mapping[str, Any]]) -> bool:
    """True when the bot's reply to the user's previous message included the crisis answer.

    ``events`` end with the user's current message (as an action or a form's validation sees them); the
    reply to the message before it is every bot event between the two.
    """
    users = [i for i, event in enumerate(events) if event.get("event") == "user"]
    if len(users) < 2:
        return False
    return any(
        event.get("event") == "bot" and (event.get("metadata") or {}).get("topic") == CRISIS_TOPIC
        for event in events[users[-2] + 1 : users[-1]]
    )
