"""The bounded conversation window: same state as the whole session, bounded size, never stale."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.conversation import topics_answered
from bot.stores.tracker_store import RedactingTrackerStore
from bot.stores.window import MIN_TURNS, ConversationWindow, event_from_dict

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet, therapy_privacy, right_to_lawyer, find_legal_aid]
slots:
  language: {type: categorical, values: [en, es], influence_conversation: false, mappings: [{type: custom}]}
  us_state: {type: text, influence_conversation: false, mappings: [{type: custom}]}
  flow_cancelled: {type: bool, initial_value: false, influence_conversation: false, mappings: [{type: custom}]}
  requested_slot: {type: text, influence_conversation: false, mappings: [{type: custom}]}
forms:
  legal_aid_form: {required_slots: [us_state]}
responses:
  utter_therapy_privacy: [{text: "a"}]
  utter_right_to_lawyer: [{text: "b"}]
"""
)
TOPICS = ["therapy_privacy", "right_to_lawyer", "menu"]


def turn(i: int) -> list[Event]:
    """One turn of a fake conversation; slots and forms change along the way."""
    topic = TOPICS[i % len(TOPICS)]
    events: list[Event] = [
        UserUttered(f"question {i}", intent={"name": "greet", "confidence": 0.9}),
        SlotSet("language", "es" if i % 4 else "en"),
        ActionExecuted(f"utter_{topic}"),
        BotUttered(f"answer {i}", metadata={"topic": topic, "lang": "en", "utter_action": f"utter_{topic}"}),
    ]
    if i == 3:
        events += [ActiveLoop("legal_aid_form"), SlotSet("requested_slot", "us_state")]
    if i == 7:
        events += [SlotSet("us_state", "TX"), ActiveLoop(None), SlotSet("requested_slot", None)]
    if i == 9:
        events += [SlotSet("flow_cancelled", True), ActiveLoop("legal_aid_form")]
    return events + [ActionExecuted("action_listen")]


def session(turns: int) -> list[Event]:
    events: list[Event] = [ActionExecuted("action_listen")]
    for i in range(turns):
        events += turn(i)
    return events


def stored(events: list[Event]) -> list[str]:
    return [json.dumps(e.as_dict()) for e in events]


def turns_in(tracker: DialogueStateTracker) -> int:
    return sum(1 for e in tracker.events if isinstance(e, UserUttered))


def assert_same_state(window_tracker: DialogueStateTracker, full: DialogueStateTracker) -> None:
    assert window_tracker.current_slot_values() == full.current_slot_values()
    assert window_tracker.active_loop_name == full.active_loop_name
    assert window_tracker.latest_message.text == full.latest_message.text
    assert window_tracker.latest_action_name == full.latest_action_name
    as_dicts = lambda t: [e.as_dict() for e in t.events]  # noqa: E731
    assert topics_answered(as_dicts(window_tracker)) == topics_answered(as_dicts(full))


@pytest.mark.parametrize("turns", [1, MIN_TURNS, 2 * MIN_TURNS + 1, 40])
def test_window_gives_the_state_of_the_whole_session_with_at_most_2x_min_turns(turns: int) -> None:
    events = session(turns)
    full = DialogueStateTracker.from_events("s", events, DOMAIN.slots)
    window = ConversationWindow((len(events), len(events)), stored(events))
    window.compact("s", DOMAIN.slots)
    tracker = window.tracker("s", DOMAIN.slots)
    assert_same_state(tracker, full)
    assert turns_in(tracker) <= 2 * MIN_TURNS
    assert turns_in(tracker) >= min(turns, MIN_TURNS)


def test_window_grown_one_turn_at_a_time_matches_the_full_replay_at_every_turn() -> None:
    events = session(0)
    window = ConversationWindow((1, 1), stored(events))
    for i in range(30):
        new = turn(i)
        events += new
        window.extend(stored(new), (len(events), len(events)))
        window.compact("s", DOMAIN.slots)
        assert_same_state(
            window.tracker("s", DOMAIN.slots), DialogueStateTracker.from_events("s", events, DOMAIN.slots)
        )
        assert len(window.recent) <= 2 * MIN_TURNS * 8


def test_summary_bot_events_carry_no_text() -> None:
    window = ConversationWindow((0, None), stored(session(30)))
    window.compact("s", DOMAIN.slots)
    bots = [e for e in window.summary if e["event"] == "bot"]
    assert bots and all(e["text"] is None for e in bots)


def test_event_from_dict_rebuilds_every_kind_like_rasa() -> None:
    for event in session(10):
        data = event.as_dict()
        rebuilt = event_from_dict(data)
        assert type(rebuilt) is type(event) and rebuilt.as_dict() == data
    with pytest.raises(ValueError):
        event_from_dict({"event": "no_such_event"})


# -- the store keeps and checks its windows ----------------------------------------------------
@pytest.fixture()
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'conversations.db'}"


async def talk(store: RedactingTrackerStore, sender: str, turns: int, start: int = 0) -> DialogueStateTracker:
    """What Rasa does per message: retrieve (or create), append the turn, save."""
    for i in range(start, start + turns):
        tracker = await store.get_or_create_tracker(sender)
        for event in turn(i):
            tracker.update(event)
        await store.save(tracker)
    return tracker


async def test_a_long_conversation_is_stored_whole_but_served_as_a_window(url: str) -> None:
    store = RedactingTrackerStore(domain=DOMAIN, host=url)
    await talk(store, "long", 40)
    served = await store.retrieve("long")
    full = await store.retrieve_full_tracker("long")
    assert turns_in(full) == 40  # nothing lost in the database
    assert turns_in(served) <= 2 * MIN_TURNS
    assert_same_state(served, full)
    # A fresh process (no cache) serves the same state from the database alone.
    assert_same_state(await RedactingTrackerStore(domain=DOMAIN, host=url).retrieve("long"), full)


async def test_deletion_by_another_process_is_seen_at_once(url: str) -> None:
    server = RedactingTrackerStore(domain=DOMAIN, host=url)
    await talk(server, "gone", 5)
    await talk(server, "kept", 3)
    assert "gone" in server._windows
    sweeper = RedactingTrackerStore(domain=DOMAIN, host=url)
    assert sweeper.delete_conversation("gone") > 0
    assert await server.retrieve("gone") is None
    # The next message starts afresh: nothing of the deleted conversation comes back.
    await talk(server, "gone", 1, start=20)
    full = await server.retrieve_full_tracker("gone")
    assert [e.text for e in full.events if isinstance(e, UserUttered)] == ["question 20"]
    assert turns_in(await server.retrieve("kept")) == 3


async def test_a_tracker_the_store_did_not_hand_out_is_saved_the_rasa_way(url: str) -> None:
    store = RedactingTrackerStore(domain=DOMAIN, host=url)
    await talk(store, "api", 3)
    replaced = DialogueStateTracker.from_events("api", (await store.retrieve_full_tracker("api")).events, DOMAIN.slots)
    replaced.update(UserUttered("added by the HTTP API", intent={"name": "greet", "confidence": 1.0}))
    await store.save(replaced)
    assert "api" not in store._windows  # read afresh next time
    assert (await store.retrieve("api")).latest_message.text == "added by the HTTP API"


async def test_windows_kept_in_memory_are_bounded(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYR_WINDOW_CACHE_SIZE", "3")
    store = RedactingTrackerStore(domain=DOMAIN, host=url)
    for n in range(6):
        await talk(store, f"user-{n}", 1)
    assert list(store._windows) == ["user-3", "user-4", "user-5"]
    assert turns_in(await store.retrieve("user-0")) == 1  # evicted ones are read from the database


async def test_a_deletion_between_reading_and_saving_a_turn_is_not_papered_over(url: str) -> None:
    server = RedactingTrackerStore(domain=DOMAIN, host=url)
    await talk(server, "race", 4)
    tracker = await server.retrieve("race")
    RedactingTrackerStore(domain=DOMAIN, host=url).delete_conversation("race")  # the sweeper, meanwhile
    for event in turn(9):
        tracker.update(event)
    await server.save(tracker)
    served = await server.retrieve("race")
    stored = await server.retrieve_full_tracker("race")
    # Only the turn saved after the deletion is in the database, and that is what is served.
    assert [e.text for e in stored.events if isinstance(e, UserUttered)] == ["question 9"]
    assert [e.text for e in served.events if isinstance(e, UserUttered)] == ["question 9"]


def test_the_windows_assumption_holds_for_the_real_config_and_rules() -> None:
    """The window keeps MIN_TURNS..2*MIN_TURNS turns because the only policy is RulePolicy and no
    rule or story spans more than one user turn: checked on the files the model is trained from."""
    from pathlib import Path

    import yaml
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader

    root = Path(__file__).resolve().parents[3]
    policies = [p["name"] for p in yaml.safe_load((root / "config.yml").read_text())["policies"]]
    assert policies == ["RulePolicy"], "a memoizing or ML policy reads older turns: revisit bot/stores/window.py"
    reader = YAMLStoryReader(Domain.load(str(root / "domain.yml")))
    steps = [
        step for path in sorted((root / "data" / "stories").glob("*.yml")) for step in reader.read_from_file(str(path))
    ]
    assert steps, "no rules were read"
    longest = max(sum(isinstance(e, UserUttered) for e in step.events) for step in steps)
    assert longest <= 1 < MIN_TURNS
