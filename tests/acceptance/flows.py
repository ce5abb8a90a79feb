"""Expected replies at the ends of the legal-aid and handoff flows (fake organization of tests/e2e)."""

from __future__ import annotations

from collections.abc import Sequence

from bot import content
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


def results(in_custody: bool = True, interpreter: str | None = None) -> Reply:
    """The legal-aid results: the fake organization, its contacts, the always-true fallback."""
    texts = [t("legal_aid.results_intro"), lit(ORG), t("legal_aid.contacts_label")]
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
