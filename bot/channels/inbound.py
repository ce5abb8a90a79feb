"""What every channel does to a user's message before Rasa sees it (docs/SECURITY.md).

One length cap for REST, socket.io and SMS (``settings.max_message_chars()``, 1,000 by
default): the NLU pipeline and the redactor run on the server's one event loop, so the
length of a message is the time every other conversation waits.

Only our own payloads may start with "/": ``/<intent>`` for an intent of domain.yml,
optionally with ``{"language":"en"}``, the form buttons' answers (bot.form_answers), and the buttons of answers
that are no intent (bot.content.replies.button_payload). Rasa takes any "/..." text as a payload: it skips the
NLU pipeline (so the safety net never sees it) and, for an unknown intent, logs the text in a
warning. Any other text that starts with "/" reaches the bot without its slashes.
"""

from __future__ import annotations

import functools
import re

import yaml

from bot import settings
from bot.content.replies import ASKED_BY_ENTITY, button_payload
from bot.form_answers import is_form_answer_payload
from bot.nlu.languages import SUPPORTED

_PAYLOAD = re.compile(r"/([a-z_]{1,64})(\{\s{0,3}\"language\"\s{0,3}:\s{0,3}\"([a-z]{2})\"\s{0,3}\})?")


@functools.lru_cache(maxsize=1)
def known_intents() -> frozenset[str]:
    """The intents of domain.yml (the only payloads a channel lets through)."""
    domain = yaml.safe_load((settings.PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8")) or {}
    return frozenset(i if isinstance(i, str) else next(iter(i)) for i in domain.get("intents") or [])


def is_known_payload(text: str) -> bool:
    if is_form_answer_payload(text) or text in {button_payload(answer) for answer in ASKED_BY_ENTITY}:
        return True
    match = _PAYLOAD.fullmatch(text)
    return match is not None and match.group(1) in known_intents() and match.group(3) in (None, *SUPPORTED)


def screen_payload(text: str) -> str:
    """``text`` unchanged when it is one of our payloads (or no payload); else without leading "/".

    Leading whitespace counts as nothing: Rasa strips the text before it looks for a "/".
    """
    stripped = text.strip()
    if not stripped.startswith("/"):
        return text
    if is_known_payload(stripped):
        return stripped
    return stripped.lstrip("/ \t\r\n")


def cut_to(text: str, max_chars: int) -> str:
    """At most ``max_chars`` characters, at a word boundary when one is near."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    space = head.rfind(" ")
    return (head[:space] if space >= max_chars * 0.8 else head).rstrip()


def clean_user_text(text: str) -> tuple[str, bool]:
    """What a channel passes to Rasa: an unknown payload unmasked, then cut to the cap (and whether it was cut)."""
    return cap_message(screen_payload(text))


def cap_message(text: str) -> tuple[str, bool]:
    """``text`` cut to the channel cap, and whether it was cut."""
    max_chars = settings.max_message_chars()
    if len(text) <= max_chars:
        return text, False
    return cut_to(text, max_chars), True
