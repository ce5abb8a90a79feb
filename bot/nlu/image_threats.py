"""Whether a typed message is about photos or videos of the child (data/image_threats.yml): with the crisis answer,
the sign of sextortion or of an adult asking for photos (bot.server.nlg, bot.conversation.sextortion_answer_due)."""

from __future__ import annotations

from bot import settings
from bot.nlu.phrase_lists import says_any

PHRASES_FILE = settings.PROJECT_ROOT / "data" / "image_threats.yml"


def about_images(text: str) -> bool:
    """``text`` speaks of photos or videos of the child, in any of the bot's languages. A payload never does."""
    return says_any(PHRASES_FILE, text)
