"""Stratified k-fold cross-validation over the training data (`python -m bench.crossval`).

Each language file is split into k folds stratified by intent; fold i of every language is held
out together and one multilingual model is trained on the rest, as production trains on all of them.
Every held-out example is parsed by the trained NLU graph (language detector, tokenizer,
featurizers, DIET, fallback, safety override: the pipeline of config.yml, minus the policies).
Prints per language: accuracy, macro-F1, per-intent F1, the main confusion pairs, how often the
bot would offer two answers (data/ambiguous_pairs.yml), plus the training and total run time.

    python -m bench.crossval [--folds 5] [--only N | --fold I] [--set DIETClassifier.epochs=60 ...] [--save var/cv.json]
                             [--base main]

``--set`` overrides a component option of config.yml (for the training-time comparison in
docs/NLU.md; ``Name#i.option=value`` sets it on the i-th component of that name only); ``--drop NAME#INDEX`` removes a component (e.g. ``CountVectorsFeaturizer#1``,
the second featurizer of that name). ``--save`` keeps every held-out parse (gold intent,
ranking) for tuning the offer-both rule; it contains training texts, never user messages.

``--base REF`` judges new training data on the same test folds as the data at git ref ``REF``:
the folds are dealt over REF's examples, and an example REF does not have is used for training
only, in every fold. Without it, adding examples re-deals every fold, and two runs compare
different test sets (one fold's noise, +-0.02 a language, hides what the data changed).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from bench.nlu_metrics import EQUIVALENT, OFFERED_SEPARATOR, ROOT, Report, answered_label, evaluate, quiet_rasa
from bot.nlu.languages import SUPPORTED

TRAINING_DIR = ROOT / "data" / "nlu"
# Every language with a training file: one multilingual model is trained on all of them, as in production.
CV_LANGS = tuple(lang for lang in SUPPORTED if (TRAINING_DIR / f"{lang}.yml").exists())
DEFAULT_FOLDS = 5


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and its finished children so far."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _parse_value(raw: str) -> Any:
    return yaml.safe_load(raw)


def pipeline_config(overrides: Sequence[str] = (), drops: Sequence[str] = ()) -> dict[str, Any]:
    """config.yml without policies, with ``Component.option=value`` overrides and ``Name#i`` drops."""
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    config.pop("policies", None)
    pipeline: list[dict[str, Any]] = config["pipeline"]
    for override in overrides:
        key, _, raw = override.partition("=")
        component, _, option = key.rpartition(".")
        component, _, index = component.partition("#")  # Name#i: only the i-th of that name
        matches = [c for c in pipeline if c["name"] == component or c["name"].endswith("." + component)]
        if index:
            matches = matches[int(index) : int(index) + 1]
        if not matches:
            raise SystemExit(f"--set {override}: no component {component} in config.yml")
        for match in matches:
            match[option] = _parse_value(raw)
    for drop in drops:
        name, _, index = drop.partition("#")
        same = [c for c in pipeline if c["name"] == name]
        if not same:
            raise SystemExit(f"--drop {drop}: no component {name} in config.yml")
        pipeline.remove(same[int(index or 0)])
    return config


def stratified_folds(intents: Sequence[str], k: int, seed: int = 42) -> list[int]:
    """Fold number of each example: each intent's examples shuffled, then dealt round-robin,
    so every fold has ~1/k of every intent (sklearn's StratifiedKFold refuses intents with
    fewer than k examples; dealing handles them, they just miss some folds)."""
    rng = random.Random(seed)
    by_intent: dict[str, list[int]] = defaultdict(list)
    for index, intent in enumerate(intents):
        by_intent[intent].append(index)
    fold_of = [0] * len(intents)
    offset = 0
    for intent in sorted(by_intent):
        members = by_intent[intent]
        rng.shuffle(members)
        for position, index in enumerate(members):
            fold_of[index] = (offset + position) % k
        offset += len(members)  # rotate so small intents do not all land in fold 0
    return fold_of


TRAIN_ONLY = -1  # the fold of an example that is never held out (see folds_like)


def folds_like(texts: Sequence[str], base_texts: Sequence[str], base_folds: Sequence[int]) -> list[int]:
    """Each example's fold in the base data (by its text), or TRAIN_ONLY for an example the base lacks."""
    fold_of_text = dict(zip(base_texts, base_folds))
    return [fold_of_text.get(text, TRAIN_ONLY) for text in texts]


def data_at(ref: str, workdir: Path) -> Path:
    """A folder with the training files as they are at git ref ``ref``."""
    folder = workdir / "base"
    folder.mkdir(parents=True, exist_ok=True)
    for lang in CV_LANGS:
        relative = (TRAINING_DIR / f"{lang}.yml").relative_to(ROOT).as_posix()
        shown = subprocess.run(
            ["git", "show", f"{ref}:{relative}"], cwd=ROOT, capture_output=True, text=True, check=False
        )
        if shown.returncode != 0:
            raise SystemExit(f"--base {ref}: git has no {relative} there ({shown.stderr.strip()})")
        (folder / f"{lang}.yml").write_text(shown.stdout, encoding="utf-8")
    return folder


def load_training(lang: str, directory: Path = TRAINING_DIR):
    from rasa.shared.nlu.training_data.loading import load_data

    return load_data(str(directory / f"{lang}.yml"))


def run_fold(
    fold: int, k: int, data: dict[str, Any], folds: dict[str, list[int]], config: Path, workdir: Path, domain: str
) -> tuple[dict[str, list[tuple[str, dict[str, Any]]]], tuple[float, float]]:
    """Train on every fold but ``fold``; return the held-out parses per language and the training's
    (wall, CPU) seconds: on a shared machine CPU seconds are the steadier measure."""
    from rasa.core.agent import Agent
    from rasa.model_training import train_nlu
    from rasa.shared.nlu.training_data.training_data import TrainingData

    train_examples, test = [], {}
    for lang in CV_LANGS:
        examples = data[lang].intent_examples
        train_examples += [m for m, f in zip(examples, folds[lang]) if f != fold]
        test[lang] = [m for m, f in zip(examples, folds[lang]) if f == fold]
    train_file = workdir / f"fold{fold}.yml"
    train_file.write_text(TrainingData(training_examples=train_examples).nlu_as_yaml())
    started, cpu_started = time.time(), cpu_seconds()
    model = train_nlu(str(config), str(train_file), str(workdir), fixed_model_name=f"fold{fold}", domain=domain)
    trained_in, cpu = time.time() - started, cpu_seconds() - cpu_started
    quiet_rasa()
    agent = Agent.load(model)
    loop = asyncio.new_event_loop()
    parses = {
        lang: [(m.get("intent"), loop.run_until_complete(agent.parse_message(m.get("text")))) for m in test[lang]]
        for lang in CV_LANGS
    }
    loop.close()
    print(
        f"  fold {fold + 1}/{k}: trained in {trained_in:.0f} s ({cpu:.0f} s CPU) on {len(train_examples)} examples",
        flush=True,
    )
    return parses, (trained_in, cpu)


def compact(parse: dict[str, Any]) -> dict[str, Any]:
    """What tuning needs from a parse: the answer, the ranking, whether safety overrode it."""
    return {
        "intent": parse["intent"]["name"],
        "safety_override": bool(parse.get("safety_override")),
        "ranking": [(r["name"], round(r["confidence"], 4)) for r in (parse.get("intent_ranking") or [])[:5]],
    }


def write_parses(
    path: Path,
    parses: dict[str, list[tuple[str, dict[str, Any]]]],
    fold_numbers: dict[str, list[int]],
    training: list[tuple[float, float]],
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = {
        lang: [{"fold": f, "gold": g, "text": p["text"], **compact(p)} for f, (g, p) in zip(fold_numbers[lang], items)]
        for lang, items in parses.items()
    }
    path.write_text(json.dumps({"training_seconds": training, **rows}, ensure_ascii=False, indent=0))


def format_cv(report: Report, offered: int) -> str:
    lines = [
        f"[{report.lang}] CV accuracy {report.accuracy:.3f} ({report.correct}/{report.total}), "
        f"macro-F1 {report.macro_f1:.3f}, crisis recall {report.recall('crisis'):.3f}, "
        f"offered two answers {offered}"
    ]
    scores = sorted((report.f1(i), i) for i in report.per_intent)
    lines.append("  per-intent F1: " + ", ".join(f"{i} {f:.2f}" for f, i in scores))
    for (gold, pred), count in report.confusions(10):
        lines.append(f"  confused {gold} -> {pred}: {count}")
    return "\n".join(lines)


def crossval(
    k: int,
    config: dict[str, Any],
    save: Path | None = None,
    only: int | None = None,
    data_dir: Path = TRAINING_DIR,
    fold: int | None = None,
    base: str | None = None,
) -> dict[str, Report]:
    """Scores over all k folds, the first ``only`` folds, or fold number ``fold`` alone (1-based):
    quicker comparisons of configs, and a second opinion on another fold. ``base``: a git ref whose
    data fixes the test folds (module docstring)."""
    data = {lang: load_training(lang, data_dir) for lang in CV_LANGS}
    folds = {lang: stratified_folds([m.get("intent") for m in data[lang].intent_examples], k) for lang in CV_LANGS}
    if base:
        with tempfile.TemporaryDirectory() as tmp:
            base_dir = data_at(base, Path(tmp))
            for lang in CV_LANGS:
                base_examples = load_training(lang, base_dir).intent_examples
                base_folds = stratified_folds([m.get("intent") for m in base_examples], k)
                texts = [m.get("text") for m in data[lang].intent_examples]
                folds[lang] = folds_like(texts, [m.get("text") for m in base_examples], base_folds)
                print(f"  [{lang}] folds of {base}: {folds[lang].count(TRAIN_ONLY)} examples new since, training only")
    parses: dict[str, list[tuple[str, dict[str, Any]]]] = {lang: [] for lang in CV_LANGS}
    fold_numbers: dict[str, list[int]] = {lang: [] for lang in CV_LANGS}
    training = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        config_file = workdir / "config.yml"
        config_file.write_text(yaml.safe_dump(config, sort_keys=False))
        # A private cache: folds must not reuse each other's (or the developer's) cached components.
        os.environ["RASA_CACHE_DIRECTORY"] = str(workdir / "cache")
        for number in [fold - 1] if fold else range(only or k):
            fold_parses, seconds = run_fold(number, k, data, folds, config_file, workdir, str(ROOT / "domain.yml"))
            training.append(seconds)
            for lang in CV_LANGS:
                parses[lang] += fold_parses[lang]
                fold_numbers[lang] += [number] * len(fold_parses[lang])
            if save:  # after every fold: a long run stopped early still leaves its figures
                write_parses(save, parses, fold_numbers, training)
    reports = {}
    for lang in CV_LANGS:
        # Texts are unique within a language (duplicates across intents are forbidden).
        labels = {p["text"]: answered_label(p) for _, p in parses[lang]}
        reports[lang] = evaluate(lang, labels.__getitem__, [(p["text"], gold) for gold, p in parses[lang]])
        print(format_cv(reports[lang], sum(OFFERED_SEPARATOR in label for label in labels.values())))
    walls, cpus = [w for w, _ in training], [c for _, c in training]
    print(
        f"training per fold: mean {sum(walls) / len(walls):.0f} s wall (min {min(walls):.0f}, max {max(walls):.0f}), "
        f"mean {sum(cpus) / len(cpus):.0f} s CPU"
    )
    return reports


RATIOS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.01]


def rescore(path: Path, only: int | None = None) -> None:
    """Scores of a saved run (first ``only`` folds), and the offer-both rule at several ratios:
    accuracy counting an offer as right when either answer is, and how many messages get offers."""
    import bot.nlu.ambiguity as ambiguity
    from bot import settings

    saved = json.loads(path.read_text())
    rows = {lang: [r for r in saved[lang] if only is None or r["fold"] < only] for lang in CV_LANGS}

    def as_parse(row: dict[str, Any]) -> dict[str, Any]:
        return {
            "intent": {"name": row["intent"]},
            "safety_override": row["safety_override"],
            "intent_ranking": [{"name": n, "confidence": c} for n, c in row["ranking"]],
        }

    for lang in CV_LANGS:
        labels = {r["text"]: answered_label(as_parse(r)) for r in rows[lang]}
        report = evaluate(lang, labels.__getitem__, [(r["text"], r["gold"]) for r in rows[lang]])
        print(format_cv(report, sum(OFFERED_SEPARATOR in label for label in labels.values())))
    pairs_file = settings.ambiguous_pairs_file()
    pairs, current = ambiguity.load_pairs(pairs_file)
    print(f"offer-both rule (pairs of {pairs_file.name}; now min_ratio {current}):")
    print("  min_ratio   " + "   ".join(f"{lang} acc / offers" for lang in CV_LANGS))
    for ratio in RATIOS:
        cells = []
        for lang in CV_LANGS:
            with tempfile.NamedTemporaryFile("w", suffix=".yml") as tmp:
                yaml.safe_dump({"min_ratio": ratio, "pairs": [sorted(p) for p in pairs]}, tmp)
                tmp.flush()
                labels = [
                    (r["gold"], ambiguity.offered_pair(as_parse(r), Path(tmp.name)), r["intent"]) for r in rows[lang]
                ]
            right = sum(
                (gold in pair) if pair else (EQUIVALENT.get(intent, intent) == gold) for gold, pair, intent in labels
            )
            cells.append(f"{right / len(labels):.3f} / {sum(bool(p) for _, p, _ in labels):>3}")
        print(f"  {ratio:<9}   " + "   ".join(cells))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=DEFAULT_FOLDS)
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="COMPONENT.OPTION=VALUE")
    parser.add_argument("--drop", dest="drops", action="append", default=[], metavar="NAME#INDEX")
    parser.add_argument("--only", type=int, help="run only the first N folds (quick comparisons)")
    parser.add_argument("--fold", type=int, help="run only fold number N (1-based)")
    parser.add_argument("--save", type=Path)
    parser.add_argument("--data", type=Path, default=TRAINING_DIR, help="folder with <lang>.yml (default data/nlu)")
    parser.add_argument("--rescore", type=Path, help="print the figures of a run saved with --save (no training)")
    parser.add_argument("--base", help="git ref whose data fixes the test folds; newer examples train only")
    args = parser.parse_args(argv or [])
    if args.rescore:
        rescore(args.rescore, args.only)
        return 0
    # Train as production does (`python -m bot.server.rasa_server train`): the same process setup and
    # guarded Rasa patches, so a patch that changed what DIET learns would be measured here too.
    from bot.server.rasa_server import prepare

    prepare()
    started, cpu_started = time.time(), cpu_seconds()
    config = pipeline_config(args.overrides, args.drops)
    print(
        f"{args.folds}-fold cross-validation of config.yml"
        + "".join(f" --set {o}" for o in args.overrides)
        + "".join(f" --drop {d}" for d in args.drops)
        + (f", test folds of {args.base}" if args.base else ""),
        flush=True,
    )
    crossval(args.folds, config, args.save, args.only, args.data, args.fold, args.base)
    print(f"cross-validation ran in {time.time() - started:.0f} s wall, {cpu_seconds() - cpu_started:.0f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
