"""A bounded view of a conversation for the Rasa server: the last turns plus a summary of the rest.

Rasa's SQL store rebuilds a conversation from every stored event of its session on every
message, and the policies then featurize that whole history for each prediction, so each
message cost more than the one before (make bench: 31 ms at turns 1-10, 86 ms at turns 91-100).
The only policy is RulePolicy and no rule spans more than one user turn (config.yml), so the
server works on:

* the stored events of the last ``MIN_TURNS`` to ``2 * MIN_TURNS`` turns, cut at a listen
  (a turn boundary), exactly as stored (redacted JSON); and before them
* a summary of everything older in the session: one text-less bot event per topic already
  answered (the NLG and the handoff read which topics a session covered), the slot values and
  the active form as they stood at the start of those turns.

Replaying summary + recent events gives the same slots, form and answered topics as replaying
the whole session. The full history stays in the database (tracker API, retention, export).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rasa.shared.core.events import Event
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

from bot.conversation import DANGER_KEY

# Turns kept whole: the longest rule covers one user turn; two leave a margin.
MIN_TURNS = 2
LISTEN = "action_listen"
SUMMARY_BOT_METADATA = ("topic", "lang", "utter_action", DANGER_KEY)

# (number of stored rows, highest row id) of a conversation: how a cached window knows the
# database still holds what it was built from (a deletion by another process changes it).
Stamp = tuple[int, int | None]

_EVENT_TYPES: dict[str, type[Event]] = {}


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """``Event.from_parameters`` without its per-event walk over every Event subclass (~0.1 ms)."""
    if not _EVENT_TYPES:
        _EVENT_TYPES.update({cls.type_name: cls for cls in all_subclasses(Event) if hasattr(cls, "type_name")})
    cls = _EVENT_TYPES.get(str(data.get("event")))
    if cls is None:
        event = Event.from_parameters(dict(data))  # raises a clear error for unknown names
        if event is None:
            raise ValueError(f"cannot rebuild stored event of type {data.get('event')!r}")
        return event
    return cls._from_parameters(dict(data))


def _is_listen(data: Mapping[str, Any]) -> bool:
    return data.get("event") == "action" and data.get("name") == LISTEN


def _listen_positions(events: list[str]) -> list[int]:
    # Stored JSON starts with {"event": "action", ...}: a cheap test before parsing.
    return [i for i, raw in enumerate(events) if f'"{LISTEN}"' in raw and _is_listen(json.loads(raw))]


def summarize(sender_id: str, slots: Iterable[Slot], events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events that put a fresh tracker in the state ``events`` leave it in (see module doc)."""
    slots = list(slots)
    tracker = DialogueStateTracker.from_events(sender_id, [event_from_dict(e) for e in events], slots)
    last_timestamp = next((e.get("timestamp") for e in reversed(events) if e.get("timestamp")), None)
    summary: list[dict[str, Any]] = []
    topics_seen = set()
    for data in events:
        metadata: Mapping[str, Any] = data["metadata"] if isinstance(data.get("metadata"), Mapping) else {}
        topic = metadata.get("topic") if data.get("event") == "bot" else None
        if topic and topic not in topics_seen:
            topics_seen.add(topic)
            summary.append(
                {
                    "event": "bot",
                    "text": None,
                    "timestamp": data.get("timestamp"),
                    "metadata": {k: metadata[k] for k in SUMMARY_BOT_METADATA if k in metadata},
                }
            )
    for name, slot in tracker.slots.items():
        if slot.value != slot.initial_value:
            summary.append({"event": "slot", "name": name, "value": slot.value, "timestamp": last_timestamp})
    if tracker.active_loop_name:
        summary.append({"event": "active_loop", "name": tracker.active_loop_name, "timestamp": last_timestamp})
    return summary


@dataclass
class ConversationWindow:
    """The stored events the server works on for one conversation (see module doc)."""

    stamp: Stamp
    recent: list[str]  # stored JSON of the latest turns, oldest first
    summary: list[dict[str, Any]] = field(default_factory=list)

    def extend(self, stored: list[str], stamp: Stamp) -> None:
        self.recent.extend(stored)
        self.stamp = stamp

    def compact(self, sender_id: str, slots: Iterable[Slot], min_turns: int = MIN_TURNS) -> None:
        """Fold the oldest turns into the summary once more than ``2 * min_turns`` are held."""
        listens = _listen_positions(self.recent)  # the last one waits for the next message
        if len(listens) - 1 <= 2 * min_turns:
            return
        cut = listens[-(min_turns + 1)]
        older = self.summary + [json.loads(raw) for raw in self.recent[:cut]]
        self.summary = summarize(sender_id, slots, older)
        self.recent = self.recent[cut:]

    def tracker(
        self, sender_id: str, slots: Iterable[Slot], max_event_history: int | None = None
    ) -> DialogueStateTracker:
        events = [event_from_dict(e) for e in self.summary] + [event_from_dict(json.loads(raw)) for raw in self.recent]
        return DialogueStateTracker.from_events(sender_id, events, slots, max_event_history)
