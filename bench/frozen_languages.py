"""Frozen-set figures per language (issue #12 item 5): topic accuracy and crisis recall through the
model, and language identification, for every language whose frozen set exists.

`python -m bench.frozen_languages [MODEL [FROZEN_DIR]]` (default: the model of the current data and
tests/data/nlu_frozen). Prints figures
only, never a text or a confusion: the frozen sets are for measuring, nobody tunes on them.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bench.nlu_metrics import FROZEN_DIR, answered_label, evaluate, format_frozen, load_heldout, quiet_rasa
from bot.nlu.language_detection import detect
from bot.nlu.languages import SUPPORTED


def language_id_accuracy(lang: str, texts: list[str]) -> float:
    """Share of the messages the detector gives to ``lang`` (over the five languages)."""
    found = [(detect(text) or None) for text in texts]
    return sum(1 for d in found if d is not None and d.code == lang) / max(1, len(texts))


def main(argv: list[str]) -> int:
    from rasa.core.agent import Agent

    from scripts import train_if_needed

    quiet_rasa()
    model = Path(argv[0]) if argv else train_if_needed.model_path()
    frozen_dir = Path(argv[1]) if len(argv) > 1 else FROZEN_DIR
    agent = Agent.load(str(model))
    loop = asyncio.new_event_loop()
    for lang in (code for code in SUPPORTED if (frozen_dir / f"{code}.yml").exists()):
        examples = load_heldout(lang, frozen_dir)
        predict = lambda text: answered_label(loop.run_until_complete(agent.parse_message(text)))  # noqa: E731
        print(format_frozen(evaluate(lang, predict, examples)))
        print(f"frozen [{lang}] language identification {language_id_accuracy(lang, [t for t, _ in examples]):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
