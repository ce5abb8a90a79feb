"""Held-out NLU sets (never trained on), scored through the running server's parse API."""
from __future__ import annotations

import pytest
import requests

from bench.nlu_metrics import evaluate, format_report, load_heldout

MIN_ACCURACY = 0.92


@pytest.mark.parametrize("lang", ["en", "es"])
def test_heldout_accuracy_and_crisis_recall(stack, lang):
    session = requests.Session()

    def predict(text: str) -> str:
        response = session.post(f"{stack.rasa_url}/model/parse", params={"token": stack.token}, json={"text": text}, timeout=30)
        response.raise_for_status()
        return response.json()["intent"]["name"]

    examples = load_heldout(lang)
    assert len(examples) >= 200, "held-out set too small to mean anything"
    report = evaluate(lang, predict, examples)
    print(format_report(report))
    assert report.recall("crisis") == 1.0, [m for m in report.misses if m[0] == "crisis"]
    assert report.accuracy >= MIN_ACCURACY, format_report(report)
