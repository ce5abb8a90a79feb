"""Whether a typed message asks or fears what telling about a danger leads to ("si le digo me van a deportar?",
"will i get in trouble"; data/telling_fears.yml)."""

from __future__ import annotations

from bot import settings
from bot.nlu.phrase_lists import says_any

FEARS_FILE = settings.PROJECT_ROOT / "data" / "telling_fears.yml"


def fears_telling(text: str) -> bool:
    """``text`` asks about, or fears, what happens if the child tells (any of the bot's languages)."""
    return says_any(FEARS_FILE, text)
