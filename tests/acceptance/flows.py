"""Expected replies at the ends of the legal-aid and handoff flows (fake organization of tests/e2e)."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from typing import Any

from bot import content
from bot.handoff.payload import REFERENCE_RE, validate
from tests.acceptance.journey import (
    ASK_AGE,
    ASK_CONTACT,
    ASK_HANDOFF_STATE,
    ASK_IN_CUSTODY,
    ASK_PHONE,
    ASK_ROLE,
    Conversation,
    Fragment,
    Reply,
    label,
    lit,
    reply,
    t,
    t_around,
)

ORG = "Fake E2E Legal Aid"  # tests/e2e/data/directory.yml
ORG_RESPONDS_WITHIN_HOURS = 48
PHONE_TYPED, PHONE = "555 555 0123", "+15555550123"
WORKER_POLL_SECONDS = 2  # `python -m bot worker` as run.sh starts it


def results(in_custody: bool = True, interpreter: Any = None, state: str | None = None) -> Reply:
    """The legal-aid results: the fake organization, its contacts, the always-true fallback. The fake
    directory lists no local group, so with a ``state`` the results say so first."""
    intro = t("legal_aid.results_intro_no_local", state=state) if state else t("legal_aid.results_intro")
    texts = [intro, lit(ORG), t("legal_aid.contacts_label")]
    if interpreter:
        texts.append(t("legal_aid.interpreter_note", language=interpreter))
    texts.append(t("legal_aid.fallback_in_custody" if in_custody else "legal_aid.fallback_general"))
    return reply("find_legal_aid", *texts)


def summary(*lines: tuple[int, str, Fragment]) -> Reply:
    """The consent summary: intro, the given numbered lines (number, field, value), outro, buttons."""

    def line(number: int, field: str, value: Fragment) -> Fragment:
        return lambda lang, channel: f"{number}. {content.t(f'handoff.field.{field}', lang)}: {value(lang, channel)}"

    return reply(
        "human_handoff",
        t("handoff.summary_intro", org=ORG),
        *[line(*spec) for spec in lines],
        t("handoff.summary_outro"),
        buttons=("handoff.button_yes_send", "handoff.button_change_contact", "handoff.cancel"),
    )


def value(key: str, **params: str) -> Fragment:
    return t(f"handoff.value.{key}", **params)


def sent(how: str) -> Reply:
    """The confirmation with its reference (read from it afterwards) and the organization's contacts."""
    return reply(
        "human_handoff",
        *t_around(
            "handoff.sent",
            ("reference", "contacts"),
            org=ORG,
            how=label(f"handoff.how.{how}"),
            when=lambda lang: content.t("handoff.when_hours", lang, hours=ORG_RESPONDS_WITHIN_HOURS),
        ),
    )


def drive_handoff_to(user: Conversation, step: str, start: str) -> None:
    """From a new conversation, answer the handoff questions until ``step`` is the one asked.

    Steps: role, in_custody, state, age, contact, phone, confirm. Answers are the buttons,
    except the state, the age and the phone number, which users type (the "Under 18" button has
    its own journey in test_handoff.py).
    """
    order = ["role", "in_custody", "state", "age", "contact", "phone", "confirm"]
    user.say(start, ASK_ROLE)
    moves: Sequence[tuple[str, object, Reply]] = [
        ("in_custody", label("handoff.button_youth"), ASK_IN_CUSTODY),
        ("state", label("legal_aid.button_in_shelter"), ASK_HANDOFF_STATE),
        ("age", "TX", ASK_AGE),
        ("contact", "16", ASK_CONTACT),
        ("phone", label("handoff.button_sms"), ASK_PHONE),
        ("confirm", PHONE_TYPED, summary((1, "role", value("youth")), (4, "state", lit("TX")))),
    ]
    for target, action, expected in moves:
        if order.index(target) > order.index(step):
            return
        if callable(action):
            user.press(action, expected)
        else:
            user.say(action, expected)


def delivered_once(receiver: Any, seen_text: str) -> dict[str, Any]:
    """The one document the receiver got for the reference shown to the user (no second delivery)."""
    reference = re.search(r"KYR-[0-9A-Z]+", seen_text)
    assert reference and REFERENCE_RE.match(reference.group(0)), f"no reference shown: {seen_text}"
    mine: list[dict[str, Any]] = []
    deadline = time.time() + 60
    while time.time() < deadline and not mine:
        mine = [d for d in receiver.received if d["reference"] == reference.group(0)]
        time.sleep(0.3)
    assert mine, f"{reference.group(0)} was not delivered within 60 s"
    time.sleep(2 * WORKER_POLL_SECONDS + 1)  # a duplicate delivery would arrive by now
    assert [d["reference"] for d in receiver.received].count(reference.group(0)) == 1
    assert receiver.requests - receiver.rejected == len(receiver.received), "a handoff was posted twice"
    validate(mine[0])
    return mine[0]


def spanish_typed_handoff(user: Conversation, receiver: Any) -> dict[str, Any]:
    """A young person asks in Spanish for a call-back and types every answer, then says yes: the
    summary shows what will be sent, and the document the receiver gets (once) is returned."""
    user.say("quiero que un abogado me llame", ASK_ROLE)
    user.say("soy el joven", ASK_IN_CUSTODY)
    user.say("estoy en un albergue", ASK_HANDOFF_STATE)
    user.say("Tejas", ASK_AGE)
    user.say("tengo 16", ASK_CONTACT)  # a short answer: the conversation stays in Spanish
    user.say("mensaje de texto", ASK_PHONE)
    user.say(
        PHONE_TYPED,
        summary(
            (1, "role", value("youth")),
            (2, "contact", value("sms", value=PHONE)),
            (3, "in_custody", value("yes")),
            (4, "state", lit("TX")),
            (5, "age_group", value("under_18")),
            (7, "language", lit("Español")),
        ),
    )
    seen = user.say("sí", sent("sms"))
    doc = delivered_once(receiver, seen.text)
    assert (doc["language"], doc["state"], doc["in_custody"], doc["age_group"]) == ("es", "TX", True, "under_18")
    assert doc["contact"] == {"method": "sms", "value": PHONE} and doc["role"] == "youth"
    return doc
