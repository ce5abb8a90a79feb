"""Consented handoff to a legal-aid organization (docs/CONTRACTS.md section 3).

Form ``handoff_form`` collects only the contract's fields, then shows a numbered summary of
exactly what will be sent. Only "yes" to that summary sends: the consent and the encrypted
handoff are written to the outbox in one transaction (``bot.handoff.outbox``) inside the same
request that received the yes, so a crash right after cannot lose it. The worker delivers.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.legal_aid import contacts_text, lang_of, results_text
from bot import content, settings
from bot.content.replies import LANGUAGE_NAMES
from bot.handoff import payload
from bot.handoff.crypto import seal, unseal
from bot.handoff.outbox import Outbox
from bot.legal_aid import routing
from bot.legal_aid.directory import Org, get_directory
from bot.nlu.languages import fold

log = logging.getLogger(__name__)
TOPIC = "human_handoff"
CONSENT_TEXT_ID = "handoff.summary_intro+summary_outro"
CONSENT_TEXT_VERSION = "1"
UNKNOWN, REMOVED, NOT_NEEDED = "unknown", "removed", "n/a"
HANDOFF_SLOTS = (
    "handoff_role",
    "handoff_in_custody",
    "handoff_state",
    "handoff_age_group",
    "handoff_contact_method",
    "handoff_contact_value",
    "handoff_topics_removed",
    "handoff_confirm",
    "handoff_key",
)
REQUIRED = (
    "handoff_role",
    "handoff_in_custody",
    "handoff_state",
    "handoff_age_group",
    "handoff_contact_method",
    "handoff_contact_value",
    "handoff_confirm",
)
# Summary lines, numbered for "2" / "remove 2": (field, slots it resets, removable)
SUMMARY_FIELDS: list[tuple[str, tuple[str, ...], bool]] = [
    ("role", ("handoff_role",), False),
    ("contact", ("handoff_contact_method", "handoff_contact_value"), True),
    ("in_custody", ("handoff_in_custody",), True),
    ("state", ("handoff_state",), True),
    ("age_group", ("handoff_age_group",), True),
    ("topics", (), True),
    ("language", (), False),
]


def _w(text: Any) -> str:
    return " ".join(re.sub(r"[^\w@.+]+", " ", fold(text if isinstance(text, str) else "")).split())


def _any(words: str, *phrases: str) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", words) for p in phrases)


# --- parsers (pure) ------------------------------------------------------------------------
def parse_role(text: str) -> str | None:
    w = _w(text)
    if _any(
        w,
        "caseworker",
        "case worker",
        "case manager",
        "trabajador social",
        "trabajadora social",
        "trabajador",
        "trabajadora",
        "staff",
        "personal del albergue",
        "social worker",
    ):
        return "caseworker"
    if _any(
        w,
        "caregiver",
        "parent",
        "sponsor",
        "mom",
        "mother",
        "dad",
        "father",
        "aunt",
        "uncle",
        "family",
        "guardian",
        "padre",
        "madre",
        "mama",
        "papa",
        "patrocinador",
        "patrocinadora",
        "tia",
        "tio",
        "familia",
        "familiar",
        "hermano",
        "hermana",
        "abuela",
        "abuelo",
    ):
        return "caregiver"
    if _any(
        w,
        "youth",
        "young person",
        "the young person",
        "me",
        "myself",
        "i am",
        "im the kid",
        "kid",
        "child",
        "joven",
        "el joven",
        "la joven",
        "yo",
        "soy yo",
        "nino",
        "nina",
        "menor",
        "soy el joven",
    ):
        return "youth"
    return None


def parse_yes_no(text: str) -> bool | None:
    w = _w(text)
    if w in ("yes", "y", "yeah", "yep", "si", "claro", "sip", "ok", "okay", "dale", "aja", "de acuerdo") or _any(
        w, "yes send", "si enviar", "send it", "enviar", "envialo", "mandalo", "yes please", "si por favor"
    ):
        return True
    if w in ("no", "n", "nope", "nel", "no gracias", "no thanks"):
        return False
    return None


def parse_age_group(text: str) -> str | None:
    w = _w(text)
    if routing.is_skip(text):
        return UNKNOWN
    if _any(w, "under 18", "menos de 18", "menor", "minor", "under_18", "child", "nino", "nina") or w in (
        "yes",
        "si",
        "y",
    ):
        return "under_18"
    if _any(
        w, "18 or older", "18 o mas", "18_plus", "adult", "adulto", "adulta", "mayor", "over 18", "mas de 18"
    ) or w in ("no", "n"):
        return "18_plus"
    # The young person's own age, or a caregiver's "he is 15" / "tiene 15".
    number = re.fullmatch(
        r"(?:i am |i ?m |tengo |soy |(?:he|she|they) (?:is |are |s |re )?|(?:hes|shes|theyre) |"
        r"(?:el |ella )?tiene )?(\d{1,2})(?: years?| anos?| years old)?",
        w,
    )
    if number:  # only the group is kept, never the age itself
        return "under_18" if int(number.group(1)) < 18 else "18_plus"
    return None


def parse_contact_method(text: str) -> str | None:
    w = _w(text)
    if payload.normalize_phone(text or ""):
        return "sms"
    if _any(w, "caseworker", "case worker", "trabajador social", "trabajadora social", "through my", "por mi"):
        return "through_caseworker"
    if _any(w, "email", "e mail", "e-mail", "correo", "mail"):
        return "email"
    if _any(w, "text", "sms", "texto", "mensaje", "whatsapp", "message", "mensaje de texto"):
        return "sms"
    if _any(w, "call", "phone", "llamada", "llamar", "llamen", "telefono", "llamame"):
        return "phone"
    if (
        _any(w, "dont contact", "don t contact", "no me contacten", "none", "ninguno", "nada", "no contact")
        or w == "no"
    ):
        return "none"
    return None


def parse_confirm(text: str) -> tuple[str, int | None]:
    """("yes"|"no"|"change"|"remove"|"cancel"|"unknown", field number)."""
    if routing.is_cancel(text or ""):
        return "cancel", None
    w = _w(text)
    m = re.fullmatch(r"(?:remove|delete|quitar|quita|borrar|borra|eliminar|elimina|sin)\s+(\d)", w)
    if m:
        return "remove", int(m.group(1))
    m = re.fullmatch(r"(?:change|edit|fix|cambiar|cambia|corregir|corrige)?\s*(\d)", w)
    if m:
        return "change", int(m.group(1))
    yes_no = parse_yes_no(text)
    if yes_no is True:
        return "yes", None
    if yes_no is False:
        return "no", None
    return "unknown", None


# --- summary -------------------------------------------------------------------------------
def draft(tracker: Tracker) -> dict[str, Any]:
    """The fields as they would be sent (payload shape), from the slots."""

    def known(slot: str) -> str | None:
        value = tracker.get_slot(slot)
        return None if value in (None, UNKNOWN, REMOVED, NOT_NEEDED, routing.SKIP) else value

    custody = known("handoff_in_custody")
    method = tracker.get_slot("handoff_contact_method") or "none"
    if method == REMOVED:
        method = "none"
    return {
        "role": tracker.get_slot("handoff_role") or "youth",
        "in_custody": {"yes": True, "no": False}.get(custody) if custody else None,
        "state": known("handoff_state"),
        "age_group": known("handoff_age_group"),
        "contact_method": method,
        "contact_value": unseal(known("handoff_contact_value")) if method in payload.METHODS_WITH_VALUE else None,
        "topics": [] if tracker.get_slot("handoff_topics_removed") else payload.topics_from_events(tracker.events),
        "language": lang_of(tracker),
        # The language the user needs help in (legal-aid questions), e.g. a Mayan language:
        # what routing ranks by, unlike the conversation's language above.
        "language_need": tracker.get_slot("language_need"),
    }


def over_cap(outbox: Outbox, sender_id: str | None, now: dt.datetime) -> bool:
    """True when this conversation (24 hours) or the whole service (1 hour) sent its allowance."""
    mine = outbox.count_created(now - dt.timedelta(hours=24), sender_id=sender_id) if sender_id else 0
    return (
        mine >= settings.handoff_max_per_conversation()
        or outbox.count_created(now - dt.timedelta(hours=1)) >= settings.handoff_max_per_hour()
    )


def pick_org(fields: dict[str, Any]) -> Org | None:
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


def summary_lines(fields: dict[str, Any], tracker: Tracker, lang: str) -> list[str]:
    def v(key: str, **params: Any) -> str:
        return content.t(f"handoff.value.{key}", lang, **params)

    def slot_state(slot: str) -> str | None:
        return tracker.get_slot(slot)

    values = {
        "role": v(fields["role"]),
        "contact": v(fields["contact_method"], value=fields["contact_value"] or ""),
        "in_custody": v(REMOVED)
        if slot_state("handoff_in_custody") == REMOVED
        else v("unknown")
        if fields["in_custody"] is None
        else v("yes" if fields["in_custody"] else "no"),
        "state": v(REMOVED) if slot_state("handoff_state") == REMOVED else fields["state"] or v("unknown"),
        "age_group": v(REMOVED)
        if slot_state("handoff_age_group") == REMOVED
        else v(fields["age_group"])
        if fields["age_group"]
        else v("unknown"),
        "topics": v(REMOVED)
        if tracker.get_slot("handoff_topics_removed")
        else (", ".join(content.answer(t, lang).title for t in fields["topics"]) or v("no_topics")),
        "language": LANGUAGE_NAMES.get(fields["language"], fields["language"]),
    }
    return [
        f"{n}. {content.t(f'handoff.field.{name}', lang)}: {values[name]}"
        for n, (name, _, _) in enumerate(SUMMARY_FIELDS, start=1)
    ]


def build_doc(fields: dict[str, Any], org: Org, handoff_id: str, now: dt.datetime) -> dict[str, Any]:
    return payload.build(
        handoff_id=handoff_id,
        org_id=org.id,
        language=fields["language"],
        topics=fields["topics"],
        role=fields["role"],
        in_custody=fields["in_custody"],
        state=fields["state"],
        age_group=fields["age_group"],
        contact_method=fields["contact_method"],
        contact_value=fields["contact_value"],
        consent_given_at=payload.rfc3339(now),
        consent_text_id=CONSENT_TEXT_ID,
        consent_text_version=CONSENT_TEXT_VERSION,
        created_at=payload.rfc3339(now),
    )


# --- actions -------------------------------------------------------------------------------
class ActionHandoffStart(Action):
    """Start the form with what legal-aid routing already knows, or say honestly that no partner can receive it."""

    def name(self) -> str:
        return "action_handoff_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        lang = lang_of(tracker)
        directory = get_directory()
        state = tracker.get_slot("us_state")
        custody = tracker.get_slot("custody_status")
        if not any(o.accepts_handoffs for o in directory):
            matches = routing.rank(directory, custody, state, tracker.get_slot("language_need"))
            dispatcher.utter_message(
                text=content.t("handoff.no_partner", lang)
                + "\n\n"
                + results_text(matches, custody, tracker.get_slot("language_need"), lang),
                topic=TOPIC,
                lang=lang,
            )
            return []
        events: list[EventType] = [SlotSet(s, None) for s in HANDOFF_SLOTS]
        events.append(SlotSet("handoff_key", str(uuid.uuid4())))  # the handoff id, stable if "yes" is repeated
        if custody in (routing.IN_CUSTODY, routing.RELEASED):
            events.append(SlotSet("handoff_in_custody", "yes" if custody == routing.IN_CUSTODY else "no"))
        if state and state != routing.SKIP:
            events.append(SlotSet("handoff_state", state))
        return events + [FollowupAction("handoff_form")]


class ValidateHandoffForm(FormValidationAction):
    def name(self) -> str:
        return "validate_handoff_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        if tracker.get_slot("flow_cancelled"):
            return []  # a cancel word in this answer: no next question, the form ends (rasa-sdk asks none)
        method = tracker.get_slot("handoff_contact_method")
        return [s for s in REQUIRED if not (s == "handoff_contact_value" and method not in payload.METHODS_WITH_VALUE)]

    @staticmethod
    def _cancelled() -> dict[str, Any]:
        return {"requested_slot": None, "flow_cancelled": True}

    def _simple(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        slot: str,
        parsed: str | None,
        skippable: bool = True,
    ) -> dict[str, Any]:
        text = value if isinstance(value, str) else ""
        if routing.is_cancel(text):
            return self._cancelled()
        if parsed is None and skippable and routing.is_skip(text):
            parsed = UNKNOWN
        if parsed is None:
            lang = lang_of(tracker)
            dispatcher.utter_message(text=content.t("handoff.not_understood", lang), topic=TOPIC, lang=lang)
            return {slot: None}
        return {slot: parsed}

    def validate_handoff_role(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._simple(value, dispatcher, tracker, "handoff_role", parse_role(value or ""), skippable=False)

    def validate_handoff_in_custody(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        parsed = routing.parse_custody(value or "")
        mapped = {routing.IN_CUSTODY: "yes", routing.RELEASED: "no", routing.SKIP: UNKNOWN}.get(parsed or "")
        return self._simple(value, dispatcher, tracker, "handoff_in_custody", mapped)

    def validate_handoff_state(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        parsed = routing.parse_state(value or "")
        return self._simple(value, dispatcher, tracker, "handoff_state", UNKNOWN if parsed == routing.SKIP else parsed)

    def validate_handoff_age_group(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._simple(value, dispatcher, tracker, "handoff_age_group", parse_age_group(value or ""))

    def validate_handoff_contact_method(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        method = parse_contact_method(value or "")
        result = self._simple(value, dispatcher, tracker, "handoff_contact_method", method, skippable=False)
        phone = payload.normalize_phone(value or "") if method == "sms" else None
        if phone:  # the user typed the number right away
            result["handoff_contact_value"] = seal(phone)
        elif method in payload.METHODS_WITH_VALUE:
            result["handoff_contact_value"] = None
        elif method:
            result["handoff_contact_value"] = NOT_NEEDED
        return result

    def validate_handoff_contact_value(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = value if isinstance(value, str) else ""
        if routing.is_cancel(text):
            return self._cancelled()
        lang = lang_of(tracker)
        if tracker.get_slot("handoff_contact_method") == "email":
            email = payload.normalize_email(text)
            if not email:
                dispatcher.utter_message(text=content.t("handoff.bad_email", lang), topic=TOPIC, lang=lang)
            return {"handoff_contact_value": seal(email)}
        phone = payload.normalize_phone(text)
        if not phone:
            dispatcher.utter_message(text=content.t("handoff.bad_phone", lang), topic=TOPIC, lang=lang)
        return {"handoff_contact_value": seal(phone)}

    def validate_handoff_confirm(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        lang = lang_of(tracker)
        verdict, number = parse_confirm(value if isinstance(value, str) else "")
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if verdict == "unknown" and intent in ("affirm", "deny"):
            verdict = "yes" if intent == "affirm" else "no"
        if verdict in ("cancel", "no"):
            return self._cancelled()
        if verdict in ("change", "remove"):
            if number is None or not 1 <= number <= len(SUMMARY_FIELDS):
                dispatcher.utter_message(text=content.t("handoff.not_understood", lang), topic=TOPIC, lang=lang)
                return {"handoff_confirm": None}
            name, slots, removable = SUMMARY_FIELDS[number - 1]
            if verdict == "remove":
                if not removable:
                    dispatcher.utter_message(text=content.t("handoff.cannot_remove", lang), topic=TOPIC, lang=lang)
                    return {"handoff_confirm": None}
                if name == "topics":
                    return {"handoff_topics_removed": True, "handoff_confirm": None}
                if name == "contact":
                    return {
                        "handoff_contact_method": "none",
                        "handoff_contact_value": NOT_NEEDED,
                        "handoff_confirm": None,
                    }
                return {slots[0]: REMOVED, "handoff_confirm": None}
            if not slots:  # topics / language: nothing to re-ask
                if name == "topics":
                    return {
                        "handoff_topics_removed": not tracker.get_slot("handoff_topics_removed"),
                        "handoff_confirm": None,
                    }
                dispatcher.utter_message(text=content.t("handoff.cannot_remove", lang), topic=TOPIC, lang=lang)
                return {"handoff_confirm": None}
            return {**{s: None for s in slots}, "handoff_confirm": None}
        if verdict != "yes":
            dispatcher.utter_message(text=content.t("handoff.not_understood", lang), topic=TOPIC, lang=lang)
            return {"handoff_confirm": None}
        return self._send(dispatcher, tracker, lang)

    def _send(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> dict[str, Any]:
        """The user said yes to the summary: consent + handoff in one transaction, right now."""
        fields = draft(tracker)
        org = pick_org(fields)
        if org is None or not org.handoff:
            dispatcher.utter_message(text=content.t("handoff.no_partner", lang), topic=TOPIC, lang=lang)
            return {"handoff_confirm": "no_partner"}
        handoff_id = tracker.get_slot("handoff_key") or str(uuid.uuid4())
        try:
            now = dt.datetime.now(dt.timezone.utc)
            doc = build_doc(fields, org, handoff_id, now)
            outbox = Outbox.from_settings()
            if outbox.get_status(handoff_id) is None and over_cap(outbox, tracker.sender_id, now):
                # Nothing is sent; the user still gets the organization's own contacts.
                dispatcher.utter_message(
                    text=content.t("handoff.limited", lang) + "\n\n" + contacts_text(org, lang), topic=TOPIC, lang=lang
                )
                return {"handoff_confirm": "limited"}
            if not outbox.enqueue(doc, tracker.sender_id, org.handoff.channels):
                # Same "yes" seen twice (e.g. after a crash): the stored handoff stands.
                stored = outbox.get_status(handoff_id)
                doc["reference"] = stored.reference if stored else doc["reference"]
        except Exception as exc:
            # PayloadError messages name fields, never values; other errors: the class only.
            log.error(
                "handoff could not be saved: %s", exc if isinstance(exc, payload.PayloadError) else type(exc).__name__
            )
            dispatcher.utter_message(
                text=content.t("handoff.save_failed", lang) + "\n\n" + contacts_text(org, lang), topic=TOPIC, lang=lang
            )
            return {"handoff_confirm": "failed"}
        return {"handoff_confirm": "yes", "handoff_reference": doc["reference"], "handoff_org_id": org.id}


class ActionAskHandoffContactValue(Action):
    def name(self) -> str:
        return "action_ask_handoff_contact_value"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        lang = lang_of(tracker)
        key = (
            "handoff.ask_contact_email"
            if tracker.get_slot("handoff_contact_method") == "email"
            else "handoff.ask_contact_phone"
        )
        dispatcher.utter_message(
            text=content.t(key, lang),
            topic=TOPIC,
            lang=lang,
            buttons=[{"title": content.t("handoff.cancel", lang), "payload": "cancel"}],
        )
        return []


class ActionAskHandoffConfirm(Action):
    """The consent message: every field that will be sent, numbered, in the user's language."""

    def name(self) -> str:
        return "action_ask_handoff_confirm"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        lang = lang_of(tracker)
        fields = draft(tracker)
        org = pick_org(fields)
        lines = [
            content.t("handoff.summary_intro", lang, org=org.name if org else "-"),
            *summary_lines(fields, tracker, lang),
            content.t("handoff.summary_outro", lang),
        ]
        if org is None:
            lines.insert(0, content.t("handoff.no_partner", lang))
        dispatcher.utter_message(
            text="\n".join(lines),
            topic=TOPIC,
            lang=lang,
            buttons=[
                {"title": content.t("handoff.button_yes_send", lang), "payload": "yes"},
                {"title": content.t("handoff.button_change_contact", lang), "payload": "2"},
                {"title": content.t("handoff.cancel", lang), "payload": "cancel"},
            ],
        )
        return []


class ActionHandoffSubmit(Action):
    """After the form: confirm with reference and what happens next, or confirm that nothing was sent."""

    def name(self) -> str:
        return "action_handoff_submit"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        lang = lang_of(tracker)
        reset = [SlotSet(s, None) for s in HANDOFF_SLOTS] + [SlotSet("flow_cancelled", None)]
        confirm = tracker.get_slot("handoff_confirm")
        if tracker.get_slot("flow_cancelled") or confirm not in ("yes", "no_partner", "failed", "limited"):
            dispatcher.utter_message(text=content.t("handoff.cancelled", lang), topic=TOPIC, lang=lang)
            return reset
        if confirm != "yes":
            return reset  # the reason was already said during validation
        org = get_directory().get(tracker.get_slot("handoff_org_id") or "")
        method = tracker.get_slot("handoff_contact_method") or "none"
        method = "none" if method == REMOVED else method
        hours = org.handoff.respond_within_hours if org and org.handoff else None
        when = content.t("handoff.when_hours", lang, hours=hours) if hours else content.t("handoff.when_unknown", lang)
        contacts = ", ".join(c.value for c in org.user_contacts()) if org else ""
        key = "handoff.sent" if contacts else "handoff.sent_no_contacts"
        dispatcher.utter_message(
            text=content.t(
                key,
                lang,
                reference=tracker.get_slot("handoff_reference"),
                org=org.name if org else "",
                how=content.t(f"handoff.how.{method}", lang),
                when=when,
                contacts=contacts,
            ),
            topic=TOPIC,
            lang=lang,
        )
        return reset
