"""Reading level of an answer, with a metric suited to its language (limits: docs/CONTENT.md).

English: Flesch-Kincaid grade (lower is easier); Spanish: Fernandez-Huerta reading ease; French:
Flesch reading ease with Kandel & Moles' constants (textstat); Portuguese: Flesch reading ease as
adapted by Martins et al. (textstat has none for Portuguese); Haitian Creole, which has no published
readability formula: LIX (Björnsson), which counts only sentence length and words longer than six
letters and so needs no language-specific syllable rules. All offline and repeatable (pyphen
syllables, no downloads). Metric and limit per language: data/languages.yml.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.nlu.languages import LANGUAGES

DEFAULT_MAX_GRADE_EN = 7.0  # Flesch-Kincaid grade: a 12-year-old (US grades 6-7)
DEFAULT_MIN_FH_ES = 70.0  # Fernandez-Huerta: 70-80 is "bastante facil" (6th grade)
PARAM = re.compile(r"%\{(\w+)\}")
_URL = re.compile(r"https?://\S+|\bwww\.\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")


def plain_text(text: str, params: Mapping[str, Any]) -> str:
    """Text as a reader sees it: placeholders filled, URLs removed (they are not words)."""
    text = PARAM.sub(lambda m: str(params.get(m.group(1), m.group(1))), text)
    return _URL.sub(" ", text)


def flesch_kincaid_grade(text: str) -> float:
    """Flesch-Kincaid grade with textstat's word/sentence counts and pyphen syllables.

    textstat 0.7.13 looks English words up in NLTK's cmudict, which it downloads on first use; that
    fails offline and would make results differ between machines. Pyphen is textstat's own fallback
    for words missing from cmudict, so using it for every word keeps the check offline and repeatable.
    """
    import pyphen
    import textstat

    textstat.set_lang("en")
    words = re.findall(r"[A-Za-z0-9']+", text)
    sentences = max(1, textstat.sentence_count(text))
    if not words:
        return 0.0
    dic = pyphen.Pyphen(lang="en_US")
    syllables = sum(len(dic.positions(w.lower())) + 1 for w in words)
    return round(0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59, 1)


def fernandez_huerta(text: str) -> float:
    """Fernandez-Huerta reading ease (Spanish) from textstat (pyphen syllables, no download)."""
    import textstat

    textstat.set_lang("es")
    try:
        return round(float(textstat.fernandez_huerta(text)), 1)
    finally:
        textstat.set_lang("en")


def _words_and_sentences(text: str) -> tuple[list[str], int]:
    import textstat

    return re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text), max(1, textstat.sentence_count(text))


def _flesch(text: str, pyphen_lang: str, base: float, per_sentence: float, per_syllable: float) -> float:
    """Flesch reading ease with a language's constants and pyphen syllables (higher is easier)."""
    import pyphen

    words, sentences = _words_and_sentences(text)
    if not words:
        return 100.0
    dic = pyphen.Pyphen(lang=pyphen_lang)
    syllables = sum(len(dic.positions(w.lower())) + 1 for w in words)
    return round(base - per_sentence * len(words) / sentences - per_syllable * syllables / len(words), 1)


def flesch_kandel_moles(text: str) -> float:
    """French: Flesch reading ease with Kandel & Moles' constants (textstat's French values)."""
    return _flesch(text, "fr", 207.0, 1.015, 73.6)


def flesch_martins(text: str) -> float:
    """Portuguese: Flesch reading ease adapted by Martins et al. (1996): 248.835 - 1.015 ASL - 84.6 ASW."""
    return _flesch(text, "pt_BR", 248.835, 1.015, 84.6)


def lix(text: str) -> float:
    """LIX: words per sentence plus the percentage of words longer than six letters (lower is easier)."""
    words, sentences = _words_and_sentences(text)
    if not words:
        return 0.0
    long_words = sum(len(w) > 6 for w in words)
    return round(len(words) / sentences + 100 * long_words / len(words), 1)


# metric name in data/languages.yml -> (column label, name in messages, function, whether higher is easier)
METRICS = {
    "flesch_kincaid_grade": ("FK", "Flesch-Kincaid grade", flesch_kincaid_grade, False),
    "fernandez_huerta": ("FH", "Fernandez-Huerta", fernandez_huerta, True),
    "flesch_kandel_moles": ("KM", "Flesch (Kandel-Moles)", flesch_kandel_moles, True),
    "flesch_martins": ("FM", "Flesch (Martins)", flesch_martins, True),
    "lix": ("LIX", "LIX", lix, False),
}


def easier_when_higher(label: str) -> bool:
    return any(entry[0] == label and entry[3] for entry in METRICS.values())


def assess(lang: str, text: str, max_grade_en: float, min_fh_es: float) -> tuple[str, float, str | None]:
    """(metric, level, problem or None) for ``text`` in ``lang``; English and Spanish limits can be overridden."""
    setting: dict[str, Any] = (
        dict(LANGUAGES[lang].reading_level) if lang in LANGUAGES else {"metric": "flesch_kincaid_grade"}
    )
    if lang == "en":
        setting["max"] = max_grade_en
    if lang == "es":
        setting["min"] = min_fh_es
    label, name, measure, higher_is_easier = METRICS[setting["metric"]]
    level = measure(text)
    if higher_is_easier and "min" in setting and level < setting["min"]:
        return label, level, f"{name} {level} < {setting['min']}"
    if not higher_is_easier and "max" in setting and level > setting["max"]:
        return label, level, f"{name} {level} > {setting['max']}"
    return label, level, None
