"""Whether a typed message only says the child feels sick or that something hurts
(data/health_complaints.yml; QA session 30: "my tooth hurts" and "me duele la cabeza" got the crisis answer)."""

from __future__ import annotations

from pathlib import Path

from bot import settings
from bot.nlu.caregivers import PHRASES_FILE as CAREGIVER_PHRASES_FILE
from bot.nlu.caregivers import writes_as_caregiver
from bot.nlu.phrase_lists import says_only

COMPLAINTS_FILE = settings.PROJECT_ROOT / "data" / "health_complaints.yml"
HEALTH_ANSWER = "health_care"  # its answer (data/locales/answers.*.yml)
PREGNANCY_ANSWER = "pregnancy"  # the answer for "creo que estoy embarazada" (QA session 33 got "I can't answer")


def only_health_complaint(text: str, path: Path = COMPLAINTS_FILE) -> bool:
    """``text`` says only that the child is sick or hurts somewhere ("my tooth hurts", "hola, me duele la
    cabeza"), with nothing else in it ("my stomach hurts because he kicked me" has more)."""
    return says_only(path, "complaints", text)


def only_child_health_complaint(text: str, path: Path = COMPLAINTS_FILE) -> bool:
    """``text`` is a parent, sponsor or relative saying only that their child is sick or hurts ("my son has a
    toothache", "a mi hija le duele la muela, que hago?", "soy su mama, le duele la muela"): the file's
    ``about_a_child`` phrases with its ``children`` and a caregiver's words (bot.nlu.caregivers) around them."""
    return _only_about_a_child(path, "about_a_child", text)


def _only_about_a_child(path: Path, key: str, text: str) -> bool:
    """``text`` is only ``key`` phrases, fillers, children ("mi hija") and a caregiver's words ("soy su mama"),
    and those words are in it: a parent writes about their child."""
    return says_only(path, key, text, also=("children",), also_file=CAREGIVER_PHRASES_FILE) and writes_as_caregiver(
        text
    )


def only_pregnancy(text: str, path: Path = COMPLAINTS_FILE) -> bool:
    """``text`` says only that the child thinks she may be pregnant or needs a pregnancy test ("creo que estoy
    embarazada, me pueden ayudar?"), or, with a caregiver's words in it, only that their daughter may be
    ("mi hija cree que esta embarazada", "soy su mama, mi hija esta embarazada"). "estoy embarazada porque me
    violaron" has more and keeps its path."""
    return says_only(path, "pregnancy", text) or _only_about_a_child(path, "pregnancy_about_a_child", text)
