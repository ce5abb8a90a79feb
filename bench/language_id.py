"""Language identification measured by k-fold cross-validation over the training data (issue #12).

`python -m bench.language_id [K]` fits the bot's own language model (bot.nlu.language_model) on K-1
folds of data/nlu/<lang>.yml and identifies the held-out fold's messages three ways: the general
detectors alone, the own model alone, and both as ``detect`` combines them, at several thresholds
(``SURE_OWN`` is the product's). Prints per-language accuracy. This is where ``SURE_OWN`` is chosen;
the frozen sets are measured once per change by ``bench.frozen_languages`` and never tuned on.
"""

from __future__ import annotations

import sys
from collections import defaultdict

from bench.crossval import stratified_folds
from bot.nlu import language_model
from bot.nlu.language_detection import SURE_OWN, combine, detect, general_detection
from bot.nlu.languages import SUPPORTED

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def main(argv: list[str]) -> int:
    k = int(argv[0]) if argv else 5
    examples = language_model.training_examples()
    fold_of = stratified_folds([lang for _, lang in examples], k)  # languages spread evenly
    right: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    totals: dict[str, int] = defaultdict(int)
    for fold in range(k):
        model = language_model.build([ex for ex, f in zip(examples, fold_of) if f != fold])
        for (text, lang), f in zip(examples, fold_of):
            if f != fold:
                continue
            totals[lang] += 1
            general = general_detection(text)
            own = language_model.rank(text, SUPPORTED, model)
            product = detect(text, model=model)
            guesses = {
                "general detectors": general.code if general else None,
                "own model": own[0][0] if own else None,
                f"detect (SURE_OWN {SURE_OWN})": product.code if product else None,
            }
            for threshold in THRESHOLDS:
                combined = combine(general, own, threshold)
                guesses[f"combined at {threshold}"] = combined.code if combined else None
            for name, guess in guesses.items():
                right[name][lang] += guess == lang
    print(f"language identification, {k}-fold cross-validation over data/nlu ({len(examples)} messages)")
    print(f"{'':28}" + "".join(f"{lang:>7}" for lang in SUPPORTED) + "   mean")
    for name, counts in right.items():
        scores = [counts[lang] / totals[lang] for lang in SUPPORTED]
        print(f"{name:28}" + "".join(f"{s:7.3f}" for s in scores) + f"{sum(scores) / len(scores):7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
