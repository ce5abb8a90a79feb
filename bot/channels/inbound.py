"""What every channel does to a user's message before Rasa sees it (docs/SECURITY.md).

One length cap for REST, socket.io and SMS (``settings.max_message_chars()``, 1,000 by
default): the NLU pipeline and the redactor run on the server's one event loop, so the
length of a message is the time every other conversation waits.
"""
from __future__ import annotations

from typing import Tuple

from bot import settings


def cut_to(text: str, max_chars: int) -> str:
    """At most ``max_chars`` characters, at a word boundary when one is near."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    space = head.rfind(" ")
    return (head[:space] if space >= max_chars * 0.8 else head).rstrip()


def cap_message(text: str) -> Tuple[str, bool]:
    """``text`` cut to the channel cap, and whether it was cut."""
    max_chars = settings.max_message_chars()
    if len(text) <= max_chars:
        return text, False
    return cut_to(text, max_chars), True
