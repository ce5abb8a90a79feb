"""Compare the language-aware spaCy tokenizer with a plain whitespace tokenizer on the held-out sets.

Trains one NLU model per variant (same data, same seed; only the tokenizer differs) and prints
accuracy, crisis recall and the main confusions per language. The production model
(models/kyr-*.tar.gz) is the spaCy variant with dialogue policies on top.
"""
from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Dict

import yaml

from bench.nlu_metrics import ROOT, evaluate, format_report, load_heldout

VARIANTS = {
    "spacy-lemmas": "bot.components.multilingual_tokenizer.MultilingualSpacyTokenizer",
    "whitespace": "WhitespaceTokenizer",
}


def variant_config(tokenizer: str, out: Path) -> Path:
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    for component in config["pipeline"]:
        if component["name"].endswith("MultilingualSpacyTokenizer"):
            component.clear()
            component["name"] = tokenizer
    config.pop("policies", None)
    out.write_text(yaml.safe_dump(config, sort_keys=False))
    return out


def train_and_score(name: str, tokenizer: str, workdir: Path) -> Dict[str, float]:
    from rasa.core.agent import Agent
    from rasa.model_training import train_nlu

    config = variant_config(tokenizer, workdir / f"config-{name}.yml")
    started = time.time()
    model = train_nlu(str(config), str(ROOT / "data" / "nlu"), str(workdir), fixed_model_name=name,
                      domain=str(ROOT / "domain.yml"))
    trained_in = time.time() - started
    agent = Agent.load(model)
    loop = asyncio.new_event_loop()
    results = {}
    for lang in ("en", "es"):
        report = evaluate(lang, lambda text: loop.run_until_complete(agent.parse_message(text))["intent"]["name"],
                          load_heldout(lang))
        print(format_report(report, f"{name} "))
        results[lang] = report.accuracy
    print(f"{name}: trained in {trained_in:.0f} s")
    return results


def main(argv=None) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        scores = {name: train_and_score(name, tok, Path(tmp)) for name, tok in VARIANTS.items()}
    print("\nTokenizer comparison (held-out intent accuracy):")
    for name, by_lang in scores.items():
        print(f"  {name:<14} en {by_lang['en']:.3f}   es {by_lang['es']:.3f}")
    return 0
