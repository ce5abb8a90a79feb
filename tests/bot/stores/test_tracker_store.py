"""RedactingTrackerStore: nothing personal reaches the database, deletion on request, retention helpers."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import time
from pathlib import Path
from typing import Any

import pytest
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.stores.stored_events import DISCLOSURE_MARKER, filter_metadata, redact_event
from bot.stores.tracker_store import RedactingTrackerStore

# Fake person: nothing here is real.
NAME, PHONE, EMAIL, A_NUM, STREET = (
    "Karla Fakename",
    "713-555-0125",
    "karla.fake@example.com",
    "A012-345-679",
    "123 Fake St",
)
PLANTED = [NAME, "Fakename", PHONE, "555-0125", EMAIL, A_NUM, "345-679", STREET, "Houston", "77002", "SM0000fake"]

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet, disclosure_guard, delete_my_data, therapy_privacy]
entities: [language, name]
slots:
  language: {type: categorical, values: [en, es], influence_conversation: false, mappings: [{type: from_entity, entity: language}]}
  note: {type: text, influence_conversation: false, mappings: [{type: custom}]}
  name: {type: text, influence_conversation: false, mappings: [{type: custom}]}
actions: [action_delete_my_data]
responses:
  utter_greet: [{text: "hi"}]
"""
)


def user(
    text: str,
    intent: str = "greet",
    entities: list[dict[str, Any]] | None = None,
    metadata: dict[str, Any] | None = None,
    ts: float | None = None,
) -> UserUttered:
    event = UserUttered(
        text,
        intent={"name": intent, "confidence": 0.9},
        entities=entities or [],
        parse_data={
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "entities": entities or [],
            "intent_ranking": [{"name": intent, "confidence": 0.9}],
            "message_id": "SM0000fake",
            "response_selector": {"default": {"response": {"responses": [{"text": text}]}}},
        },
        input_channel="twilio",
        message_id="SM0000fake",
        metadata=metadata,
        timestamp=ts,
    )
    return event


def bot(text: str, metadata: dict[str, Any], ts: float | None = None) -> BotUttered:
    return BotUttered(text, metadata=metadata, timestamp=ts)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "db" / "conversations.db"


@pytest.fixture()
def store(db: Path) -> RedactingTrackerStore:
    return RedactingTrackerStore(domain=DOMAIN, host=f"sqlite:///{db}")


def rows(db: Path) -> list[sqlite3.Row]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        return con.execute("SELECT * FROM events ORDER BY id").fetchall()
    finally:
        con.close()


def tracker_with(sender: str, events: list) -> DialogueStateTracker:
    return DialogueStateTracker.from_events(sender, events, DOMAIN.slots)


def conversation(sender: str = "s1") -> DialogueStateTracker:
    twilio_meta = {
        "lang": "es",
        "FromCity": "HOUSTON",
        "FromZip": "77002",
        "FromState": "TX",
        "From": PHONE,
        "customData": {"topic": "therapy_privacy", "address": STREET},
    }
    return tracker_with(
        sender,
        [
            ActionExecuted("action_session_start"),
            SessionStarted(),
            SlotSet("session_started_metadata", twilio_meta),
            ActionExecuted("action_listen"),
            user(
                f"me llamo {NAME}, mi cel {PHONE}, correo {EMAIL}, A# {A_NUM}, vivo en {STREET}",
                entities=[
                    {"entity": "name", "value": NAME, "start": 9, "end": 23, "extractor": "DIET"},
                    {"entity": "language", "value": "es", "start": 0, "end": 5},
                ],
                metadata=twilio_meta,
            ),
            SlotSet("note", f"call {PHONE}"),
            SlotSet("name", "Karla"),
            SlotSet("language", "es"),
            ActionExecuted("utter_greet"),
            bot(
                "Hola. Puedo explicarte tus derechos.",
                {"topic": "menu", "lang": "es", "utter_action": "utter_greet", "channel_debug": PHONE},
            ),
            ActionExecuted("action_listen"),
        ],
    )


def test_redact_event_is_pure_and_removes_values() -> None:
    data = user(f"my number is {PHONE}", metadata={"FromZip": "77002", "lang": "en"}).as_dict()
    before = json.dumps(data)
    clean = redact_event(data)
    assert json.dumps(data) == before
    assert clean["text"] == "my number is <PHONE>"
    assert clean["parse_data"]["text"] == "my number is <PHONE>"
    assert clean["metadata"] == {"lang": "en"}
    assert clean["message_id"] is None
    assert "response_selector" not in clean["parse_data"]


def test_entities_overlapping_a_personal_value_are_replaced_whatever_their_name() -> None:
    text = f"my name is {NAME} ok"
    start = text.index("Fakename")
    data = user(
        text,
        entities=[
            {"entity": "topic", "value": "Fakename", "start": start, "end": start + 8},
            {"entity": "language", "value": "en", "start": 0, "end": len(text)},
        ],
    ).as_dict()
    clean = redact_event(data)
    assert [e["value"] for e in clean["parse_data"]["entities"]] == ["<NAME>", "en"]


def test_filter_metadata_keeps_only_short_lang_and_topic() -> None:
    assert filter_metadata(
        {"lang": "es", "FromCity": "X", "customData": {"topic": "complaint", "lat": 1.0}}, ["lang", "topic"]
    ) == {"lang": "es", "topic": "complaint"}
    assert filter_metadata({"lang": "es; drop table"}, ["lang"]) == {}
    assert filter_metadata(None, ["lang"]) == {}


async def test_nothing_planted_reaches_the_database(store: RedactingTrackerStore, db: Path) -> None:
    await store.save(conversation())
    raw = db.read_bytes().decode("latin-1")
    for value in PLANTED:
        assert value not in raw, "a planted value reached the database file"
    stored = [json.loads(r["data"]) for r in rows(db)]
    user_event = next(e for e in stored if e["event"] == "user")
    assert user_event["text"] == "me llamo <NAME>, mi cel <PHONE>, correo <EMAIL>, A# <A_NUMBER>, vivo en <ADDRESS>"
    assert user_event["metadata"] == {"lang": "es", "topic": "therapy_privacy"}
    assert {e["entity"]: e["value"] for e in user_event["parse_data"]["entities"]} == {
        "name": "<NAME>",
        "language": "es",
    }
    slots = {e["name"]: e["value"] for e in stored if e["event"] == "slot"}
    assert slots == {
        "session_started_metadata": {"lang": "es", "topic": "therapy_privacy"},
        "note": "call <PHONE>",
        "name": "<NAME>",
        "language": "es",
    }
    bot_event = next(e for e in stored if e["event"] == "bot")
    assert bot_event["text"] == "Hola. Puedo explicarte tus derechos."
    assert bot_event["metadata"] == {"topic": "menu", "lang": "es", "utter_action": "utter_greet"}


async def test_database_file_is_owner_only(store: RedactingTrackerStore, db: Path) -> None:
    await store.save(conversation())
    sqlite_files = [p for p in db.parent.iterdir() if p.name.startswith(db.name)]  # with -wal, -shm
    assert len(sqlite_files) >= 2
    assert all(stat.S_IMODE(os.stat(p).st_mode) == 0o600 for p in sqlite_files)


async def test_retrieve_rebuilds_a_usable_tracker_and_save_appends_only_new_events(
    store: RedactingTrackerStore, db: Path
) -> None:
    await store.save(conversation())
    count = len(rows(db))
    tracker = await store.retrieve("s1")
    assert tracker is not None
    assert tracker.get_slot("language") == "es"
    assert tracker.get_slot("name") == "<NAME>"
    assert tracker.latest_message.text.startswith("me llamo <NAME>")
    assert tracker.latest_action_name == "action_listen"
    tracker.update(user("what about therapy notes?", intent="therapy_privacy"))
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)
    assert len(rows(db)) == count + 2
    again = await store.retrieve("s1")
    assert again.latest_message.intent["name"] == "therapy_privacy"


async def test_disclosure_is_stored_as_a_marker_only(store: RedactingTrackerStore, db: Path) -> None:
    tracker = tracker_with(
        "s2",
        [
            ActionExecuted("action_listen"),
            user(
                "when I was 12 the men in Fakeville took me",
                intent="disclosure_guard",
                entities=[{"entity": "name", "value": "Fakeville", "start": 0, "end": 1}],
            ),
        ],
    )
    await store.save(tracker)
    stored = [json.loads(r["data"]) for r in rows(db)]
    user_event = next(e for e in stored if e["event"] == "user")
    assert user_event["text"] == DISCLOSURE_MARKER
    assert user_event["parse_data"]["text"] == DISCLOSURE_MARKER
    assert user_event["parse_data"]["entities"] == []
    assert user_event["parse_data"]["intent"]["name"] == "disclosure_guard"
    assert "Fakeville" not in db.read_bytes().decode("latin-1")


async def test_crisis_messages_are_kept_but_redacted(store: RedactingTrackerStore, db: Path) -> None:
    await store.save(tracker_with("s3", [user(f"I want to hurt myself, I'm at {STREET}", intent="crisis")]))
    user_event = next(json.loads(r["data"]) for r in rows(db) if r["type_name"] == "user")
    assert user_event["text"] == "I want to hurt myself, I'm at <ADDRESS>"


async def test_delete_action_wipes_the_whole_conversation_and_stores_nothing_new(
    store: RedactingTrackerStore, db: Path
) -> None:
    await store.save(conversation("keep-me"))
    await store.save(conversation("forget-me"))
    tracker = await store.retrieve("forget-me")
    tracker.update(user("delete my data", intent="delete_my_data"))
    tracker.update(ActionExecuted("action_delete_my_data"))
    tracker.update(bot("Deleted.", {"topic": "delete_my_data", "lang": "en"}))
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)
    assert {r["sender_id"] for r in rows(db)} == {"keep-me"}
    assert await store.retrieve("forget-me") is None
    fresh = await store.get_or_create_tracker("forget-me")
    assert all(not isinstance(e, UserUttered) for e in fresh.events)
    # saving the same in-memory tracker again (e.g. a retry) must not resurrect anything
    await store.save(tracker)
    assert {r["sender_id"] for r in rows(db)} == {"keep-me"}


async def test_delete_conversation_counts_and_spares_others(store: RedactingTrackerStore, db: Path) -> None:
    await store.save(conversation("a"))
    await store.save(conversation("b"))
    n = len([r for r in rows(db) if r["sender_id"] == "a"])
    assert store.delete_conversation("a") == n
    assert store.delete_conversation("a") == 0
    assert {r["sender_id"] for r in rows(db)} == {"b"}


async def test_last_activity_and_delete_inactive_before_remove_whole_conversations(
    store: RedactingTrackerStore, db: Path
) -> None:
    now = time.time()
    old, recent = now - 30 * 3600, now - 3600
    await store.save(tracker_with("old", [user("hola", ts=old - 10), bot("hi", {"lang": "es"}, ts=old)]))
    # a conversation that started long ago but is still active is kept whole
    await store.save(tracker_with("active", [user("hola", ts=old), bot("hi", {"lang": "es"}, ts=recent)]))
    activity = store.last_activity()
    assert activity["old"] == pytest.approx(old) and activity["active"] == pytest.approx(recent)
    conversations, events = store.delete_inactive_before(now - 24 * 3600)
    assert (conversations, events) == (1, 2)
    assert [r["sender_id"] for r in rows(db)] == ["active", "active"]


async def test_event_broker_gets_only_redacted_events(store: RedactingTrackerStore) -> None:
    class Broker:
        def __init__(self) -> None:
            self.published: list[dict[str, Any]] = []

        def publish(self, body: dict[str, Any]) -> None:
            self.published.append(body)

    broker = Broker()
    store.event_broker = broker
    await store.save(conversation("s9"))
    dumped = json.dumps(broker.published)
    assert broker.published and all(b["sender_id"] == "s9" for b in broker.published)
    for value in PLANTED:
        assert value not in dumped


async def test_created_from_endpoints_like_rasa_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'via-endpoint.db'}"
    created = TrackerStore.create(
        EndpointConfig(type="bot.stores.tracker_store.RedactingTrackerStore", url=url), DOMAIN
    )
    assert isinstance(created, RedactingTrackerStore)
    await created.save(conversation("e1"))
    assert (tmp_path / "via-endpoint.db").exists()
    # without a url: KYR_TRACKER_DB_URL, else SQLite under KYR_DATA_DIR
    monkeypatch.setenv("KYR_TRACKER_DB_URL", f"sqlite:///{tmp_path / 'from-env.db'}")
    created = TrackerStore.create(EndpointConfig(type="bot.stores.tracker_store.RedactingTrackerStore"), DOMAIN)
    assert isinstance(created, RedactingTrackerStore)
    assert (tmp_path / "from-env.db").exists()


def test_a_url_without_scheme_is_refused_with_a_next_step(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="KYR_TRACKER_DB_URL"):
        RedactingTrackerStore(domain=DOMAIN, host="localhost")


def test_bot_text_echoing_a_contact_is_redacted_and_sealed_slots_pass_unchanged():
    from bot.handoff.crypto import seal, unseal
    from bot.stores.stored_events import redact_event

    bot = redact_event(
        {"event": "bot", "text": "2. Contact: text +1 555-555-0123", "metadata": {"topic": "human_handoff"}}
    )
    assert "555-0123" not in bot["text"] and "<PHONE>" in bot["text"]
    sealed = seal("+15555550123")
    slot = redact_event({"event": "slot", "name": "handoff_contact_value", "value": sealed})
    assert slot["value"] == sealed and unseal(slot["value"]) == "+15555550123"
    raw = redact_event({"event": "slot", "name": "handoff_contact_value", "value": "+1 555 555 0123"})
    assert "0123" not in raw["value"]


def test_text_typed_to_look_sealed_is_redacted_like_any_text():
    """Issue 15 (low): any slot value starting with "sealed:" used to be stored as is."""
    from bot.handoff.crypto import is_sealed, seal
    from bot.stores.stored_events import redact_event

    value = "sealed:call me at +1 555 555 0123"
    stored = redact_event({"event": "slot", "name": "custody_status", "value": value})["value"]
    assert stored != value and "0123" not in stored
    assert not is_sealed("sealed:" + "A" * 120)  # base64, but not a Fernet token
    assert is_sealed(seal("+15555550123"))


def test_generated_ids_in_slots_are_kept_whole():
    import uuid

    from bot.stores.stored_events import redact_event

    for _ in range(200):  # random UUIDs: some have digit runs that look like phone numbers
        handoff_id = str(uuid.uuid4())
        assert redact_event({"event": "slot", "name": "handoff_key", "value": handoff_id})["value"] == handoff_id
    assert redact_event({"event": "slot", "name": "handoff_reference", "value": "KYR-7F3Q9"})["value"] == "KYR-7F3Q9"


def test_static_answers_are_stored_as_written_and_echoing_flows_are_redacted():
    from bot.stores.stored_events import redact_event

    crisis = redact_event({"event": "bot", "text": "Call 1-800-422-4453 now.", "metadata": {"topic": "crisis"}})
    assert crisis["text"] == "Call 1-800-422-4453 now."
    summary = redact_event({"event": "bot", "text": "Contact: 713-555-0125", "metadata": {"topic": "human_handoff"}})
    assert "0125" not in summary["text"]
    untagged = redact_event({"event": "bot", "text": "Contact: 713-555-0125", "metadata": {}})
    assert "0125" not in untagged["text"]


async def test_deleted_conversations_leave_nothing_in_the_sqlite_files(store: RedactingTrackerStore, db: Path) -> None:
    """The write-ahead log holds every written page until checkpointed: deletions empty it."""
    await store.save(conversation("keep-me"))
    await store.save(
        tracker_with("forget-me", [user("I live in Fakeville", ts=time.time()), bot("ok", {"lang": "en"})])
    )
    files = lambda: b"".join(p.read_bytes() for p in db.parent.iterdir() if p.name.startswith(db.name))  # noqa: E731
    assert b"Fakeville" in files()  # the test can see it before...
    assert store.delete_conversation("forget-me") > 0
    assert b"Fakeville" not in files()  # ...and not after
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert {r["sender_id"] for r in rows(db)} == {"keep-me"}


# -- A story typed as a form answer (issue #15): no slot keeps it -----------------------------
STORY_EN = "the gang in Fakeland killed my brother and I ran away"
STORY_ES = "la pandilla en Fakeland mató a mi hermano y me escapé"
FORM_DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet, disclosure_guard, crisis, find_legal_aid]
slots:
  language: {type: categorical, values: [en, es], influence_conversation: false, mappings: [{type: from_entity, entity: language}]}
  us_state: {type: text, influence_conversation: false, mappings: [{type: from_text}]}
  flow_cancelled: {type: bool, influence_conversation: false, mappings: [{type: custom}]}
forms:
  legal_aid_form: {required_slots: [us_state]}
"""
)


def form_turn(text: str, intent: str, override: str | None) -> UserUttered:
    event = user(text, intent=intent)
    if override:
        event.parse_data["safety_override"] = override
    return event


@pytest.mark.parametrize("text", [STORY_EN, STORY_ES])
@pytest.mark.parametrize(
    "intent,override",
    [
        ("disclosure_guard", "disclosure_guard"),
        ("crisis", "crisis"),
        ("disclosure_guard", None),
        ("find_legal_aid", "crisis"),
    ],
)
async def test_a_slot_set_in_a_disclosure_or_crisis_turn_is_never_stored(
    tmp_path: Path, text: str, intent: str, override: str | None
) -> None:
    db = tmp_path / "c.db"
    store = RedactingTrackerStore(domain=FORM_DOMAIN, host=f"sqlite:///{db}")
    tracker = DialogueStateTracker.from_events(
        "s-form",
        [
            ActionExecuted("action_listen"),
            user("find a lawyer near me", intent="find_legal_aid"),
            ActionExecuted("legal_aid_form"),
            SlotSet("requested_slot", "us_state"),
            ActionExecuted("action_listen"),
            form_turn(text, intent, override),
            SlotSet("us_state", text),
            SlotSet("language", "es"),
            SlotSet("flow_cancelled", False),
            ActionExecuted("legal_aid_form"),
            SlotSet("requested_slot", "us_state"),
        ],
        FORM_DOMAIN.slots,
    )
    await store.save(tracker)
    assert "Fakeland" not in db.read_bytes().decode("utf-8", "replace")
    slots = [(e["name"], e["value"]) for e in (json.loads(r["data"]) for r in rows(db)) if e["event"] == "slot"]
    assert slots == [
        ("requested_slot", "us_state"),
        ("us_state", None),
        ("language", "es"),
        ("flow_cancelled", False),
        ("requested_slot", "us_state"),
    ]
    again = await store.retrieve("s-form")
    assert again.get_slot("us_state") is None and again.get_slot("requested_slot") == "us_state"


async def test_slot_events_saved_after_the_flagged_message_are_blanked_too(
    store: RedactingTrackerStore, db: Path
) -> None:
    tracker = tracker_with(
        "s-late", [ActionExecuted("action_listen"), form_turn(STORY_EN, "disclosure_guard", "disclosure_guard")]
    )
    await store.save(tracker)
    tracker = await store.retrieve("s-late")
    tracker.update(SlotSet("note", STORY_EN))  # e.g. a later save of the same turn
    await store.save(tracker)
    assert "Fakeland" not in db.read_bytes().decode("utf-8", "replace")


async def test_an_ordinary_answer_is_stored_and_the_next_turn_is_unflagged(
    store: RedactingTrackerStore, db: Path
) -> None:
    await store.save(
        tracker_with(
            "s-ok",
            [
                form_turn(STORY_EN, "disclosure_guard", "disclosure_guard"),
                SlotSet("note", STORY_EN),
                user("Texas", intent="greet"),
                SlotSet("note", "Texas"),
            ],
        )
    )
    slots = [e["value"] for e in (json.loads(r["data"]) for r in rows(db)) if e["event"] == "slot"]
    assert slots == [None, "Texas"]


async def test_the_broker_gets_the_blanked_slots(store: RedactingTrackerStore) -> None:
    published: list[dict[str, Any]] = []
    store.event_broker = type("Broker", (), {"publish": lambda self, body: published.append(body)})()
    await store.save(tracker_with("s-b", [form_turn(STORY_ES, "crisis", "crisis"), SlotSet("note", STORY_ES)]))
    assert [b.get("value") for b in published if b["event"] == "slot"] == [None]
