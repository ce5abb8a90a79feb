"""The consent summary: what will be sent, to whom, numbered so the user can change or remove a line.

Reads a rasa-sdk tracker (slots and events) and renders in the user's language; no Rasa imports.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot import content, settings
from bot.content.replies import LANGUAGE_NAMES
from bot.handoff import payload
from bot.handoff.crypto import unseal
from bot.handoff.fields import METHODS_WITH_VALUE, NO_VALUE, SUMMARY_FIELDS, ContactMethod, InCustody, Mark
from bot.handoff.outbox import Outbox
from bot.legal_aid import routing
from bot.legal_aid.directory import Org, get_directory
from bot.legal_aid.presentation import language_label
from bot.nlu.languages import conversation_language

CONSENT_TEXT_ID = "handoff.summary_intro+summary_outro"
CONSENT_TEXT_VERSION = "1"


def draft(tracker: Any) -> dict[str, Any]:
    """The fields as they would be sent (payload shape), from the slots."""

    def known(slot: str) -> Any:
        value = tracker.get_slot(slot)
        return None if value in NO_VALUE or value == routing.SKIP else value

    custody = known("handoff_in_custody")
    method = tracker.get_slot("handoff_contact_method") or ContactMethod.NONE.value
    if method == Mark.REMOVED.value:
        method = ContactMethod.NONE.value
    return {
        "role": tracker.get_slot("handoff_role") or "youth",
        "in_custody": {InCustody.YES.value: True, InCustody.NO.value: False}.get(custody) if custody else None,
        "state": known("handoff_state"),
        "age_group": known("handoff_age_group"),
        "contact_method": method,
        "contact_value": unseal(known("handoff_contact_value")) if method in METHODS_WITH_VALUE else None,
        "topics": [] if tracker.get_slot("handoff_topics_removed") else payload.topics_from_events(tracker.events),
        "language": conversation_language(tracker),
        # The language the user needs help in (legal-aid questions), e.g. a Mayan language:
        # what routing ranks by, unlike the conversation's language above.
        "language_need": tracker.get_slot("language_need"),
    }


def interpreter_need(fields: dict[str, Any]) -> str | None:
    """The language an interpreter is needed in (any but English and Spanish, routing.needs_interpreter), sent
    to the organization in the payload's ``interpreter`` field and shown on the summary's language line."""
    need = fields.get("language_need")
    return need if isinstance(need, str) and routing.needs_interpreter(need) else None


def over_cap(outbox: Outbox, sender_id: str | None, now: dt.datetime) -> bool:
    """True when this conversation (24 hours) or the whole service (1 hour) sent its allowance."""
    mine = outbox.count_created(now - dt.timedelta(hours=24), sender_id=sender_id) if sender_id else 0
    return (
        mine >= settings.handoff_max_per_conversation()
        or outbox.count_created(now - dt.timedelta(hours=1)) >= settings.handoff_max_per_hour()
    )


def pick_org(fields: dict[str, Any]) -> Org | None:
    """The organization the handoff goes to: ranked by custody, state and the language NEED."""
    custody = {True: routing.IN_CUSTODY, False: routing.RELEASED}.get(fields["in_custody"])
    matches = routing.rank(
        get_directory(),
        custody,
        fields["state"],
        fields.get("language_need"),
        role=fields["role"],
        limit=1,
        handoff_only=True,
    )
    return matches[0].org if matches else None


def _shown(tracker: Any, slot: str, value: str, v: Any) -> str:
    return v(Mark.REMOVED.value) if tracker.get_slot(slot) == Mark.REMOVED.value else value


def summary_lines(fields: dict[str, Any], tracker: Any, lang: str) -> list[str]:
    """One numbered line per field of SUMMARY_FIELDS, as the user will read it."""

    def v(key: str, **params: Any) -> str:
        return content.t(f"handoff.value.{key}", lang, **params)

    custody = v("unknown") if fields["in_custody"] is None else v("yes" if fields["in_custody"] else "no")
    age = v(fields["age_group"]) if fields["age_group"] else v("unknown")
    topics = ", ".join(content.answer(t, lang).title for t in fields["topics"]) or v("no_topics")
    values = {
        "role": v(fields["role"]),
        "contact": v(fields["contact_method"], value=fields["contact_value"] or ""),
        "in_custody": _shown(tracker, "handoff_in_custody", custody, v),
        "state": _shown(tracker, "handoff_state", fields["state"] or v("unknown"), v),
        "age_group": _shown(tracker, "handoff_age_group", age, v),
        "topics": v(Mark.REMOVED.value) if tracker.get_slot("handoff_topics_removed") else topics,
        "language": ", ".join(
            [LANGUAGE_NAMES.get(fields["language"], fields["language"])]
            + [language_label(need, lang) for need in [interpreter_need(fields)] if need]
        ),
    }
    return [
        f"{n}. {content.t(f'handoff.field.{name}', lang)}: {values[name]}"
        for n, (name, _, _) in enumerate(SUMMARY_FIELDS, start=1)
    ]


def build_doc(fields: dict[str, Any], org: Org, handoff_id: str, now: dt.datetime) -> dict[str, Any]:
    """The payload for the fields the user said yes to."""
    request = payload.Request(
        org_id=org.id,
        language=fields["language"],
        topics=fields["topics"],
        role=fields["role"],
        in_custody=fields["in_custody"],
        state=fields["state"],
        age_group=fields["age_group"],
        contact_method=fields["contact_method"],
        contact_value=fields["contact_value"],
        interpreter=interpreter_need(fields),
    )
    consent = payload.Consent(payload.rfc3339(now), CONSENT_TEXT_ID, CONSENT_TEXT_VERSION)
    return payload.build(request, consent, handoff_id=handoff_id, created_at=payload.rfc3339(now))
