"""The handoff outbox on PostgreSQL, selected by URL only: enqueue, claim, deliver, forget, purge."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from bot.handoff.outbox import Outbox
from tests.support.postgres import postgres_url  # noqa: F401

pytestmark = pytest.mark.e2e  # starts a PostgreSQL server


def test_outbox_cycle_on_postgres(postgres_url, env, make_doc):  # noqa: F811
    outbox = Outbox(postgres_url, lease_seconds=60)
    doc = make_doc()
    assert outbox.enqueue(doc, "web-fake-sender", ["webhook"]) is True
    assert outbox.enqueue(doc, "web-fake-sender", ["webhook"]) is False  # same id: still one handoff
    with sa.create_engine(postgres_url).connect() as con:
        raw = " ".join(
            str(value)
            for table in ("handoffs", "handoff_consents")
            if sa.inspect(con).has_table(table)
            for row in con.execute(sa.text(f"SELECT * FROM {table}"))
            for value in row
        )
    assert doc["id"] in raw  # the rows were read
    assert doc["contact"]["value"] not in raw and "web-fake-sender" not in raw
    [claimed] = outbox.claim_due(worker_id="w1")
    assert outbox.claim_due(worker_id="w2") == []  # leased to w1
    assert outbox.mark_delivered(claimed.id, "webhook")
    assert outbox.forget_sender("web-fake-sender").delivered == 1
    assert outbox.purge_expired(time.time() + 400 * 86400) == 1
