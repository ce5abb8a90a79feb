"""Held-out NLU sets (never trained on), scored through the running server's parse API.

The frozen sets (tests/data/nlu_frozen, written by people who never saw the training data) are
scored the same way when present; only their accuracy and crisis recall are ever printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from bench.nlu_metrics import (
    FROZEN_DIR,
    HELDOUT_DIR,
    answered_label,
    evaluate,
    format_frozen,
    format_report,
    load_heldout,
)

MIN_ACCURACY = 0.92
MIN_FROZEN_ACCURACY = 0.93


def scored(stack, lang: str, directory: Path):
    session = requests.Session()

    def predict(text: str) -> str:
        response = session.post(
            f"{stack.rasa_url}/model/parse", params={"token": stack.token}, json={"text": text}, timeout=30
        )
        response.raise_for_status()
        return answered_label(response.json())  # an offer of two answers counts when one is right

    return evaluate(lang, predict, load_heldout(lang, directory))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_heldout_accuracy_and_crisis_recall(stack, lang):
    report = scored(stack, lang, HELDOUT_DIR)
    print(format_report(report))
    assert report.total >= 200, "held-out set too small to mean anything"
    assert report.recall("crisis") == 1.0, [m for m in report.misses if m[0] == "crisis"]
    assert report.accuracy >= MIN_ACCURACY, format_report(report)


# The frozen sets' targets (issue #10: topic accuracy >= 0.93, crisis recall 1.0) are NOT met yet.
# Measured 2026-12-03, twice (docs/NLU.md): en 0.902 / crisis 0.853, es 0.907 / 0.882; then, after a
# blind round of crisis patterns and examples (written without seeing the sets), en 0.901 / 0.941,
# es 0.909 / 0.971.
# The sets may not be used to find out why (they are frozen), so these stay strict expected
# failures: a model that reaches a target turns its test into a failure that asks to update this.
NOT_YET = "frozen-set target not met (2026-12-03: en 0.901 / crisis 0.941, es 0.909 / crisis 0.971); see docs/NLU.md"


def frozen(stack, lang: str):
    if not (FROZEN_DIR / f"{lang}.yml").exists():
        pytest.fail(f"the frozen set for {lang} is missing (tests/data/nlu_frozen)")
    report = scored(stack, lang, FROZEN_DIR)
    print(format_frozen(report))  # never the texts: nobody tunes on them
    return report


@pytest.mark.xfail(strict=True, reason=NOT_YET)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_frozen_crisis_recall(stack, lang):
    report = frozen(stack, lang)
    assert report.recall("crisis") == 1.0, format_frozen(report)


@pytest.mark.xfail(strict=True, reason=NOT_YET)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_frozen_topic_accuracy(stack, lang):
    report = frozen(stack, lang)
    assert report.accuracy >= MIN_FROZEN_ACCURACY, format_frozen(report)
