"""overdue_notice asks the outbox at most once a minute per conversation when nothing is overdue."""

from __future__ import annotations

import pytest

import bot.handoff as handoff
from bot.handoff.outbox import Outbox


@pytest.fixture()
def asked(monkeypatch: pytest.MonkeyPatch, tmp_path) -> list[str]:
    monkeypatch.setenv("KYR_HANDOFF_DB_URL", f"sqlite:///{tmp_path / 'handoffs.db'}")
    monkeypatch.setattr(handoff, "_quiet_until", handoff._new_quiet_map())
    # Something is overdue somewhere (the tests below are about one conversation's minute); what
    # earlier tests of this process left in the per-process answer must not count.
    monkeypatch.setattr(handoff, "_anywhere", {"until": 0.0, "any": True})
    monkeypatch.setattr(Outbox, "any_overdue_unnoticed", lambda self, now=None: True)
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


def test_the_outbox_says_whether_anything_is_overdue_anywhere(outbox: Outbox, make_doc, monkeypatch) -> None:
    monkeypatch.setenv("KYR_HANDOFF_OVERDUE_MINUTES", "60")
    doc = make_doc()
    outbox.enqueue(doc, "fake-sender", ["webhook"], now=10_000)
    assert not outbox.any_overdue_unnoticed(now=10_000 + 59 * 60)
    assert outbox.any_overdue_unnoticed(now=10_000 + 61 * 60)
    outbox.mark_overdue_notified(doc["id"])
    assert not outbox.any_overdue_unnoticed(now=10_000 + 61 * 60)  # mentioned already
    other = make_doc()
    outbox.enqueue(other, "fake-other", ["webhook"], now=10_000)
    assert outbox.any_overdue_unnoticed(now=10_000 + 61 * 60)
    outbox.mark_delivered(other["id"], "webhook")
    assert not outbox.any_overdue_unnoticed(now=10_000 + 61 * 60)  # delivered


def test_while_nothing_is_overdue_anywhere_no_conversation_reads_the_outbox(
    env, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KYR_HANDOFF_DB_URL", f"sqlite:///{env / 'handoffs.db'}")
    monkeypatch.setattr(handoff, "_quiet_until", handoff._new_quiet_map())
    monkeypatch.setattr(handoff, "_anywhere", {"until": 0.0, "any": True})
    clock = [1000.0]
    monkeypatch.setattr(handoff.time, "monotonic", lambda: clock[0])
    per_sender: list[str] = []
    anywhere: list[int] = []
    real_sender, real_anywhere = Outbox.overdue_for_sender, Outbox.any_overdue_unnoticed
    monkeypatch.setattr(
        Outbox,
        "overdue_for_sender",
        lambda self, sender, now=None, include_notified=True: (
            per_sender.append(sender) or real_sender(self, sender, now, include_notified)
        ),
    )
    monkeypatch.setattr(
        Outbox, "any_overdue_unnoticed", lambda self, now=None: anywhere.append(1) or real_anywhere(self, now)
    )
    for sender in ("fake-a", "fake-b", "fake-c"):
        assert handoff.overdue_notice(sender, "en") is None
    assert per_sender == [] and anywhere == [1]
    clock[0] += handoff.ANYWHERE_SECONDS + 1
    assert handoff.overdue_notice("fake-d", "en") is None
    assert anywhere == [1, 1] and per_sender == []


def test_once_something_is_overdue_the_conversation_that_owns_it_is_told(
    env, make_doc, directory_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KYR_HANDOFF_DB_URL", f"sqlite:///{env / 'handoffs.db'}")
    monkeypatch.setenv("KYR_HANDOFF_OVERDUE_MINUTES", "1")
    monkeypatch.setattr(handoff, "_quiet_until", handoff._new_quiet_map())
    monkeypatch.setattr(handoff, "_anywhere", {"until": 0.0, "any": True})
    clock = [1000.0]
    monkeypatch.setattr(handoff.time, "monotonic", lambda: clock[0])
    assert handoff.overdue_notice("fake-owner", "en") is None  # nothing anywhere: remembered for a while
    Outbox.from_settings().enqueue(make_doc(), "fake-owner", ["webhook"], now=1.0)  # long overdue
    assert handoff.overdue_notice("fake-owner", "en") is None  # within the remembered while
    clock[0] += 61  # the while never exceeds the overdue time (one minute here)
    assert handoff.overdue_notice("fake-other", "en") is None
    notice = handoff.overdue_notice("fake-owner", "en")
    assert notice and "KYR-" in notice
