"""Held-out scores of the production model (accuracy, macro-F1, crisis recall, confusions), and the
fallback threshold tuning: held-out accuracy for several thresholds.

Parses each held-out message once; below the threshold the answer is the fallback
(`out_of_scope`). The safety override is applied as in production (it wins regardless).
"""

from __future__ import annotations

import asyncio
import sys

from bench.nlu_metrics import (
    FROZEN_DIR,
    answered_label,
    evaluate,
    format_frozen,
    format_report,
    frozen_languages,
    load_heldout,
    quiet_rasa,
)

THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6]


def top_guess(parse: dict) -> tuple[str, float]:
    """The classifier's best real intent and its confidence (ignoring nlu_fallback)."""
    if parse.get("safety_override"):
        return parse["intent"]["name"], 1.0
    ranking = [r for r in parse.get("intent_ranking") or [] if r["name"] != "nlu_fallback"]
    return (ranking[0]["name"], ranking[0]["confidence"]) if ranking else ("out_of_scope", 0.0)


def main(argv: list[str] | None = None) -> int:
    from rasa.core.agent import Agent

    from scripts import train_if_needed

    quiet_rasa()
    agent = Agent.load(str(train_if_needed.model_path()))
    loop = asyncio.new_event_loop()
    parses = {
        lang: [(text, gold, loop.run_until_complete(agent.parse_message(text))) for text, gold in load_heldout(lang)]
        for lang in ("en", "es")
    }
    for lang, rows in parses.items():
        answered = {text: answered_label(parse) for text, _, parse in rows}
        print(
            format_report(evaluate(lang, answered.__getitem__, [(text, gold) for text, gold, _ in rows]), "production ")
        )
    for lang in frozen_languages():
        predict = lambda text: answered_label(loop.run_until_complete(agent.parse_message(text)))  # noqa: E731
        print(format_frozen(evaluate(lang, predict, load_heldout(lang, FROZEN_DIR))))
    guesses = {lang: [(gold, *top_guess(parse)) for _, gold, parse in rows] for lang, rows in parses.items()}
    print("threshold   en      es     (held-out accuracy; fallback answers as out_of_scope)")
    for threshold in THRESHOLDS:
        scores = []
        for lang in ("en", "es"):
            rows = guesses[lang]
            correct = sum(
                (name if confidence >= threshold else "out_of_scope") == gold for gold, name, confidence in rows
            )
            scores.append(correct / len(rows))
        print(f"  {threshold:<8}  {scores[0]:.3f}   {scores[1]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
