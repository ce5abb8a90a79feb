from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.handoff import crypto
from bot.handoff.outbox import DELIVERED, Outbox, consents, handoffs

SENDER = "web-test-sender-1"


def test_enqueue_records_consent_and_handoff_together(outbox: Outbox, make_doc):
    doc = make_doc()
    assert outbox.enqueue(doc, SENDER, ["webhook"])
    with outbox.engine.connect() as conn:
        consent = conn.execute(sa.select(consents)).one()
        row = conn.execute(sa.select(handoffs)).one()
    assert consent.handoff_id == row.id == doc["id"]
    assert consent.text_id == "handoff.consent_summary"
    assert row.status == "pending"


def test_enqueue_is_atomic_when_the_handoff_insert_fails(outbox: Outbox, make_doc, monkeypatch):
    doc = make_doc()

    def boom(_doc):
        raise RuntimeError("disk full")

    monkeypatch.setattr(crypto, "encrypt", boom)  # fails after the consent insert was issued
    with pytest.raises(RuntimeError):
        outbox.enqueue(doc, SENDER, ["webhook"])
    with outbox.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(consents)).scalar_one() == 0
        assert conn.execute(sa.select(sa.func.count()).select_from(handoffs)).scalar_one() == 0


def test_enqueue_same_id_twice_is_one_handoff(outbox: Outbox, make_doc):
    doc = make_doc()
    assert outbox.enqueue(doc, SENDER, ["webhook"]) is True
    assert outbox.enqueue(doc, SENDER, ["webhook"]) is False
    assert len(outbox.list_all()) == 1


def test_database_file_holds_no_plain_contact_or_sender(env, outbox: Outbox, make_doc):
    outbox.enqueue(make_doc(contact_value="+15555550177"), SENDER, ["webhook"])
    outbox.engine.dispose()
    raw = (env / "handoffs.db").read_bytes()
    for secret_text in (b"5555550177", b"555-0177", SENDER.encode(), b"right_to_lawyer"):
        assert secret_text not in raw
    # And the stored sender column is a keyed hash, not the id.
    con = sqlite3.connect(env / "handoffs.db")
    (shash,) = con.execute("select sender_hash from handoffs").fetchone()
    assert shash == crypto.sender_hash(SENDER) and SENDER not in shash


def test_claim_is_exclusive_and_lease_expiry_lets_another_worker_retry(outbox: Outbox, make_doc):
    doc = make_doc()
    outbox.enqueue(doc, SENDER, ["webhook"], now=1000)
    first = outbox.claim_due(now=1001, worker_id="a")
    assert [c.id for c in first] == [doc["id"]]
    assert first[0].payload == doc
    assert outbox.claim_due(now=1002, worker_id="b") == []  # leased by a
    # Worker "a" is killed: it never marks anything. After the lease, "b" gets the same id.
    again = outbox.claim_due(now=1001 + outbox.lease_seconds + 1, worker_id="b")
    assert [c.id for c in again] == [doc["id"]]
    assert again[0].attempts == 2


def test_failed_row_waits_for_its_next_attempt(outbox: Outbox, make_doc):
    doc = make_doc()
    outbox.enqueue(doc, SENDER, ["webhook"], now=1000)
    outbox.claim_due(now=1000)
    outbox.mark_failed(doc["id"], "connection_error", next_attempt_at=1100)
    assert outbox.claim_due(now=1050) == []
    assert len(outbox.claim_due(now=1100)) == 1


def test_delivered_only_when_every_channel_is(outbox: Outbox, make_doc):
    doc = make_doc()
    outbox.enqueue(doc, SENDER, ["webhook", "email"])
    assert outbox.mark_delivered(doc["id"], "webhook") is False
    assert outbox.get_status(doc["id"]).status == "pending"
    assert outbox.mark_delivered(doc["id"], "email") is True
    assert outbox.get_status(doc["id"]).status == DELIVERED
    assert outbox.claim_due(now=time.time() + 10_000) == []


def test_forget_sender_removes_pending_counts_delivered(outbox: Outbox, make_doc):
    pending, delivered, other = make_doc(), make_doc(), make_doc()
    outbox.enqueue(pending, SENDER, ["webhook"])
    outbox.enqueue(delivered, SENDER, ["webhook"])
    outbox.enqueue(other, "someone-else", ["webhook"])
    outbox.mark_delivered(delivered["id"], "webhook")
    result = outbox.forget_sender(SENDER)
    assert (result.pending_removed, result.delivered) == (1, 1)
    assert {s.id for s in outbox.list_all()} == {delivered["id"], other["id"]}
    with outbox.engine.connect() as conn:
        ids = {r.handoff_id for r in conn.execute(sa.select(consents))}
    assert pending["id"] not in ids
    assert outbox.forget_sender(SENDER).pending_removed == 0


def test_purge_expired_deletes_only_old_delivered(outbox: Outbox, make_doc, monkeypatch):
    monkeypatch.setenv("KYR_HANDOFF_RETENTION_DAYS", "7")
    old, recent, pending = make_doc(), make_doc(), make_doc()
    for d in (old, recent, pending):
        outbox.enqueue(d, SENDER, ["webhook"], now=0)
    outbox.mark_delivered(old["id"], "webhook", now=1_000_000)
    outbox.mark_delivered(recent["id"], "webhook", now=1_000_000 + 6 * 86400)
    assert outbox.purge_expired(now=1_000_000 + 7 * 86400 + 1) == 1
    assert {s.id for s in outbox.list_all()} == {recent["id"], pending["id"]}  # undelivered never purged


def test_overdue_and_stuck(outbox: Outbox, make_doc, monkeypatch):
    monkeypatch.setenv("KYR_HANDOFF_OVERDUE_MINUTES", "60")
    doc = make_doc()
    outbox.enqueue(doc, SENDER, ["webhook"], now=10_000)
    assert outbox.overdue_for_sender(SENDER, now=10_000 + 59 * 60) == []
    assert [s.id for s in outbox.overdue_for_sender(SENDER, now=10_000 + 61 * 60)] == [doc["id"]]
    assert outbox.overdue_for_sender("someone-else", now=10_000 + 61 * 60) == []
    outbox.mark_overdue_notified(doc["id"])
    assert outbox.overdue_for_sender(SENDER, now=10_000 + 61 * 60, include_notified=False) == []
    assert [s.id for s in outbox.list_stuck(now=10_000 + 61 * 60)] == [doc["id"]]


def test_two_outbox_instances_never_claim_the_same_row(env, make_doc):
    url = f"sqlite:///{env / 'handoffs.db'}"
    a, b = Outbox(url), Outbox(url)
    docs = [make_doc() for _ in range(6)]
    for d in docs:
        a.enqueue(d, SENDER, ["webhook"], now=0)
    import threading

    got = {"a": [], "b": []}

    def run(name, ob):
        got[name] = [c.id for c in ob.claim_due(now=1, worker_id=name)]

    threads = [threading.Thread(target=run, args=("a", a)), threading.Thread(target=run, args=("b", b))]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert not set(got["a"]) & set(got["b"])
    assert set(got["a"]) | set(got["b"]) == {d["id"] for d in docs}


def test_the_handoff_database_is_owner_only_even_if_an_old_install_left_it_open(tmp_path):
    import os
    import stat

    from bot.handoff import outbox as outbox_module

    fresh = tmp_path / "fresh" / "handoffs.db"
    outbox_module.Outbox(f"sqlite:///{fresh}")
    assert stat.S_IMODE(os.stat(fresh).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(fresh.parent).st_mode) == 0o700
    old = tmp_path / "old.db"
    old.write_bytes(b"")
    os.chmod(old, 0o644)
    outbox_module.Outbox(f"sqlite:///{old}")
    assert stat.S_IMODE(os.stat(old).st_mode) == 0o600


def test_a_forgotten_handoff_leaves_no_bytes_in_the_sqlite_file(outbox: Outbox, make_doc):
    """secure_delete: the deleted row's ciphertext is overwritten, not left in free pages (issue #15, low).
    Debian's SQLite turns it on by default; the outbox sets it so other builds behave the same."""
    if not outbox.url.startswith("sqlite:///"):
        pytest.fail("this test needs the SQLite outbox")
    doc = make_doc()
    outbox.enqueue(doc, SENDER, ["webhook"])
    with outbox.engine.connect() as conn:
        token = conn.execute(sa.select(handoffs.c.payload).where(handoffs.c.id == doc["id"])).scalar_one()
    path = Path(outbox.url[len("sqlite:///") :])
    assert bytes(token) in path.read_bytes()
    assert outbox.forget_sender(SENDER).pending_removed == 1
    assert bytes(token) not in path.read_bytes()
