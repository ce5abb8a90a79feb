"""Whether a typed message only asks who else can see or read what the previous answer was about ("e quem mais pode
ler?"), and which answer says so for that answer's topic (data/who_sees.yml)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import yaml

from bot import settings
from bot.nlu.phrase_lists import says_only

WHO_SEES_FILE = settings.PROJECT_ROOT / "data" / "who_sees.yml"
ENTITY = "follow_up"  # the entity (domain.yml) the component sets, with the value WHO_SEES
WHO_SEES = "who_sees"


def asks_who_sees(text: str) -> bool:
    """``text`` is only "who else can read it?" in one of the bot's languages, with filler words around it."""
    return says_only(WHO_SEES_FILE, "phrases", text)


def asked_who_sees(parse: Mapping[str, Any]) -> bool:
    """The parsed message carries the component's ``follow_up: who_sees`` entity."""
    return any(e.get("entity") == ENTITY and e.get("value") == WHO_SEES for e in parse.get("entities") or [])


@functools.cache
def _answers() -> dict[str, str]:
    raw = yaml.safe_load(WHO_SEES_FILE.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in (raw.get("answers") or {}).items()}


def who_sees_answer(previous_topic: str | None) -> str:
    """The answer that says who sees what ``previous_topic``'s answer was about."""
    answers = _answers()
    return answers.get(previous_topic or "", answers["default"])
