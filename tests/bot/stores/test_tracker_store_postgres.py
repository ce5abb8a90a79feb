"""The same store on PostgreSQL, selected by URL only (contract: 'PostgreSQL by URL')."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from rasa.shared.core.events import ActionExecuted

from bot.stores.tracker_store import RedactingTrackerStore
from tests.bot.stores.test_tracker_store import DOMAIN, PLANTED, bot, conversation, user
from tests.support.postgres import postgres_url  # noqa: F401

pytestmark = pytest.mark.e2e  # starts a PostgreSQL server


def stored(url: str):
    with sa.create_engine(url).connect() as con:
        return [
            (r[0], json.loads(r[1])) for r in con.execute(sa.text("SELECT sender_id, data FROM events ORDER BY id"))
        ]


async def test_postgres_store_redacts_retrieves_and_deletes(postgres_url):  # noqa: F811
    store = RedactingTrackerStore(domain=DOMAIN, url=postgres_url)
    await store.save(conversation("pg-keep"))
    await store.save(conversation("pg-forget"))
    dump = json.dumps(stored(postgres_url))
    assert not [value for value in PLANTED if value in dump]
    tracker = await store.retrieve("pg-forget")
    assert tracker is not None and tracker.get_slot("language") == "es"
    tracker.update(user("delete my data", intent="delete_my_data"))
    tracker.update(ActionExecuted("action_delete_my_data"))
    tracker.update(bot("Deleted.", {"topic": "delete_my_data", "lang": "en"}))
    await store.save(tracker)
    assert {sender for sender, _ in stored(postgres_url)} == {"pg-keep"}


async def test_postgres_turns_are_one_statement_each_way_and_see_other_writers(postgres_url):  # noqa: F811
    """The per-message path (bot.stores.events_sql): the turn's rows and the stamp after them in one
    statement, asynchronous commits on that engine only, and a deletion by another process is seen."""
    store = RedactingTrackerStore(domain=DOMAIN, url=postgres_url)
    await store.save(conversation("pg-turns"))
    for turn in range(3):
        tracker = await store.retrieve("pg-turns")
        assert tracker is not None
        tracker.update(user(f"question {turn}", intent="greet"))
        tracker.update(ActionExecuted("utter_greet"))
        tracker.update(bot("Hello", {"topic": "greet", "lang": "en"}))
        tracker.update(ActionExecuted("action_listen"))
        await store.save(tracker)
    with sa.create_engine(postgres_url).connect() as con:
        count, last = con.execute(sa.text("SELECT count(id), max(id) FROM events WHERE sender_id = 'pg-turns'")).one()
        texts = [
            json.loads(r[0]).get("text")
            for r in con.execute(sa.text("SELECT data FROM events WHERE sender_id = 'pg-turns' ORDER BY id"))
        ]
    assert store._windows["pg-turns"].stamp == (count, last)  # the cached window matches the database
    assert [t for t in texts if t and t.startswith("question")] == ["question 0", "question 1", "question 2"]
    assert store._autocommit is not None
    with store._autocommit.connect() as con:
        assert con.execute(sa.text("SHOW synchronous_commit")).scalar() == "off"
    with store.engine.connect() as con:  # deletions and sweeps: synchronous
        assert con.execute(sa.text("SHOW synchronous_commit")).scalar() == "on"
    with sa.create_engine(postgres_url).begin() as con:  # another replica or the sweeper deletes it
        con.execute(sa.text("DELETE FROM events WHERE sender_id = 'pg-turns'"))
    assert await store.retrieve("pg-turns") is None
