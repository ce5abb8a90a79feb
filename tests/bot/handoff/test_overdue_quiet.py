"""overdue_notice asks the outbox at most once a minute per conversation when nothing is overdue."""

from __future__ import annotations

import pytest

import bot.handoff as handoff
from bot.handoff.outbox import Outbox


@pytest.fixture()
def asked(monkeypatch: pytest.MonkeyPatch, tmp_path) -> list[str]:
    monkeypatch.setenv("KYR_HANDOFF_DB_URL", f"sqlite:///{tmp_path / 'handoffs.db'}")
    monkeypatch.setattr(handoff, "_quiet_until", handoff._new_quiet_map())
    calls: list[str] = []
    monkeypatch.setattr(
        Outbox, "overdue_for_sender", lambda self, sender, now=None, include_notified=True: calls.append(sender) or []
    )
    return calls


def test_a_quiet_conversation_is_not_asked_again_within_a_minute(
    asked: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(handoff.time, "monotonic", lambda: clock[0])
    assert handoff.overdue_notice("fake-a", "en") is None
    assert handoff.overdue_notice("fake-a", "en") is None
    assert handoff.overdue_notice("fake-b", "en") is None
    assert asked == ["fake-a", "fake-b"]
    clock[0] += handoff.QUIET_SECONDS + 1
    assert handoff.overdue_notice("fake-a", "en") is None
    assert asked == ["fake-a", "fake-b", "fake-a"]


def test_the_quiet_minute_never_exceeds_the_overdue_time(asked: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYR_HANDOFF_OVERDUE_MINUTES", "0")
    handoff.overdue_notice("fake-a", "en")
    handoff.overdue_notice("fake-a", "en")
    assert asked == ["fake-a", "fake-a"]


def test_an_explicit_time_always_asks(asked: list[str]) -> None:
    handoff.overdue_notice("fake-a", "en")
    handoff.overdue_notice("fake-a", "en", now=2e9)
    assert asked == ["fake-a", "fake-a"]
