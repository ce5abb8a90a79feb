"""The in-memory sliding-window limiter: allow, notify once, silence, free again, bounded memory."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.rate_limit import Decision, SlidingWindowLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_allows_up_to_the_limit_then_notifies_once_then_silent() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(max_events=3, window_seconds=60, clock=clock)
    assert [limiter.check("a") for _ in range(3)] == [Decision.ALLOW] * 3
    assert limiter.check("a") is Decision.NOTIFY
    assert limiter.check("a") is Decision.SILENT
    assert limiter.check("a") is Decision.SILENT


def test_keys_are_independent() -> None:
    limiter = SlidingWindowLimiter(max_events=1, window_seconds=60, clock=Clock())
    assert limiter.check("a") is Decision.ALLOW
    assert limiter.check("b") is Decision.ALLOW
    assert limiter.check("a") is Decision.NOTIFY


def test_window_slides_and_refused_messages_do_not_extend_it() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(max_events=2, window_seconds=60, clock=clock)
    assert limiter.check("a") is Decision.ALLOW  # t=0
    clock.now += 30
    assert limiter.check("a") is Decision.ALLOW  # t=30
    clock.now += 10
    assert limiter.check("a") is Decision.NOTIFY  # t=40
    clock.now += 10
    assert limiter.check("a") is Decision.SILENT  # t=50, refused: not counted
    clock.now += 11
    assert limiter.check("a") is Decision.ALLOW  # t=61: the first message left the window
    assert limiter.check("a") is Decision.NOTIFY  # told again after a new blocked period


def test_memory_is_bounded_by_max_keys() -> None:
    limiter = SlidingWindowLimiter(max_events=5, window_seconds=60, max_keys=100, clock=Clock())
    for i in range(1000):
        limiter.check(f"k{i}")
    assert len(limiter) == 100


def test_idle_keys_are_purged() -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(max_events=5, window_seconds=60, clock=clock)
    for i in range(50):
        limiter.check(f"k{i}")
    clock.now += 61
    limiter.check("fresh")
    assert len(limiter) == 1


def test_forget_resets_a_key() -> None:
    limiter = SlidingWindowLimiter(max_events=1, window_seconds=60, clock=Clock())
    limiter.check("a")
    limiter.forget("a")
    assert limiter.check("a") is Decision.ALLOW


@pytest.mark.parametrize("kwargs", [{"max_events": 0}, {"window_seconds": 0}, {"max_keys": 0}])
def test_rejects_nonsense_configuration(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        SlidingWindowLimiter(**kwargs)


@settings(max_examples=50, deadline=None)
@given(gaps=st.lists(st.floats(min_value=0, max_value=30), min_size=1, max_size=60))
def test_never_more_than_max_allowed_in_any_window(gaps: list) -> None:
    clock = Clock()
    limiter = SlidingWindowLimiter(max_events=4, window_seconds=60, clock=clock)
    allowed = []
    for gap in gaps:
        clock.now += gap
        if limiter.check("a") is Decision.ALLOW:
            allowed.append(clock.now)
    for t in allowed:
        assert sum(1 for u in allowed if t - 60 < u <= t) <= 4
