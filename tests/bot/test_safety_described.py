"""Abuse or danger described rather than named must reach the crisis answer (issue #11, item 3).

Cases are data (tests/data/safety_described.yml). Each line is its own test, so one run
reports every miss and every false alarm at once.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from bot.nlu.components.safety import CRISIS, override_intent
from bot.nlu.safety_patterns import is_crisis, is_disclosure, normalize

CASES_FILE = Path(__file__).resolve().parents[1] / "data" / "safety_described.yml"
CASES = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
LANGUAGES = ("en", "es")


def _cases(kind: str) -> list[tuple[str, str]]:
    return [(lang, text) for lang in LANGUAGES for text in CASES[lang][kind]]


def test_enough_cases_in_every_language() -> None:
    for lang in LANGUAGES:
        assert len(CASES[lang]["crisis"]) >= 60, lang
        assert len(CASES[lang]["not_crisis"]) >= 30, lang
        texts = CASES[lang]["crisis"] + CASES[lang]["not_crisis"]
        assert len(set(texts)) == len(texts), f"{lang}: duplicate case"


@pytest.mark.parametrize("lang,text", _cases("crisis"))
def test_described_danger_is_crisis(lang: str, text: str) -> None:
    assert override_intent(text) == CRISIS, normalize(text)


@pytest.mark.parametrize("lang,text", _cases("not_crisis"))
def test_rule_questions_and_daily_life_are_not_crisis(lang: str, text: str) -> None:
    assert override_intent(text) != CRISIS, normalize(text)


# The channel caps a message at 1,000 characters; patterns must stay linear on the worst of them.
# The bound catches a pattern that backtracks badly (seconds on these inputs), not slowness: all
# ~1,000 patterns take ~30-40 ms on them on a quiet machine and more on a shared one, so a tighter
# bound would fail by chance. `python -m bench.safety_speed` prints the cost per message.
WORST_CASES = [
    "a" * 1000,
    "me " * 333,
    "my " * 333,
    "no me " * 166,
    "staff hits " * 90,
    "si " * 333,
    "can my sponsor " * 66,
    ("x" * 39 + " ") * 25,
    "mi tio " + "a" * 990,
    "i " * 500,
    "me va a " * 125,
]


@pytest.mark.parametrize("text", WORST_CASES, ids=lambda t: t[:12].strip() or "spaces")
def test_worst_case_messages_are_fast(text: str) -> None:
    assert len(text) <= 1000
    for check in (is_crisis, is_disclosure):
        # A guard against catastrophic backtracking, not a speed target (bench.safety_speed): CPU time
        # of this process, best of five, so other jobs on the machine do not count.
        timings = []
        for _ in range(5):
            start = time.process_time()
            check(text)
            timings.append(time.process_time() - start)
        assert min(timings) < 0.25, f"{check.__name__}: {min(timings) * 1000:.1f} ms"
