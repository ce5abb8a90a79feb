"""Retention sweeper: whole expired conversations go, active ones stay, handoffs are purged, no ids printed."""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import threading
import time
import types
from pathlib import Path

import pytest
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy import retention
from bot.stores.tracker_store import RedactingTrackerStore

HOUR = 3600.0


@pytest.fixture()
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'conversations.db'}"
    monkeypatch.setenv("KYR_TRACKER_DB_URL", url)
    monkeypatch.setenv("KYR_HANDOFF_DB_URL", f"sqlite:///{tmp_path / 'handoffs.db'}")
    return url


async def plant(store: RedactingTrackerStore, sender: str, *timestamps: float) -> None:
    events = []
    for i, ts in enumerate(timestamps):
        events.append(
            UserUttered("hola", intent={"name": "greet"}, timestamp=ts)
            if i % 2 == 0
            else BotUttered("hi", metadata={"lang": "es"}, timestamp=ts)
        )
    await store.save(DialogueStateTracker.from_events(sender, events))


def senders(url: str) -> list:
    con = sqlite3.connect(url[len("sqlite:///") :])
    try:
        return sorted({r[0] for r in con.execute("SELECT sender_id FROM events")})
    finally:
        con.close()


@pytest.fixture()
def no_outbox(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "bot.handoff.outbox", None)  # import fails like a missing module


async def test_sweep_deletes_only_conversations_idle_longer_than_retention(
    db_url: str, no_outbox: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KYR_CONVERSATION_RETENTION_HOURS", "24")
    now = time.time()
    store = RedactingTrackerStore.from_settings()
    await plant(store, "expired", now - 50 * HOUR, now - 25 * HOUR)
    await plant(store, "long-but-active", now - 50 * HOUR, now - 1 * HOUR)  # never cut in part
    await plant(store, "fresh", now - 60)
    result = retention.sweep(now=now)
    assert (result.conversations_deleted, result.events_deleted) == (1, 2)
    assert result.handoffs_purged is None and result.handoff_error is None
    assert senders(db_url) == ["fresh", "long-but-active"]
    # 23.5 hours later the long conversation expires too, whole; "fresh" is 23.5 h idle and stays
    later = retention.sweep(now=now + 23.5 * HOUR)
    assert (later.conversations_deleted, later.events_deleted) == (1, 2)
    assert senders(db_url) == ["fresh"]


async def test_retention_hours_come_from_settings(
    db_url: str, no_outbox: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KYR_CONVERSATION_RETENTION_HOURS", "1")
    now = time.time()
    await plant(RedactingTrackerStore.from_settings(), "two-hours", now - 2 * HOUR)
    assert retention.sweep(now=now).conversations_deleted == 1


def test_handoff_outbox_purge_is_called_with_now(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    class FakeOutbox:
        @classmethod
        def from_settings(cls) -> FakeOutbox:
            return cls()

        def purge_expired(self, now: float) -> int:
            calls.append(now)
            return 3

    monkeypatch.setitem(sys.modules, "bot.handoff.outbox", types.SimpleNamespace(Outbox=FakeOutbox))
    result = retention.sweep(now=1_700_000_000)
    assert calls == [1_700_000_000.0]
    assert result.handoffs_purged == 3


def test_outbox_with_another_interface_is_reported_not_crashing(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "bot.handoff.outbox", types.SimpleNamespace(Outbox=object))
    result = retention.sweep(now=1_700_000_000)
    assert result.handoffs_purged is None
    assert "purge_expired" in result.handoff_error


def test_the_real_outbox_purge_runs_if_installed(db_url: str) -> None:
    pytest.importorskip("bot.handoff.outbox")
    result = retention.sweep()
    assert result.handoff_error is None
    assert result.handoffs_purged == 0


async def test_cli_prints_counts_never_sender_ids(db_url: str, no_outbox: None, capsys: pytest.CaptureFixture) -> None:
    await plant(RedactingTrackerStore.from_settings(), "sms-secret-sender-id", time.time() - 100 * HOUR)
    from bot.__main__ import main as cli

    assert cli(["sweep"]) == 0
    out = capsys.readouterr().out
    assert "1 conversations (1 events) deleted" in out
    assert "sms-secret-sender-id" not in out and "hola" not in out


def test_loop_sweeps_until_stopped_and_survives_errors(no_outbox: None) -> None:
    stop = threading.Event()
    lines: list = []
    calls = {"n": 0}

    def once() -> retention.SweepResult:
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("database is locked")
        if calls["n"] >= 3:
            stop.set()
        return retention.SweepResult(0, 0, None)

    assert retention.run_loop(0.01, once=once, stop=stop, out=lines.append) == 0
    assert calls["n"] == 3
    assert lines[0].startswith("sweep failed: RuntimeError")
    assert "database is locked" not in lines[0]  # exception text can carry data: type only


def test_loop_rejects_non_positive_interval() -> None:
    with pytest.raises(SystemExit):
        retention.main(["--loop", "0"])


class _WatchedEvent(threading.Event):
    """An event that sends itself SIGTERM while holding its lock in ``set`` and notes re-entry."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.reentered = False

    def set(self) -> None:
        if self.inside:  # a handler ran while the lock below was held: with a real Event, a deadlock
            self.reentered = True
            return
        self.inside = True
        try:
            with self._cond:
                os.kill(os.getpid(), signal.SIGTERM)  # run.sh's TERM arriving just after Ctrl+C's INT
                time.sleep(0.05)  # the handler, if any, runs here
        finally:
            self.inside = False
        super().set()


def test_a_second_signal_during_the_first_stop_is_ignored_not_a_deadlock() -> None:
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        stop = _WatchedEvent()
        retention.stop_on_signals(stop)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        assert stop.is_set()
        assert not stop.reentered, "the SIGTERM handler ran inside Event.set: the sweeper would hang"
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def test_a_signal_landing_in_another_thread_stops_the_loop_within_seconds(no_outbox: None) -> None:
    """The stack's Ctrl+C may reach any thread of the sweeper; the main thread must still notice."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    stop = threading.Event()
    watchdog = threading.Timer(8.0, stop.set)  # ends a hung loop so the test fails instead of hanging
    try:
        retention.stop_on_signals(stop)
        threading.Timer(0.3, lambda: signal.pthread_kill(threading.get_ident(), signal.SIGTERM)).start()
        watchdog.start()
        started = time.monotonic()
        retention.run_loop(600, once=lambda: retention.SweepResult(0, 0, None), stop=stop, out=lambda _: None)
        assert time.monotonic() - started < 5, "the loop slept through SIGTERM"
    finally:
        watchdog.cancel()
        for sig, handler in saved.items():
            signal.signal(sig, handler)
