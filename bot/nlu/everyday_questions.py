"""Whether a typed message only asks one everyday question the classifier could not place: when the child will
leave the shelter, or whether they can go back to their country (data/everyday_questions.yml; QA session 44:
"cuando me van a soltar" got the crisis answer, "i want to go back to my country" the disclosure guard)."""

from __future__ import annotations

import functools

import yaml

from bot import settings
from bot.nlu.phrase_lists import says_only

QUESTIONS_FILE = settings.PROJECT_ROOT / "data" / "everyday_questions.yml"
NOT_QUESTIONS = frozenset({"places", "fillers"})  # the file's groups that are words around a question
PLACES = "places"


@functools.cache
def everyday_answers() -> frozenset[str]:
    """The answers the file's questions lead to (one per group; data/locales/answers.*.yml)."""
    raw = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8")) or {}
    return frozenset(group for group in raw if group not in NOT_QUESTIONS)


def asked_everyday_question(text: str) -> str | None:
    """The answer to ``text`` when the whole message only asks one of the file's questions ("cuando me van a
    soltar?" -> leaving_the_shelter; "i want to go back to guatemala" -> going_home), else None. A button payload
    never asks one."""
    return next(
        (answer for answer in sorted(everyday_answers()) if says_only(QUESTIONS_FILE, answer, text, (PLACES,))), None
    )
