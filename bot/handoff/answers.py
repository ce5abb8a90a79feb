"""Understand the handoff form's answers, however typed (pure functions, no Rasa).

The words are data (data/handoff/phrases.yml). Each parser returns a value of
``bot.handoff.fields`` or None when it did not understand.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml

from bot import settings
from bot.handoff.fields import AgeGroup, ContactMethod, Decision, Mark, Role
from bot.handoff.payload import normalize_phone
from bot.legal_aid import routing
from bot.nlu.languages import fold

PHRASES_FILE = settings.PROJECT_ROOT / "data" / "handoff" / "phrases.yml"
# "he is 15", "tengo 16", "15 years old": only the group is kept, never the age itself.
_AGE = re.compile(
    r"(?:i am |i ?m |tengo |soy |(?:he|she|they) (?:is |are |s |re )?|(?:hes|shes|theyre) |"
    r"(?:el |ella )?tiene )?(\d{1,2})(?: years?| anos?| years old)?"
)


@functools.lru_cache(maxsize=1)
def phrases() -> dict[str, Any]:
    return yaml.safe_load(PHRASES_FILE.read_text(encoding="utf-8"))


def _words(text: Any) -> str:
    return " ".join(re.sub(r"[^\w@.+]+", " ", fold(text if isinstance(text, str) else "")).split())


def _has_any(words: str, phrase_list: list[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", words) for p in phrase_list)


def parse_role(text: str) -> Role | None:
    words = _words(text)
    for role in (Role.CASEWORKER, Role.CAREGIVER, Role.YOUTH):  # most specific first
        if _has_any(words, phrases()["role"][role.value]):
            return role
    return None


def parse_yes_no(text: str) -> bool | None:
    words = _words(text)
    if words in phrases()["yes"]["exact"] or _has_any(words, phrases()["yes"]["phrases"]):
        return True
    if words in phrases()["no"]["exact"]:
        return False
    return None


def parse_age_group(text: str) -> AgeGroup | Mark | None:
    words = _words(text)
    if routing.is_skip(text):
        return Mark.UNKNOWN
    table = phrases()["age_group"]
    if _has_any(words, table["under_18"]) or words in table["under_18_exact"]:
        return AgeGroup.UNDER_18
    if _has_any(words, table["18_plus"]) or words in table["18_plus_exact"]:
        return AgeGroup.ADULT
    number = _AGE.fullmatch(words)
    if number:
        return AgeGroup.UNDER_18 if int(number.group(1)) < 18 else AgeGroup.ADULT
    return None


def parse_contact_method(text: str) -> ContactMethod | None:
    if normalize_phone(text or ""):
        return ContactMethod.SMS
    words = _words(text)
    table = phrases()["contact_method"]
    for method in ("through_caseworker", "email", "sms", "phone", "none"):  # this order: "text my caseworker"
        if _has_any(words, table[method]):
            return ContactMethod(method)
    return ContactMethod.NONE if words in table["none_exact"] else None


def parse_confirm(text: str) -> tuple[Decision, int | None]:
    """The user's answer to the summary, and the line number it names ("remove 2")."""
    if routing.is_cancel(text or ""):
        return Decision.CANCEL, None
    words = _words(text)
    table = phrases()["confirm"]
    remove = re.fullmatch(rf"(?:{'|'.join(map(re.escape, table['remove']))})\s+(\d)", words)
    if remove:
        return Decision.REMOVE, int(remove.group(1))
    change = re.fullmatch(rf"(?:{'|'.join(map(re.escape, table['change']))})?\s*(\d)", words)
    if change:
        return Decision.CHANGE, int(change.group(1))
    yes_no = parse_yes_no(text)
    if yes_no is None:
        return Decision.UNKNOWN, None
    return (Decision.YES if yes_no else Decision.NO), None
