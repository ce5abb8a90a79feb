"""Intent accuracy, crisis recall and confusions on the held-out sets (tests and `make bench`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HELDOUT_DIR = ROOT / "tests" / "data" / "nlu_heldout"
# Written by people who never saw the training data; evaluated when present, never tuned on.
FROZEN_DIR = ROOT / "tests" / "data" / "nlu_frozen"
LANGS = ("en", "es")


def quiet_rasa() -> None:
    """Rasa logs every parse (with its text) at debug level unless configured; the figures drown."""
    import logging

    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)


def load_heldout(lang: str, directory: Path = HELDOUT_DIR) -> list[tuple[str, str]]:
    """(text, intent) pairs of ``<directory>/<lang>.yml`` (never trained on)."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(directory / f"{lang}.yml"))
    return [(m.get("text"), m.get("intent")) for m in data.intent_examples]


@dataclass
class Report:
    lang: str
    total: int = 0
    correct: int = 0
    per_intent: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (gold, predicted, text)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def recall(self, intent: str) -> float:
        counts = self.per_intent[intent]
        return counts["ok"] / (counts["ok"] + counts["miss"]) if counts else 0.0

    def f1(self, intent: str) -> float:
        tp = self.per_intent[intent]["ok"]
        fp = sum(1 for _, predicted, _ in self.misses if predicted == intent)
        fn = self.per_intent[intent]["miss"]
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    @property
    def macro_f1(self) -> float:
        intents = list(self.per_intent)
        return sum(self.f1(i) for i in intents) / len(intents) if intents else 0.0

    def confusions(self, top: int = 10) -> list[tuple[tuple[str, str], int]]:
        return Counter((gold, pred) for gold, pred, _ in self.misses).most_common(top)

    def weakest(self, top: int = 5) -> list[tuple[str, float]]:
        return sorted(((i, self.recall(i)) for i in self.per_intent), key=lambda x: x[1])[:top]


# The fallback intent is answered exactly like out_of_scope (same rule, same reply).
EQUIVALENT = {"nlu_fallback": "out_of_scope"}
# A label "a|b": the bot offered both answers as buttons (bot/nlu/ambiguity.py); right if either is.
OFFERED_SEPARATOR = "|"


def answered_label(parse: dict) -> str:
    """What the bot answers for a parse: its intent, or "a|b" when it offers two answers."""
    from bot.nlu.ambiguity import offered_pair

    pair = offered_pair(parse)
    return OFFERED_SEPARATOR.join(pair) if pair else parse["intent"]["name"]


def evaluate(lang: str, predict: Callable[[str], str], examples: list[tuple[str, str]]) -> Report:
    report = Report(lang)
    for text, gold in examples:
        predicted = predict(text)
        predicted = EQUIVALENT.get(predicted, predicted)
        if OFFERED_SEPARATOR in predicted and gold in predicted.split(OFFERED_SEPARATOR):
            predicted = gold
        report.total += 1
        if predicted == gold:
            report.correct += 1
            report.per_intent[gold]["ok"] += 1
        else:
            report.per_intent[gold]["miss"] += 1
            report.misses.append((gold, predicted, text))
    return report


def frozen_languages() -> list[str]:
    """Languages whose frozen set exists (it is written separately and may not be there yet)."""
    return [lang for lang in LANGS if (FROZEN_DIR / f"{lang}.yml").exists()]


def format_frozen(report: Report) -> str:
    """Only the two figures the frozen set is for: no texts, no confusions, so nobody tunes on it."""
    return (
        f"frozen [{report.lang}] topic accuracy {report.accuracy:.3f} ({report.correct}/{report.total}), "
        f"crisis recall {report.recall('crisis'):.3f}"
    )


def format_report(report: Report, name: str = "") -> str:
    lines = [
        f"{name}[{report.lang}] intent accuracy {report.accuracy:.3f} ({report.correct}/{report.total}), "
        f"macro-F1 {report.macro_f1:.3f}, crisis recall {report.recall('crisis'):.3f}"
    ]
    lines.append("  weakest intents: " + ", ".join(f"{i} {r:.2f}" for i, r in report.weakest()))
    for (gold, pred), count in report.confusions(8):
        lines.append(f"  confused {gold} -> {pred}: {count}")
    return "\n".join(lines)
