"""Frozen-set figures per language (issue #12 item 5): topic accuracy and crisis recall through the
model, and language identification, for every language whose frozen set exists.

`python -m bench.frozen_languages [MODEL [FROZEN_DIR]]` (default: the model of the current data and
tests/data/nlu_frozen). Prints figures
only, never a text or a confusion: the frozen sets are for measuring, nobody tunes on them.

Each language's figures are printed twice: over the whole set, and over its lines that repeat no
training line (bench.near_copies): a frozen line that is nearly a training line measures memory.
"""

from __future__ import annotations

import asyncio
import functools
import sys
from pathlib import Path

from bench.near_copies import TrainingLines
from bench.nlu_metrics import FROZEN_DIR, ROOT, answered_label, evaluate, format_frozen, load_heldout, quiet_rasa
from bot.nlu.language_detection import detect
from bot.nlu.languages import SUPPORTED


def language_id_accuracy(lang: str, texts: list[str]) -> float:
    """Share of the messages the detector gives to ``lang`` (over the five languages)."""
    found = [(detect(text) or None) for text in texts]
    return sum(1 for d in found if d is not None and d.code == lang) / max(1, len(texts))


def training_lines() -> TrainingLines:
    """Every training example of every language (data/nlu/<lang>.yml)."""
    training_dir = ROOT / "data" / "nlu"
    codes = [code for code in SUPPORTED if (training_dir / f"{code}.yml").exists()]
    return TrainingLines(text for code in codes for text, _ in load_heldout(code, training_dir))


def main(argv: list[str]) -> int:
    from rasa.core.agent import Agent

    from scripts import train_if_needed

    quiet_rasa()
    model = Path(argv[0]) if argv else train_if_needed.model_path()
    frozen_dir = Path(argv[1]) if len(argv) > 1 else FROZEN_DIR
    agent = Agent.load(str(model))
    loop = asyncio.new_event_loop()
    training = training_lines()
    for lang in (code for code in SUPPORTED if (frozen_dir / f"{code}.yml").exists()):
        examples = load_heldout(lang, frozen_dir)
        # Cached: the new lines are scored again without parsing them twice.
        predict = functools.cache(lambda text: answered_label(loop.run_until_complete(agent.parse_message(text))))
        print(format_frozen(evaluate(lang, predict, examples)))
        print(f"frozen [{lang}] language identification {language_id_accuracy(lang, [t for t, _ in examples]):.3f}")
        new = [(text, gold) for text, gold in examples if training.copy_of(text) is None]
        print(f"frozen [{lang}] lines that repeat no training line: {len(new)} of {len(examples)}")
        print(format_frozen(evaluate(lang, predict, new)).replace("frozen [", "frozen new lines [", 1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
