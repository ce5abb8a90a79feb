"""Whether a typed message only asks what a word means ("what is a sponsor?", "que es un expediente", "kisa ORR
ye"; data/definitions.yml), and which answer explains it. Session 37, by hand: "what does sponsor mean" got the
history of ORR sharing sponsors' data with ICE, "what is a case manager" the menu."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import yaml

from bot import settings
from bot.nlu.caregivers import PHRASES_FILE as CAREGIVER_PHRASES_FILE
from bot.nlu.languages import words
from bot.nlu.phrase_lists import alternation, clauses, file_phrases, group_phrases

DEFINITIONS_FILE = settings.PROJECT_ROOT / "data" / "definitions.yml"
TERM = "term"  # the entity (domain.yml) that names a definition answer on an out-of-scope message
DEFINITION_PREFIX = "define_"  # answers that are definitions (the others are topics with their own intent)


@functools.cache
def _patterns(path: Path) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(answer, a whole message that asks what one of its words means), one per term."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    article = alternation(group_phrases(path, "articles"))
    article_after = alternation(group_phrases(path, "articles_after"))
    # A parent may say who they are first ("soy la mama, que es un patrocinador?"): their words are fillers too.
    filler = alternation(group_phrases(path, "fillers") | file_phrases(CAREGIVER_PHRASES_FILE))
    questions = sorted(group_phrases(path, "questions"), key=len, reverse=True)
    found = []
    for answer, per_lang in (raw.get("terms") or {}).items():
        term_words = alternation({words(str(w)) for ws in per_lang.values() for w in ws or []})
        term = rf"(?:(?:{article}) )?(?:{term_words})(?: (?:{article_after}))?"
        # The question's own words escaped; its {term} (folded to "term") replaced by the term's words.
        asked = "|".join(term.join(re.split(r"\bterm\b", re.escape(q))) for q in questions)
        found.append((answer, re.compile(rf"(?:(?:{filler}) )*(?:{asked})(?: (?:{filler}))*")))
    return tuple(found)


def asked_definition(text: str, path: Path = DEFINITIONS_FILE) -> str | None:
    """The answer that explains the word ``text`` only asks about ("what is a sponsor?" -> define_sponsor, "what
    is ICE" -> held_by_cbp_ice), or None. A button payload ("/...") never asks."""
    if not text or text.startswith("/"):
        return None
    folded = " ".join(clauses(text))
    return next((answer for answer, pattern in _patterns(path) if pattern.fullmatch(folded)), None)


def definition_answers(path: Path = DEFINITIONS_FILE) -> frozenset[str]:
    """The definition answers (``define_*``) the file names: no intent, they answer through the ``term`` entity."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return frozenset(a for a in raw.get("terms") or {} if a.startswith(DEFINITION_PREFIX))


def definition_answer(parse: dict) -> str | None:
    """The definition answer a parsed message's ``term`` entity names, or None."""
    return next((e["value"] for e in parse.get("entities") or [] if e.get("entity") == TERM), None)
