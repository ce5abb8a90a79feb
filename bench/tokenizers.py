"""Compare the language-aware spaCy tokenizer (with and without surface-form features) with a plain
whitespace tokenizer on the held-out sets (`python -m bench.tokenizers [VARIANT ...]`).

Trains one NLU model per variant (same data, same seed; only the tokenizer differs) and prints
accuracy, crisis recall and the main confusions per language. The production model
(models/kyr-*.tar.gz) is "production" (config.yml) with dialogue policies on top.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from bench.nlu_metrics import ROOT, evaluate, format_report, load_heldout, quiet_rasa

SPACY = "bot.nlu.components.multilingual_tokenizer.MultilingualSpacyTokenizer"


def _swap_tokenizer(pipeline: list[dict], name: str) -> list[dict]:
    return [{"name": name} if c["name"] == SPACY else c for c in pipeline]


def _lemmas_only(pipeline: list[dict]) -> list[dict]:
    """Word features from lookup lemmas alone (no surface-form word features)."""
    return [c for c in pipeline if not (c["name"] == "CountVectorsFeaturizer" and c.get("use_lemma") is False)]


# Each variant rewrites the production pipeline (config.yml); data, seed and epochs are the same.
VARIANTS: dict[str, Callable[[list[dict]], list[dict]]] = {
    "production": lambda p: p,
    "spacy-lemmas-only": _lemmas_only,
    "whitespace": lambda p: _swap_tokenizer(_lemmas_only(p), "WhitespaceTokenizer"),
}


def variant_config(transform: Callable[[list[dict]], list[dict]], out: Path) -> Path:
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    config["pipeline"] = transform(config["pipeline"])
    config.pop("policies", None)
    out.write_text(yaml.safe_dump(config, sort_keys=False))
    return out


def train_and_score(name: str, transform: Callable[[list[dict]], list[dict]], workdir: Path) -> dict[str, float]:
    from rasa.core.agent import Agent
    from rasa.model_training import train_nlu

    config = variant_config(transform, workdir / f"config-{name}.yml")
    started = time.time()
    model = train_nlu(
        str(config), str(ROOT / "data" / "nlu"), str(workdir), fixed_model_name=name, domain=str(ROOT / "domain.yml")
    )
    trained_in = time.time() - started
    quiet_rasa()
    agent = Agent.load(model)
    loop = asyncio.new_event_loop()
    results = {}
    for lang in ("en", "es"):
        report = evaluate(
            lang, lambda text: loop.run_until_complete(agent.parse_message(text))["intent"]["name"], load_heldout(lang)
        )
        print(format_report(report, f"{name} "))
        results[lang] = report.accuracy
    print(f"{name}: trained in {trained_in:.0f} s")
    return results


def main(argv=None) -> int:
    chosen = argv or list(VARIANTS)
    with tempfile.TemporaryDirectory() as tmp:
        scores = {name: train_and_score(name, VARIANTS[name], Path(tmp)) for name in chosen}
    print("\nTokenizer comparison (held-out intent accuracy):")
    for name, by_lang in scores.items():
        print(f"  {name:<14} en {by_lang['en']:.3f}   es {by_lang['es']:.3f}")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
