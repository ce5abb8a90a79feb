"""Consented handoff to a legal-aid organization (docs/CONTRACTS.md section 3): the rasa-sdk glue.

Form ``handoff_form`` collects only the contract's fields, then shows a numbered summary of
exactly what will be sent (bot.handoff.summary). Only "yes" to that summary sends: the consent and
the encrypted handoff are written to the outbox in one transaction (``bot.handoff.outbox``) inside
the same request that received the yes, so a crash right after cannot lose it. The worker delivers.
Parsing is in bot.handoff.answers, the values' types in bot.handoff.fields.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from enum import Enum
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.crisis_follow_up import crisis_again_in_form, telling_answer_first
from actions.form_interruptions import (
    check_in_in_form,
    definition_in_form,
    personal_details_in_form,
    question_in_form,
    wellbeing_in_form,
)
from bot import catalogue, content, form_answers
from bot.content.replies import stopped_message, with_notice_if_first
from bot.handoff import payload
from bot.handoff.answers import parse_age_group, parse_confirm, parse_contact_method, parse_role
from bot.handoff.crypto import seal
from bot.handoff.fields import (
    METHODS_WITH_VALUE,
    REQUIRED,
    SLOTS,
    SUMMARY_FIELDS,
    ContactMethod,
    Decision,
    InCustody,
    Mark,
)
from bot.handoff.outbox import Outbox
from bot.handoff.summary import build_doc, draft, over_cap, pick_org, summary_lines
from bot.legal_aid import routing
from bot.legal_aid.directory import get_directory, handoffs_possible
from bot.legal_aid.presentation import contacts_text, results_text
from bot.nlu.languages import conversation_language as lang_of
from bot.nlu.languages import explicit_choice

log = logging.getLogger(__name__)
TOPIC = "human_handoff"
# What the form ended with (slot handoff_confirm): sent, or why not (already told to the user).
SENT, NO_PARTNER, FAILED, LIMITED = "yes", "no_partner", "failed", "limited"


# --- actions -------------------------------------------------------------------------------
class ActionHandoffStart(Action):
    """Start the form with what legal-aid routing already knows, or say honestly that no partner can receive it."""

    def name(self) -> str:
        return "action_handoff_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if telling_answer_first(dispatcher, tracker):
            return []  # "con quien puedo hablar" soon after the crisis answer: what telling leads to, not a form
        lang = lang_of(tracker)
        directory = get_directory()
        state = tracker.get_slot("us_state")
        custody = tracker.get_slot("custody_status")
        if not handoffs_possible():
            matches = routing.rank(directory, custody, state, tracker.get_slot("language_need"))
            text = (  # "i want a real person" reaches this too: first, that no person is here
                f"{content.t('handoff.not_a_person', lang)} {content.t('handoff.talk_to_someone', lang)}\n\n"
                f"{content.t('handoff.no_partner', lang)}\n\n"
                + results_text(
                    matches,
                    custody,
                    tracker.get_slot("language_need"),
                    lang,
                    sms=tracker.get_latest_input_channel() == catalogue.SMS,
                    state=state,
                )
            )
            # The first reply of a conversation ("can a legal aid office contact me?"): the privacy notice first.
            dispatcher.utter_message(text=with_notice_if_first(text, lang, tracker.events), topic=TOPIC, lang=lang)
            return []
        events: list[EventType] = [SlotSet(s, None) for s in SLOTS]
        events.append(SlotSet("handoff_key", str(uuid.uuid4())))  # the handoff id, stable if "yes" is repeated
        if custody in (routing.IN_CUSTODY, routing.RELEASED):
            events.append(
                SlotSet("handoff_in_custody", (InCustody.YES if custody == routing.IN_CUSTODY else InCustody.NO).value)
            )
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
        return [s for s in REQUIRED if not (s == "handoff_contact_value" and method not in METHODS_WITH_VALUE)]

    @staticmethod
    def _cancelled(text: str = "") -> dict[str, Any]:
        """End the form: cancelled, or left for the menu ("menu", the SMS HELP keyword)."""
        ended = {"requested_slot": None, "flow_cancelled": True}
        return {**ended, "flow_to_menu": True} if routing.is_menu(text) else ended

    @staticmethod
    def _leaves(text: str) -> bool:
        return routing.is_cancel(text) or routing.is_menu(text)

    def _simple(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        slot: str,
        parsed: Any,
        skippable: bool = True,
    ) -> dict[str, Any]:
        text = value if isinstance(value, str) else ""
        if definition_in_form(dispatcher, tracker):
            return {slot: None}  # "what is a sponsor?" at a question: the definition, then the question
        understood = parsed is not None or (skippable and routing.is_skip(text)) or routing.is_cancel(text)
        if not understood and crisis_again_in_form(dispatcher, tracker):
            return {slot: None}  # "hes back" right after the crisis answer: it again, then the same question
        if not understood and routing.is_wait(text):
            return {slot: None}  # "wait" / "un momento": not "I didn't understand"; the question stays open
        if not understood and wellbeing_in_form(dispatcher, tracker):
            return {slot: None}  # "my tooth hurts" at a question: the health-care answer, then the question
        if not understood and question_in_form(dispatcher, tracker):
            return {slot: None}  # "is my therapy private?" at a question: its answer, then the question
        asks_contact = slot.startswith("handoff_contact")  # a number or address is asked for (shown before sent)
        if not understood and not asks_contact and personal_details_in_form(dispatcher, tracker, TOPIC):
            return {slot: None}  # "me llamo Ana" at "are you in a shelter?": not needed, then the question
        if not understood and not self._leaves(text) and check_in_in_form(dispatcher, tracker):
            return {slot: None}  # "ok" / "y ahora q" soon after the crisis answer: the check-in, then the question
        if self._leaves(text):
            return self._cancelled(text)
        if explicit_choice(tracker.latest_message):
            return {slot: None}  # "English please": the same question again, in that language
        if parsed is None and skippable and routing.is_skip(text):
            parsed = Mark.UNKNOWN.value
        if parsed is None and routing.cancel_meant(tracker.latest_message):
            return self._cancelled()  # "i don't want to do this anymore": no answer, and clearly a cancel
        if parsed is None:
            lang = lang_of(tracker)
            dispatcher.utter_message(text=content.t("handoff.not_understood", lang), topic=TOPIC, lang=lang)
            return {slot: None}
        return {slot: parsed.value if isinstance(parsed, Enum) else parsed}

    def validate_handoff_role(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._simple(value, dispatcher, tracker, "handoff_role", parse_role(value or ""), skippable=False)

    def validate_handoff_in_custody(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        parsed = routing.parse_custody(value or "")
        mapped = {routing.IN_CUSTODY: InCustody.YES, routing.RELEASED: InCustody.NO, routing.SKIP: Mark.UNKNOWN}.get(
            parsed or ""
        )
        result = self._simple(value, dispatcher, tracker, "handoff_in_custody", mapped)
        # As in the legal-aid form: a state named here ("in a shelter in Texas") is not asked again.
        state = routing.state_named(value) if "flow_cancelled" not in result else None
        if state and not tracker.get_slot("handoff_state"):
            result["handoff_state"] = state
        return result

    def validate_handoff_state(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        parsed = routing.parse_state(value or "")
        return self._simple(
            value, dispatcher, tracker, "handoff_state", Mark.UNKNOWN if parsed == routing.SKIP else parsed
        )

    def validate_handoff_age_group(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return self._simple(value, dispatcher, tracker, "handoff_age_group", parse_age_group(value or ""))

    def validate_handoff_contact_method(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        method = parse_contact_method(value or "")
        result = self._simple(value, dispatcher, tracker, "handoff_contact_method", method, skippable=False)
        phone = payload.normalize_phone(value or "") if method == ContactMethod.SMS else None
        if phone:  # the user typed the number right away
            result["handoff_contact_value"] = seal(phone)
        elif method is not None and method.has_value:
            result["handoff_contact_value"] = None
        elif method:
            result["handoff_contact_value"] = Mark.NOT_NEEDED.value
        return result

    def validate_handoff_contact_value(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = value if isinstance(value, str) else ""
        if self._leaves(text):
            return self._cancelled(text)
        by_email = tracker.get_slot("handoff_contact_method") == ContactMethod.EMAIL.value
        contact = payload.normalize_email(text) if by_email else payload.normalize_phone(text)
        if not contact and crisis_again_in_form(dispatcher, tracker):
            return {"handoff_contact_value": None}
        if not contact and routing.is_wait(text):
            return {"handoff_contact_value": None}  # "wait" while finding the number: asked again, no error
        if not contact and routing.cancel_meant(tracker.latest_message):
            return self._cancelled()
        if not contact:
            lang = lang_of(tracker)
            key = "handoff.bad_email" if by_email else "handoff.bad_phone"
            dispatcher.utter_message(text=content.t(key, lang), topic=TOPIC, lang=lang)
        return {"handoff_contact_value": seal(contact)}

    def validate_handoff_confirm(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        lang = lang_of(tracker)
        verdict, number = parse_confirm(value if isinstance(value, str) else "")
        if verdict == Decision.UNKNOWN and crisis_again_in_form(dispatcher, tracker):
            return {"handoff_confirm": None}  # nothing is sent; the summary is shown again
        if routing.is_menu(value if isinstance(value, str) else ""):
            return self._cancelled(value)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if verdict == Decision.UNKNOWN and intent in ("affirm", "deny"):
            verdict = Decision.YES if intent == "affirm" else Decision.NO
        if verdict == Decision.UNKNOWN and routing.cancel_meant(tracker.latest_message):
            verdict = Decision.CANCEL
        if verdict in (Decision.CANCEL, Decision.NO):
            return self._cancelled()
        if verdict in (Decision.CHANGE, Decision.REMOVE):
            if number is None or not 1 <= number <= len(SUMMARY_FIELDS):
                dispatcher.utter_message(text=content.t("handoff.not_understood", lang), topic=TOPIC, lang=lang)
                return {"handoff_confirm": None}
            name, slots, removable = SUMMARY_FIELDS[number - 1]
            if verdict == Decision.REMOVE:
                if not removable:
                    dispatcher.utter_message(text=content.t("handoff.cannot_remove", lang), topic=TOPIC, lang=lang)
                    return {"handoff_confirm": None}
                if name == "topics":
                    return {"handoff_topics_removed": True, "handoff_confirm": None}
                if name == "contact":
                    return {
                        "handoff_contact_method": ContactMethod.NONE.value,
                        "handoff_contact_value": Mark.NOT_NEEDED.value,
                        "handoff_confirm": None,
                    }
                return {slots[0]: Mark.REMOVED.value, "handoff_confirm": None}
            if not slots:  # topics / language: nothing to re-ask
                if name == "topics":
                    return {
                        "handoff_topics_removed": not tracker.get_slot("handoff_topics_removed"),
                        "handoff_confirm": None,
                    }
                dispatcher.utter_message(text=content.t("handoff.cannot_remove", lang), topic=TOPIC, lang=lang)
                return {"handoff_confirm": None}
            return {**{s: None for s in slots}, "handoff_confirm": None}
        if verdict != Decision.YES:
            dispatcher.utter_message(text=content.t("handoff.not_understood", lang), topic=TOPIC, lang=lang)
            return {"handoff_confirm": None}
        return self._send(dispatcher, tracker, lang)

    def _send(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> dict[str, Any]:
        """The user said yes to the summary: consent + handoff in one transaction, right now."""
        fields = draft(tracker)
        org = pick_org(fields)
        if org is None or not org.handoff:
            dispatcher.utter_message(text=content.t("handoff.no_partner", lang), topic=TOPIC, lang=lang)
            return {"handoff_confirm": NO_PARTNER}
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
                return {"handoff_confirm": LIMITED}
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
            return {"handoff_confirm": FAILED}
        return {"handoff_confirm": SENT, "handoff_reference": doc["reference"], "handoff_org_id": org.id}


class ActionAskHandoffContactValue(Action):
    def name(self) -> str:
        return "action_ask_handoff_contact_value"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        lang = lang_of(tracker)
        key = (
            "handoff.ask_contact_email"
            if tracker.get_slot("handoff_contact_method") == ContactMethod.EMAIL.value
            else "handoff.ask_contact_phone"
        )
        dispatcher.utter_message(
            text=content.t(key, lang),
            topic=TOPIC,
            lang=lang,
            buttons=[{"title": content.t("handoff.cancel", lang), "payload": form_answers.payload("cancel")}],
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
                {"title": content.t("handoff.button_yes_send", lang), "payload": form_answers.payload("yes")},
                {"title": content.t("handoff.button_change_contact", lang), "payload": form_answers.payload("2")},
                {"title": content.t("handoff.cancel", lang), "payload": form_answers.payload("cancel")},
            ],
        )
        return []


class ActionHandoffSubmit(Action):
    """After the form: confirm with reference and what happens next, or confirm that nothing was sent."""

    def name(self) -> str:
        return "action_handoff_submit"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        lang = lang_of(tracker)
        reset = [SlotSet(s, None) for s in SLOTS] + [SlotSet("flow_cancelled", None), SlotSet("flow_to_menu", None)]
        confirm = tracker.get_slot("handoff_confirm")
        if tracker.get_slot("flow_to_menu"):
            dispatcher.utter_message(response="utter_menu")  # nothing was sent: the menu says what is next
            return reset
        if tracker.get_slot("flow_cancelled") or confirm not in (SENT, NO_PARTNER, FAILED, LIMITED):
            dispatcher.utter_message(**stopped_message("handoff.cancelled", TOPIC, lang))
            return reset
        if confirm != SENT:
            return reset  # the reason was already said during validation
        org = get_directory().get(tracker.get_slot("handoff_org_id") or "")
        method = tracker.get_slot("handoff_contact_method") or ContactMethod.NONE.value
        method = ContactMethod.NONE.value if method == Mark.REMOVED.value else method
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
