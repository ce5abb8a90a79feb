"""Portuguese safety net (issue #12): crisis and disclosure cases in tests/data/safety_pt.yml.

Each line is its own test, so one run reports every miss and every false alarm. The cases were
written before data/safety/patterns.pt.yml, the way Brazilian children and parents type.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.nlu.safety_patterns import is_crisis, is_disclosure, normalize

CASES_FILE = Path(__file__).resolve().parents[1] / "data" / "safety_pt.yml"
CASES: dict[str, list[str]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["pt"]
CRISIS_KINDS = ("crisis_self_harm", "crisis_named", "crisis_described", "crisis_described_batch2")


def test_enough_cases() -> None:
    assert len(CASES["crisis_described"]) >= 40
    assert sum(len(CASES[kind]) for kind in CRISIS_KINDS) >= 60
    assert len(CASES["not_crisis"]) >= 30
    texts = [text for lines in CASES.values() for text in lines]
    assert len(set(texts)) == len(texts), "duplicate case"


@pytest.mark.parametrize("text", [t for kind in CRISIS_KINDS for t in CASES[kind]])
def test_crisis_is_caught(text: str) -> None:
    assert is_crisis(text), normalize(text)


@pytest.mark.parametrize("text", CASES["not_crisis"] + CASES["not_crisis_batch2"])
def test_questions_past_and_daily_life_are_not_crisis(text: str) -> None:
    assert not is_crisis(text), normalize(text)


@pytest.mark.parametrize("text", CASES["disclosure"])
def test_disclosure_is_caught(text: str) -> None:
    assert is_disclosure(text) or is_crisis(text), normalize(text)


@pytest.mark.parametrize("text", CASES["not_disclosure"])
def test_questions_about_telling_are_not_disclosure(text: str) -> None:
    assert not is_disclosure(text), normalize(text)


@pytest.mark.parametrize("text", CASES.get("known_false_alarms", []))
@pytest.mark.xfail(strict=True, reason="another language's pattern fires; see tests/data/safety_pt.yml")
def test_known_false_alarms(text: str) -> None:
    assert not is_crisis(text), normalize(text)
