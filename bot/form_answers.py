"""Form buttons send their answer as a payload, never as plain text.

A button whose payload was plain text ("caregiver", "in a shelter", "yes") went through the
classifier like typed text, and one training sent the "caregiver" button to the crisis answer.
As ``/inform{"form_answer": "caregiver"}`` Rasa skips the classifier: the form's slot takes the
value from the entity (domain.yml: a ``from_entity`` mapping before each ``from_text``) and the
form's validation reads it exactly as it reads typed text.

Only the values below pass the channels' payload screen (bot.channels.inbound): a payload skips
the safety net, so free text must never travel in one.
"""

from __future__ import annotations

import json
import re

ENTITY = "form_answer"

# Every answer a form button offers (domain.yml's utter_ask_* buttons and the handoff actions' buttons).
VALUES = frozenset(
    {
        "in a shelter",
        "released",
        "skip",
        "cancel",
        "no",
        "maya",
        "youth",
        "caregiver",
        "caseworker",
        "under 18",
        "18 or older",
        "sms",
        "phone",
        "email",
        "through caseworker",
        "none",
        "yes",
        "2",
        *("portugues", "francais", "kreyol"),  # OWN_LANGUAGE_ANSWERS' values
    }
)
# The legal-aid language question's button for the conversation's own language outside English and Spanish
# (bot.server.nlg), as the form reads it typed (bot.legal_aid.routing.parse_language_need).
OWN_LANGUAGE_ANSWERS = {"pt": "portugues", "fr": "francais", "ht": "kreyol"}

_PAYLOAD = re.compile(r'/inform\{\s{0,3}"form_answer"\s{0,3}:\s{0,3}"([a-z0-9 ]{1,24})"\s{0,3}\}')


def payload(value: str) -> str:
    """The button payload that answers the current form question with ``value``."""
    if value not in VALUES:
        raise ValueError(f"{value!r} is not a form button answer: add it to bot.form_answers.VALUES")
    return "/inform" + json.dumps({ENTITY: value}, separators=(",", ":"))


def is_form_answer_payload(text: str) -> bool:
    """True for a form button's own payload (an allowed value only)."""
    match = _PAYLOAD.fullmatch(text)
    return match is not None and match.group(1) in VALUES
