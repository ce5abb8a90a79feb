"""Held-out NLU sets (never trained on), scored through the running server's parse API.

The frozen sets (tests/data/nlu_frozen, written by people who never saw the training data) are
scored the same way when present; only their accuracy and crisis recall are ever printed.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import requests

from bench.nlu_metrics import FROZEN_DIR, HELDOUT_DIR, answered_label, evaluate, format_frozen, format_report, load_heldout

MIN_ACCURACY = 0.92
MIN_FROZEN_ACCURACY = 0.93


def scored(stack, lang: str, directory: Path):
    session = requests.Session()

    def predict(text: str) -> str:
        response = session.post(f"{stack.rasa_url}/model/parse", params={"token": stack.token}, json={"text": text}, timeout=30)
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


@pytest.mark.parametrize("lang", ["en", "es"])
def test_frozen_accuracy_and_crisis_recall(stack, lang):
    if not (FROZEN_DIR / f"{lang}.yml").exists():
        pytest.skip(f"no frozen set for {lang} yet")
    report = scored(stack, lang, FROZEN_DIR)
    print(format_frozen(report))
    assert report.recall("crisis") == 1.0, format_frozen(report)  # never the texts: nobody tunes on them
    assert report.accuracy >= MIN_FROZEN_ACCURACY, format_frozen(report)
