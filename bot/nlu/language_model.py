"""A language classifier of the bot's own, fitted on its training data (data/nlu/<lang>.yml).

lingua and langid.py learned their languages from web text. Children here write short messages
without accents, in chat spelling, about shelters, therapists and lawyers; Haitian Creole is in
neither (the word list in data/language_words.yml stands in for it, and misses most sentences that
lack its listed words). The training data is exactly that voice, labelled by the file it is in, so
character n-grams of it (accents folded) with logistic regression tell the five languages apart where
the general detectors hesitate. ``bot.nlu.language_detection.detect`` lets this model overrule them
only when it is sure; how sure, and what it gains, are measured by cross-validation over the training
data (``python -m bench.language_id``), never on the frozen sets.

The model is fitted at first use (about five seconds on 2 cores) and kept in build/language_model/
under a hash of the training data and this file, so it always matches the training data of this
checkout and later processes load it in milliseconds; where build/ cannot be written (a read-only
image), each process fits its own. The Rasa server does this while loading (``warm``), not on a
user's first message.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from bot import settings
from bot.nlu.fingerprint import digest
from bot.nlu.languages import SUPPORTED, fold

logger = logging.getLogger(__name__)

NLU_DIR = settings.PROJECT_ROOT / "data" / "nlu"
CACHE_DIR = settings.PROJECT_ROOT / "build" / "language_model"
# What the fitted model depends on, relative to the project root (scikit-learn's version is added).
INPUTS = ("data/nlu", "bot/nlu/language_model.py")
# Examples that say which language to speak are often written in the language asked for ("english
# please" in the Spanish file); they teach nothing about the language of the file, and the detector
# handles such requests before any model (languages.explicit_language_request).
LEFT_OUT_INTENTS = frozenset({"choose_language"})
# Users send pieces of sentences ("terapis la", "map chache avoka") and mix in English nouns; the
# training examples are mostly whole questions. Each example of PIECE_FROM words or more also teaches
# one piece of it: 2 or 3 consecutive words at a position drawn with a fixed seed (so the fitted model
# and its cache depend only on the data). Chosen by cross-validation (python -m bench.language_id) and
# a one-fold probe of shortened training messages; the frozen sets were not looked at.
PIECE_FROM = 4
PIECE_SEED = 0


def training_examples(languages: Sequence[str] = SUPPORTED, directory: Path = NLU_DIR) -> list[tuple[str, str]]:
    """(text, language) for every training example of ``languages`` that has a data file."""
    from rasa.shared.nlu.training_data.loading import load_data

    examples: list[tuple[str, str]] = []
    for lang in languages:
        path = directory / f"{lang}.yml"
        if not path.exists():
            continue
        data = load_data(str(path))
        examples += [(m.get("text"), lang) for m in data.intent_examples if m.get("intent") not in LEFT_OUT_INTENTS]
    return examples


def with_pieces(examples: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """``examples`` plus, for each of ``PIECE_FROM`` words or more, one piece of 2-3 consecutive words."""
    import random
    import zlib

    pieces = []
    for text, lang in examples:
        words = text.split()
        if len(words) >= PIECE_FROM:
            # Seeded by the example itself: adding or moving other examples leaves its piece as it was
            # (one shared stream re-drew every later piece on any edit, and the model moved with it).
            draw = random.Random(PIECE_SEED * 1_000_003 + zlib.crc32(text.encode("utf-8")))
            size = draw.choice((2, 3))
            start = draw.randrange(len(words) - size + 1)
            pieces.append((" ".join(words[start : start + size]), lang))
    return [*examples, *pieces]


def build(examples: Sequence[tuple[str, str]]) -> Any:
    """A scikit-learn pipeline fitted on ``examples`` (text, language) and pieces of them (``with_pieces``)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(
        # Character n-grams inside word boundaries survive typos and missing accents; sublinear
        # counts keep one repeated word ("nooo no no") from deciding.
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True, preprocessor=fold),
        LogisticRegression(C=10, max_iter=2000),
    )
    examples = with_pieces(examples)
    texts = [text for text, _ in examples]
    labels = [lang for _, lang in examples]
    return model.fit(texts, labels)


def cache_path() -> Path:
    import sklearn

    return CACHE_DIR / f"{digest(INPUTS)}-sklearn{sklearn.__version__}.pickle"


@cache
def _model() -> Any:
    path = cache_path()
    if path.exists():
        # Written by this code from this checkout's data (below), never downloaded.
        return pickle.loads(path.read_bytes())
    model = build(training_examples())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob("*.pickle"):
            stale.unlink(missing_ok=True)
        # Written aside and renamed, so a process starting beside this one never reads half a file.
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as handle:
            handle.write(pickle.dumps(model))
        os.chmod(handle.name, 0o644)  # an image builds it as root and runs as another user
        os.replace(handle.name, path)
    except OSError as error:
        logger.info("language model not cached (%s); this process keeps its own", error.strerror)
    return model


def warm() -> None:
    """Fit the model now (a server calls this while loading, not on a user's first message)."""
    _model()


def rank(text: str, languages: Sequence[str] = SUPPORTED, model: Any = None) -> list[tuple[str, float]]:
    """The model's probabilities for ``text`` over ``languages`` (renormalized), best first.

    Empty when none of ``languages`` is known to the model.
    """
    return rank_many([text], languages, model)[0]


def rank_many(
    texts: Sequence[str], languages: Sequence[str] = SUPPORTED, model: Any = None
) -> list[list[tuple[str, float]]]:
    """``rank`` for many texts in one call: training detects every example, and scikit-learn's
    per-call overhead was most of the model's ~8 s over ~12,000 examples."""
    model = model if model is not None else _model()
    if not texts:
        return []
    ranked = []
    for probabilities in model.predict_proba(list(texts)):
        kept = {lang: float(p) for lang, p in zip(model.classes_, probabilities) if lang in languages}
        total = sum(kept.values())
        ranked.append(
            sorted(((lang, p / total) for lang, p in kept.items()), key=lambda item: -item[1]) if total else []
        )
    return ranked
