"""Whether a typed message says the child feels sad, lonely, bored or angry, misses their family or feels
sick (data/feelings_phrases.yml; QA session 30: "me siento triste", "i miss my mom" and "odio este lugar"
got "Sorry, I can't answer that one")."""

from __future__ import annotations

from bot import settings
from bot.nlu.health import HEALTH_ANSWER, PREGNANCY_ANSWER
from bot.nlu.phrase_lists import says_any, says_only

PHRASES_FILE = settings.PROJECT_ROOT / "data" / "feelings_phrases.yml"
MISSING_FAMILY_FILE = settings.PROJECT_ROOT / "data" / "missing_family.yml"
FAMILY_CALLS_FILE = settings.PROJECT_ROOT / "data" / "family_calls.yml"
SOMEONE_TO_TALK_TO_FILE = settings.PROJECT_ROOT / "data" / "someone_to_talk_to.yml"
FEELING = "feeling"  # the entity (domain.yml) that marks such a message
FEELINGS_ANSWER = "feelings"  # its answer (data/locales/answers.*.yml)
# The answers the entity `feeling` may name (bot.nlu.health adds the health-care and pregnancy ones).
WELLBEING = frozenset({FEELINGS_ANSWER, HEALTH_ANSWER, PREGNANCY_ANSWER})


def says_feelings(text: str) -> bool:
    """``text`` says how the child feels or that they miss their family ("estoy triste", "manman m manke m")."""
    return says_any(PHRASES_FILE, text)


def only_misses_family(text: str) -> bool:
    """The whole message says the child misses their family ("sinto falta da minha mae", "i miss my mom so
    much"; data/missing_family.yml), with nothing else in it."""
    return says_only(MISSING_FAMILY_FILE, "phrases", text)


def asks_to_call_family(text: str) -> bool:
    """``text`` asks to call or phone the child's family ("when can i call my mom", "eske m ka rele manman m";
    data/family_calls.yml)."""
    return says_any(FAMILY_CALLS_FILE, text)


def asks_for_someone_to_talk_to(text: str) -> bool:
    """``text`` asks for someone to talk to ("i need someone to talk to", "no tengo con quien hablar";
    data/someone_to_talk_to.yml)."""
    return says_any(SOMEONE_TO_TALK_TO_FILE, text)


def wellbeing_answer(parse: dict) -> str | None:
    """The answer a parsed message's ``feeling`` entity names ("feelings", "health_care"), or None."""
    return next(
        (e["value"] for e in parse.get("entities") or [] if e.get("entity") == FEELING and e.get("value") in WELLBEING),
        None,
    )
