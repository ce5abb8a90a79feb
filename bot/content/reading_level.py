"""Reading level of an answer, with a metric suited to its language (limits: docs/CONTENT.md).

English: Flesch-Kincaid grade (lower is easier); Spanish: Fernandez-Huerta reading ease (higher is
easier). Both offline and repeatable (pyphen syllables, no downloads).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

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


def assess(lang: str, text: str, max_grade_en: float, min_fh_es: float) -> tuple[str, float, str | None]:
    """(metric, level, problem or None) for ``text`` in ``lang``."""
    if lang == "es":
        level = fernandez_huerta(text)
        too_hard = level < min_fh_es
        return "FH", level, f"Fernandez-Huerta {level} < {min_fh_es}" if too_hard else None
    level = flesch_kincaid_grade(text)
    too_hard = lang == "en" and level > max_grade_en
    return "FK", level, f"Flesch-Kincaid grade {level} > {max_grade_en}" if too_hard else None
