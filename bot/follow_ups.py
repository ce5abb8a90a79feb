"""Which messages are a follow-up about the previous answer: "I don't understand" (explain_simpler) and
"why? / who told you that?" (ask_source). Replies: actions/follow_up.py; inside the legal-aid questions,
actions/legal_aid.py."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from bot import settings
from bot.nlu.languages import words
from bot.nlu.phrase_lists import file_phrases

SIMPLER = "explain_simpler"
SOURCE = "ask_source"
FOLLOW_UP_INTENTS = frozenset({SIMPLER, SOURCE})
FALLBACK_INTENT = "nlu_fallback"


def follow_up_intent(parse: Mapping[str, Any]) -> str | None:
    """The follow-up a message asks for, or None.

    Also when the classifier was unsure (``nlu_fallback``) but its first guess is a follow-up: short
    messages like "what does that mean" (explain_simpler 0.41 with the session 31 model) otherwise got "I
    can't answer that", while the follow-up's reply only restates the answer the user just saw, or its
    sources, and points to a lawyer. Never when the safety override decided the intent.
    """
    if parse.get("safety_override"):
        return None
    name = (parse.get("intent") or {}).get("name")
    if name in FOLLOW_UP_INTENTS:
        return name
    if name != FALLBACK_INTENT:
        return None
    ranking = [r for r in parse.get("intent_ranking") or [] if r.get("name") != FALLBACK_INTENT]
    return ranking[0]["name"] if ranking and ranking[0].get("name") in FOLLOW_UP_INTENTS else None


WHAT_NOW_FILE = settings.PROJECT_ROOT / "data" / "what_now.yml"


@functools.cache
def _what_now() -> frozenset[str]:
    return frozenset(file_phrases(WHAT_NOW_FILE))


def asks_what_now(text: str) -> bool:
    """The whole typed message asks "what now?" or "is it bad?" (data/what_now.yml), any of the bot's languages."""
    return not text.startswith("/") and words(text) in _what_now()
