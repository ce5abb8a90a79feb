"""Which language a word belongs to, from word-frequency tables that ship with a package.

spacy-lookups-data carries spaCy's lexeme probabilities (log frequency of a million word forms
per language). The language detector asks it, word by word, whether a word is clearly more
frequent in one supported language than in the others. The full tables take ~150 MB in
memory, so ``python -m bot build-spacy`` (run by setup) keeps the most frequent
``TOP_WORDS`` of each language, accent-folded, in ``build/lexicon/<lang>.json``; a process
that finds no such file builds it once.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from bot import settings
from bot.nlu.languages import fold

LEXICON_DIR = settings.PROJECT_ROOT / "build" / "lexicon"
TOP_WORDS = 60_000
# Log-probability given to a word missing from a language's table (below every listed word).
MISSING = -21.0
# A word belongs to a language when it is at least e^MARGIN (~4.5x) more frequent there:
# "tell" (en -7.9 / es -15.0) does, "me" (-5.8 / -6.1) and "a" (-3.9 / -4.0) do not.
MARGIN = 1.5


def path(lang: str) -> Path:
    return LEXICON_DIR / f"{lang}.json"


def build(lang: str, out: Path | None = None) -> Path:
    """Write the ``TOP_WORDS`` most frequent accent-folded word forms of ``lang`` with their log-probability."""
    import spacy_lookups_data

    source = Path(spacy_lookups_data.__file__).parent / "data" / f"{lang}_lexeme_prob.json.gz"
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        table: dict[str, float] = json.load(handle)
    folded: dict[str, float] = {}
    for word, logprob in sorted(table.items(), key=lambda item: item[1], reverse=True):
        key = fold(word)
        if key.isalpha() and key not in folded:
            folded[key] = round(float(logprob), 2)
            if len(folded) >= TOP_WORDS:
                break
    out = out or path(lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(folded, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return out


@cache
def table(lang: str) -> dict[str, float]:
    """The compact frequency table of ``lang`` (built on first use when setup has not)."""
    file = path(lang)
    if not file.exists():
        build(lang, file)
    return json.loads(file.read_text(encoding="utf-8"))


def word_language(word: str, languages: Sequence[str]) -> str | None:
    """The one language of ``languages`` where the (folded) ``word`` is clearly most frequent, else None."""
    scores = sorted(((table(lang).get(word, MISSING), lang) for lang in languages), reverse=True)
    if len(scores) < 2:
        return scores[0][1] if scores and scores[0][0] > MISSING else None
    (best, lang), (second, _) = scores[0], scores[1]
    return lang if best > MISSING and best - second >= MARGIN else None
