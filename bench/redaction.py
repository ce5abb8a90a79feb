"""Measure bot.privacy.redact on the synthetic set: recall per kind and language, false positives, speed.

    .venv/bin/python bench/redaction.py [--set tests/data/pii_synthetic.yml] [--show-misses]

Recall counts an annotated value as caught when every letter and digit of it lies inside a
redacted span (of any kind: what matters for privacy is that the value is gone). "kind-exact"
also requires the placeholder kind to match. False-positive rate: share of the messages
annotated with no personal data in which anything was redacted. Misses are printed only with
--show-misses, and only as message ids (the set is synthetic, but the habit matters).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.privacy.redact import KINDS, find_pii

ROOT = Path(__file__).resolve().parent.parent

DEFAULT_SET = ROOT / "tests" / "data" / "pii_synthetic.yml"


@dataclass
class Report:
    caught: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    exact: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    total: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    clean_total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    clean_flagged: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    messages: int = 0
    seconds: float = 0.0

    def recall(self, kind: str, lang: str) -> float:
        n = self.total.get((kind, lang), 0)
        return self.caught.get((kind, lang), 0) / n if n else float("nan")

    def fp_rate(self, lang: str) -> float:
        n = self.clean_total.get(lang, 0)
        return self.clean_flagged.get(lang, 0) / n if n else float("nan")


def load_set(path: Path = DEFAULT_SET) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)["messages"]


def evaluate(messages: list[dict]) -> Report:
    report = Report()
    start = time.perf_counter()
    found = [find_pii(m["text"]) for m in messages]
    report.seconds = time.perf_counter() - start
    report.messages = len(messages)
    for msg, spans in zip(messages, found):
        text, lang = msg["text"], msg["lang"]
        if not msg["pii"]:
            report.clean_total[lang] += 1
            if spans:
                report.clean_flagged[lang] += 1
                report.false_positives.append(msg["id"])
            continue
        search_from = 0
        for kind, value in msg["pii"]:
            at = text.find(value, search_from)
            if at < 0:
                at = text.find(value)
            if at < 0:
                raise ValueError(f"{msg['id']}: annotated value is not in the text; fix the data file")
            search_from = at + len(value)
            report.total[(kind, lang)] += 1
            positions = [i for i in range(at, at + len(value)) if text[i].isalnum()]
            covering = [sp for sp in spans if any(sp.start <= i < sp.end for i in positions)]
            covered = all(any(sp.start <= i < sp.end for sp in spans) for i in positions)
            if covered:
                report.caught[(kind, lang)] += 1
                if all(sp.kind == kind for sp in covering):
                    report.exact[(kind, lang)] += 1
            else:
                report.misses.append(f"{msg['id']} ({kind})")
    return report


def format_report(report: Report) -> str:
    lines = [f"{'kind':<10} {'lang':<4} {'n':>4} {'recall':>7} {'kind-exact':>10}"]
    langs = sorted({lang for _, lang in report.total}, key=lambda code: (code not in ("en", "es"), code))
    for kind in KINDS:
        for lang in langs:
            n = report.total.get((kind, lang), 0)
            if not n:
                continue
            exact = report.exact.get((kind, lang), 0) / n
            lines.append(f"{kind:<10} {lang:<4} {n:>4} {report.recall(kind, lang):>7.3f} {exact:>10.3f}")
    for lang in langs:
        lines.append(
            f"false positives on no-PII messages ({lang}): "
            f"{report.clean_flagged.get(lang, 0)}/{report.clean_total.get(lang, 0)} = {report.fp_rate(lang):.3f}"
        )
    per_msg = 1000 * report.seconds / max(report.messages, 1)
    lines.append(f"{report.messages} messages in {report.seconds:.3f} s ({per_msg:.2f} ms/message)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--show-misses", action="store_true", help="print the ids of missed and over-redacted messages")
    args = parser.parse_args(argv)
    report = evaluate(load_set(args.set))
    print(format_report(report))
    if args.show_misses:
        print("missed:", ", ".join(report.misses) or "none")
        print("over-redacted:", ", ".join(report.false_positives) or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
