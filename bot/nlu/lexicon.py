"""Which language a word belongs to, from word-frequency tables that ship with packages and word lists.

spacy-lookups-data carries spaCy's lexeme probabilities for English and Spanish (log frequency of
a million word forms); wordfreq carries frequency lists for Portuguese and French (and many more),
inside its wheel. The language detector asks, word by word, whether a word is clearly more frequent
in one supported language than in the others. The full tables are large, so
``python -m bot build-spacy`` (run by setup) keeps the most frequent ``TOP_WORDS`` of each language,
accent-folded, as natural-log probabilities in ``build/lexicon/<lang>.json``; a process that finds
no such file builds it once.

Haitian Creole has no table in either package: its words come from the hand-kept list of
distinctive everyday words in data/language_words.yml (Portuguese and French keep theirs too, for
chat spellings such as "oq", "vc", "jsp" that the tables do not know).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import yaml

from bot import settings
from bot.nlu.languages import fold

LEXICON_DIR = settings.PROJECT_ROOT / "build" / "lexicon"
TOP_WORDS = 60_000
# Log-probability given to a word missing from a language's table (below every listed word).
MISSING = -21.0
# A word belongs to a language when it is at least e^MARGIN (~4.5x) more frequent there:
# "tell" (en -7.9 / es -15.0) does, "me" (-5.8 / -6.1) and "a" (-3.9 / -4.0) do not.
MARGIN = 1.5
# French and Portuguese web text borrows English words ("hello", "ok", "staff"), so their tables
# know them almost as well as English does; English needs a smaller lead over those two.
LOANWORD_MARGIN = 0.75
_LOANWORDS = {("en", "fr"), ("en", "pt")}
WORDS_FILE = settings.PROJECT_ROOT / "data" / "language_words.yml"
SPELLINGS_FILE = settings.PROJECT_ROOT / "data" / "language_spellings.yml"
# A listed word still says nothing when English or Spanish use it this often ("pas" in "faux pas" is
# rare enough, "la" is not).
COMMON = -10.0
# A spelling (data/language_spellings.yml) is weaker evidence than a listed word: it votes only when
# English and Spanish barely know the word ("unhappy" -11.7 and "inherit" -13.1 in English keep theirs).
SPELLING_RARE = -14.0


def _source(lang: str) -> Path:
    import spacy_lookups_data

    return Path(spacy_lookups_data.__file__).parent / "data" / f"{lang}_lexeme_prob.json.gz"


# The languages whose table comes from wordfreq (spacy-lookups-data has none for them).
WORDFREQ_LANGUAGES = ("pt", "fr")


@cache
def has_table(lang: str) -> bool:
    """Whether a package ships word frequencies for ``lang`` (en, es: spacy-lookups-data; pt, fr: wordfreq)."""
    return path(lang).exists() or lang in WORDFREQ_LANGUAGES or _source(lang).exists()


def _frequencies(lang: str) -> dict[str, float]:
    """Natural-log word probabilities of ``lang`` from the package that has them."""
    if lang in WORDFREQ_LANGUAGES:
        import math

        import wordfreq

        return {word: math.log(freq) for word, freq in wordfreq.get_frequency_dict(lang, wordlist="best").items()}
    with gzip.open(_source(lang), "rt", encoding="utf-8") as handle:
        return json.load(handle)


@cache
def word_lists() -> dict[str, frozenset[str]]:
    """The distinctive words of the languages without frequency tables (data/language_words.yml)."""
    raw = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8")) or {}
    return {lang: frozenset(fold(str(word)) for word in words) for lang, words in raw.items()}


@cache
def spellings() -> dict[str, tuple[re.Pattern[str], ...]]:
    """The spellings only one language uses (data/language_spellings.yml), compiled."""
    raw = yaml.safe_load(SPELLINGS_FILE.read_text(encoding="utf-8")) or {}
    return {lang: tuple(re.compile(str(p)) for p in patterns) for lang, patterns in raw.items()}


def spelled_language(word: str, languages: Sequence[str]) -> str | None:
    """The one language of ``languages`` whose spellings the lowercased ``word`` (accents kept) matches."""
    matched = [lang for lang in languages if any(p.search(word) for p in spellings().get(lang, ()))]
    return matched[0] if len(matched) == 1 else None


def path(lang: str) -> Path:
    return LEXICON_DIR / f"{lang}.json"


def build(lang: str, out: Path | None = None) -> Path:
    """Write the ``TOP_WORDS`` most frequent accent-folded word forms of ``lang`` with their log-probability."""
    table = _frequencies(lang)
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


def word_language(word: str, languages: Sequence[str], typed: str | None = None) -> str | None:
    """The one language of ``languages`` the (folded) ``word`` belongs to, else None.

    A word in one language's list belongs to it unless a frequency-table language uses it often; a
    word in two lists belongs to none; then a spelling only one language uses (``typed``: the word
    lowercased with its accents) under the same condition; other words go by the frequency tables.
    """
    tabled = [lang for lang in languages if has_table(lang)]
    listed = [lang for lang in languages if word in word_lists().get(lang, ())]
    # As data/language_words.yml says: a listed word counts unless English or Spanish use it often
    # (French using "sa" and "pa" often must not silence the Creole list).
    rare_elsewhere = all(table(lang).get(word, MISSING) < COMMON for lang in tabled if lang in ("en", "es"))
    if listed:
        return listed[0] if len(listed) == 1 and rare_elsewhere else None
    spelled = spelled_language(typed, languages) if typed else None
    if spelled and all(table(lang).get(word, MISSING) < SPELLING_RARE for lang in tabled if lang != spelled):
        return spelled
    return _most_frequent(word, tabled)


def _most_frequent(word: str, languages: Sequence[str]) -> str | None:
    scores = sorted(((table(lang).get(word, MISSING), lang) for lang in languages), reverse=True)
    if len(scores) < 2:
        return scores[0][1] if scores and scores[0][0] > MISSING else None
    (best, lang), (second, runner_up) = scores[0], scores[1]
    margin = LOANWORD_MARGIN if (lang, runner_up) in _LOANWORDS else MARGIN
    return lang if best > MISSING and best - second >= margin else None
