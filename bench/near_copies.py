"""Whether an evaluation line (nearly) repeats a training line.

Held-out and frozen figures are only as honest as their lines are new to the model: a test line that
is a training line with the accents or punctuation changed measures memory, not understanding. Used
by the overlap test (tests/bot/test_safety_patterns.py) and by `bench.frozen_languages`, which also
reports the figures on the frozen lines that repeat no training line.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

NEAR = 0.88  # similarity (difflib ratio) from which a line counts as a copy


def comparable(text: str) -> str:
    """Lowercase, no accents, no punctuation, repeated letters collapsed: what "near-exact" ignores."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = re.sub(r"[^\w\s]|_", " ", folded)
    folded = re.sub(r"([a-z])\1+", r"\1", folded)
    return " ".join(folded.split())


class TrainingLines:
    """The training lines, ready to be compared with evaluation lines."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._lines = {comparable(text): text for text in texts}

    def copy_of(self, text: str) -> str | None:
        """The training line ``text`` nearly repeats (as written in the training file), or None."""
        held = comparable(text)
        if held in self._lines:
            return self._lines[held]
        matcher = difflib.SequenceMatcher(b=held)  # b is cached across comparisons
        for seen, original in self._lines.items():
            # cheap length bound first: ratio <= 2*min/(sum of lengths)
            if 2 * min(len(seen), len(held)) < NEAR * (len(seen) + len(held)):
                continue
            matcher.set_seq1(seen)
            if matcher.quick_ratio() >= NEAR and matcher.ratio() >= NEAR:
                return original
        return None
