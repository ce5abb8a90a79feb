"""Haitian Creole (ht) safety net: crisis and disclosure messages are caught, look-alikes are not.

Cases are data (tests/data/safety_ht.yml), written before data/safety/patterns.ht.yml. Each line
is its own test, so one run reports every miss and every false alarm at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.nlu.safety_patterns import is_crisis, is_disclosure, normalize, pattern_files

CASES_FILE = Path(__file__).resolve().parents[1] / "data" / "safety_ht.yml"
CASES: dict[str, list[str]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
HT_PATTERNS = Path(__file__).resolve().parents[2] / "data" / "safety" / "patterns.ht.yml"


def test_enough_cases() -> None:
    assert len(CASES["crisis"]) + len(CASES["crisis_described"]) >= 60
    assert len(CASES["crisis_described"]) >= 40
    assert len(CASES["not_crisis"]) >= 30
    every = [text for texts in CASES.values() for text in texts]
    assert len(set(every)) == len(every), "duplicate case"


def test_ht_pattern_file_is_loaded_with_the_shared_groups() -> None:
    assert HT_PATTERNS in pattern_files()
    shared = yaml.safe_load(pattern_files()[0].read_text(encoding="utf-8"))
    ours = yaml.safe_load(HT_PATTERNS.read_text(encoding="utf-8"))
    assert set(ours) == set(shared)
    assert all(set(by_language) == {"ht"} and by_language["ht"] for by_language in ours.values())


@pytest.mark.parametrize("text", CASES["crisis"] + CASES["crisis_described"])
def test_crisis_is_caught(text: str) -> None:
    assert is_crisis(text), normalize(text)


@pytest.mark.parametrize("text", CASES["not_crisis"])
def test_questions_past_and_daily_life_are_not_crisis(text: str) -> None:
    assert not is_crisis(text), normalize(text)


@pytest.mark.parametrize("text", CASES["disclosure"])
def test_disclosure_is_caught(text: str) -> None:
    assert is_disclosure(text), normalize(text)


@pytest.mark.parametrize("text", CASES["not_disclosure"])
def test_questions_about_telling_are_not_disclosure(text: str) -> None:
    assert not is_disclosure(text), normalize(text)
