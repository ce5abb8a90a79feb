"""bench/serving.py: the paced load really offers the rate it says."""

from __future__ import annotations

import random

from bench.serving import pct, poisson_moments


def test_poisson_moments_offer_the_rate_and_never_go_back_in_time() -> None:
    moments = poisson_moments(55.0, 20_000, random.Random(1))
    assert all(b > a for a, b in zip(moments, moments[1:]))
    assert abs(len(moments) / moments[-1] - 55.0) < 1.5
    per_conversation = moments[3::20]  # what one of 20 conversations gets
    assert abs(len(per_conversation) / per_conversation[-1] - 55.0 / 20) < 0.1


def test_percentile_picks_from_the_sorted_values() -> None:
    values = [float(v) for v in range(1, 101)]
    random.Random(2).shuffle(values)
    assert pct(values, 0.5) in (50.0, 51.0) and pct(values, 0.95) == 95.0 and pct(values, 1.0) == 100.0
