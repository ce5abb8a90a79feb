"""The French safety net (issue #12): crisis and disclosure messages in French are caught, and
French questions about reporting, rules, shelter life and the past back home are not crisis.

Cases are data (tests/data/safety_fr.yml, written before data/safety/patterns.fr.yml). Each line
is its own test, so one run reports every miss and every false alarm at once.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from bot.nlu import safety_patterns
from bot.nlu.safety_patterns import is_crisis, is_disclosure, normalize

CASES_FILE = Path(__file__).resolve().parents[1] / "data" / "safety_fr.yml"
CASES = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
FR_PATTERNS = safety_patterns.PATTERNS_FILE.parent / "patterns.fr.yml"


def test_enough_cases() -> None:
    assert len(CASES["crisis_described"]) >= 40
    assert len(CASES["not_crisis"]) >= 30
    texts = [text for kind in CASES.values() for text in kind]
    assert len(set(texts)) == len(texts), "duplicate case"


def test_french_file_uses_the_main_groups_and_has_every_one() -> None:
    main = yaml.safe_load(safety_patterns.PATTERNS_FILE.read_text(encoding="utf-8"))
    french = yaml.safe_load(FR_PATTERNS.read_text(encoding="utf-8"))
    assert set(french) == set(main)
    for group, by_language in french.items():
        assert list(by_language) == ["fr"], group
        assert by_language["fr"], f"{group}.fr is empty"


@pytest.mark.parametrize("text", CASES["crisis_named"] + CASES["crisis_described"])
def test_french_crisis_is_caught(text: str) -> None:
    assert is_crisis(text), normalize(text)


@pytest.mark.parametrize("text", CASES["not_crisis"])
def test_french_questions_and_daily_life_are_not_crisis(text: str) -> None:
    assert not is_crisis(text), normalize(text)


@pytest.mark.parametrize("text", CASES["disclosure"])
def test_french_disclosure_is_caught(text: str) -> None:
    assert is_disclosure(text) or is_crisis(text), normalize(text)


@pytest.mark.parametrize("text", CASES["not_disclosure"])
def test_french_questions_about_telling_are_not_disclosure(text: str) -> None:
    assert not is_disclosure(text), normalize(text)


FR_WORST_CASES = ["me " * 333, "je veux " * 125, "si je " * 166, "au pays " * 125, "m a " * 250, ("x" * 39 + " ") * 25]


@pytest.mark.parametrize("text", FR_WORST_CASES, ids=lambda t: t[:10].strip())
def test_french_patterns_stay_fast_on_long_messages(text: str) -> None:
    assert len(text) <= 1000
    # A guard against catastrophic backtracking (seconds to hours on such input), not a speed target
    # (bench.safety_speed measures that): CPU time of this process, best of five, generous bound.
    for check in (is_crisis, is_disclosure):
        timings = []
        for _ in range(5):
            start = time.process_time()
            check(text)
            timings.append(time.process_time() - start)
        assert min(timings) < 0.25, f"{check.__name__}: {min(timings) * 1000:.1f} ms"
