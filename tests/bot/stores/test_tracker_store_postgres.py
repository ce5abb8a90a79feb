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
