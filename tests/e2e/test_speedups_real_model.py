"""The Rasa speedups on the real model: the same intents and confidences as Rasa as shipped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.loading import load_data

from bot.server import rasa_speedups
from tests.e2e.conftest import ROOT, train_if_needed

HELD_OUT = ROOT / "tests" / "data" / "nlu_heldout"
PER_LANGUAGE = 40


def messages() -> list[str]:
    texts: list[str] = []
    for path in sorted(HELD_OUT.glob("*.yml")):
        examples = load_data(str(path)).intent_examples
        texts += [e.get("text") for e in examples[:: max(1, len(examples) // PER_LANGUAGE)]][:PER_LANGUAGE]
    return texts


async def parse_all(agent: Agent, texts: list[str]) -> list[tuple[str, float, list[dict[str, Any]]]]:
    out = []
    for text in texts:
        parsed = await agent.parse_message(text)
        out.append((parsed["intent"]["name"], parsed["intent"]["confidence"], parsed.get("intent_ranking", [])[:3]))
    return out


@pytest.mark.asyncio
async def test_patched_and_unpatched_rasa_classify_the_held_out_messages_alike() -> None:
    model = Path(train_if_needed.model_path())
    if not model.exists():
        pytest.fail(f"no trained model {model.name}: run `make test` (it trains first)")
    texts = messages()
    assert len(texts) >= 60
    rasa_speedups.uninstall()
    try:
        agent = Agent.load(str(model))
        shipped = await parse_all(agent, texts)
        assert rasa_speedups.install() == list(rasa_speedups.PATCHES)
        patched = await parse_all(agent, texts)
        patched_again = await parse_all(agent, texts)  # second call: DIET's concrete function path
    finally:
        rasa_speedups.uninstall()
    for before, after in ((shipped, patched), (shipped, patched_again)):
        assert [b[0] for b in before] == [a[0] for a in after]
        assert all(abs(b[1] - a[1]) < 1e-5 for b, a in zip(before, after))
        assert [[r["name"] for r in b[2]] for b in before] == [[r["name"] for r in a[2]] for a in after]
