"""Legal-aid routing: three skippable questions (form ``legal_aid_form``), then the best contacts.

Parsing and ranking live in ``bot.legal_aid.routing`` (pure, unit-tested); this module only
talks to Rasa. An answer the parser doesn't understand counts as skipped, but for the state: a name it does not
know gets one "I don't know that state" and the same question, a second one counts as skipped.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.crisis_follow_up import crisis_again_in_form
from actions.form_interruptions import (
    check_in_in_form,
    definition_in_form,
    note_once,
    personal_details_in_form,
    question_in_form,
    wellbeing_in_form,
)
from actions.privacy import note_personal_details
from bot import catalogue, content
from bot.content.replies import stopped_message
from bot.conversation import previous_reply
from bot.follow_ups import follow_up_intent
from bot.legal_aid import routing
from bot.legal_aid.directory import get_directory
from bot.legal_aid.presentation import results_text
from bot.nlu.caregivers import writes_as_caregiver
from bot.nlu.languages import conversation_language, explicit_choice
from bot.nlu.placed_answers import placed_answer

TOPIC = "find_legal_aid"
FORM_SLOTS = ("custody_status", "us_state", "language_need")


class ValidateLegalAidForm(FormValidationAction):
    def name(self) -> str:
        return "validate_legal_aid_form"

    def _common(
        self, value: Any, parse, slot: str, tracker: Tracker, dispatcher: CollectingDispatcher
    ) -> dict[str, Any]:
        text = value if isinstance(value, str) else ""
        if definition_in_form(dispatcher, tracker):
            return {slot: None}  # "que es ORR?" at a question: the definition, then the question
        parsed, state = parse(text), routing.state_named(text)
        understood = parsed is not None or state is not None or routing.is_cancel(text)
        if not understood and crisis_again_in_form(dispatcher, tracker):
            return {slot: None}  # "hes back" right after the crisis answer: it again, then the same question
        if not understood and routing.is_wait(text):
            return {slot: None}  # "wait" / "un momento": not a skipped answer; the question stays open
        if not understood and self._explains_question(dispatcher, tracker):
            return {slot: None}  # "why?" / "no entiendo" at a question: why it is asked, then the question
        if not understood and wellbeing_in_form(dispatcher, tracker):
            return {slot: None}  # "my tooth hurts" at a question: the health-care answer, then the question
        if not understood and question_in_form(dispatcher, tracker):
            return {slot: None}  # "is my therapy private?" at a question: its answer, then the question
        if not understood and personal_details_in_form(dispatcher, tracker, TOPIC):
            return {slot: None}  # "me llamo Ana" at a question: not needed, then the question
        if not understood and not routing.is_menu(text) and check_in_in_form(dispatcher, tracker):
            return {slot: None}  # "ok" / "y ahora q" soon after the crisis answer: the check-in, then the question
        late = _late_custody(text, slot, tracker) if not understood else None
        if late:
            return {"custody_status": late, slot: None}  # the shelter answer typed late: kept, then this question
        # Ending the form: action_legal_aid_results sees flow_cancelled and sends nothing else
        # (or, for "menu" / the SMS HELP keyword, the menu).
        ended = {**{s: None for s in FORM_SLOTS}, "requested_slot": None, "flow_cancelled": True}
        to_menu = routing.is_menu(text)
        if to_menu or routing.is_cancel(text):
            return {**ended, "flow_to_menu": True} if to_menu else ended
        if slot != "language_need" and explicit_choice(tracker.latest_message):
            # "English please" while asked for a state: the language changes and the same
            # question is asked again in it (a language name is only an answer to the language question).
            return {slot: None}
        if parsed is None and (routing.cancel_meant(tracker.latest_message) or routing.is_decline(text)):
            return ended  # "i don't want to do this anymore", "no thanks": no answer, and clearly a cancel
        if state and slot == "language_need" and parsed is None:
            # "wait no i meant arizona" at the last question: the contacts must follow the corrected
            # state (QA session 29: Texas results were shown); the language question is asked again.
            return {"us_state": state, slot: None}
        if slot == "us_state" and parsed is None and text and _asked_alone(tracker):
            # "wakanda", "texsa": skipped in silence, the child lost the local groups (session 42's blind test). Said
            # once, then the same question; a miss after any note (this one, a name's, "which language?") is skipped.
            dispatcher.utter_message(
                text=content.t("legal_aid.state_not_understood", conversation_language(tracker)),
                topic=TOPIC,
                lang=conversation_language(tracker),
            )
            return {slot: None}
        return {slot: parsed if parsed is not None else routing.SKIP}

    @staticmethod
    def _explains_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
        """A "why?" or "I don't understand" typed at a question (QA session 30: taken as a skipped answer):
        say once why it is asked, and True (the form asks again); a second time it counts as skipped."""
        if not follow_up_intent(tracker.latest_message or {}):
            return False
        return note_once(dispatcher, tracker, "legal_aid.why_asked", TOPIC)

    def extract_us_state(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The message that opened the form may name the state ("find a lawyer in Texas"): not asked again,
        and a state from an earlier run is replaced ("find a lawyer in arizona" after Illinois results)."""
        if tracker.get_slot("requested_slot"):
            return {}  # the form is asking its questions: the answers fill the slots
        state = routing.state_named(tracker.latest_message.get("text"))
        return {"us_state": state} if state else {}

    def validate_custody_status(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        result = self._common(value, routing.parse_custody, "custody_status", tracker, dispatcher)
        # "Texas" or "in a shelter in Texas" answers the next question too: asking "Which state?"
        # right after the user named one reads as not listening. Only a real state; never a skip.
        state = routing.state_named(value) if "flow_cancelled" not in result else None
        if state and not tracker.get_slot("us_state"):
            result["us_state"] = state
        return result

    def validate_us_state(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # A misspelt state ("texsa", "florda") is that state; only where the state is asked.
        return self._common(value, _state_or_misspelt, "us_state", tracker, dispatcher)

    def validate_language_need(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        # "yes" to "do you need another language?" names none (QA session 30: it counted as skipped, so no
        # interpreter note): ask which, once; a second bare yes counts as skipped.
        if (
            isinstance(value, str)
            and routing.is_yes(value)
            and note_once(dispatcher, tracker, "legal_aid.which_language", TOPIC)
        ):
            return {"language_need": None}
        return self._common(value, routing.parse_language_need, "language_need", tracker, dispatcher)


def _state_or_misspelt(text: str) -> str | None:
    return routing.parse_state(text) or routing.state_misspelt(text)


def _asked_alone(tracker: Tracker) -> bool:
    """The reply to the user's previous message was the question and nothing else (no note, no answer before it)."""
    return len(previous_reply(tracker.events)) == 1


def _late_custody(text: str, slot: str, tracker: Tracker) -> str | None:
    """ "estoy en un albergue" at a later question, after the shelter question was skipped (session 37, by
    hand: taken as a skipped state): the shelter answer, which the contacts depend on."""
    if slot == "custody_status" or tracker.get_slot("custody_status") != routing.SKIP:
        return None
    return routing.custody_said(text)


class ActionLegalAidResults(Action):
    def name(self) -> str:
        return "action_legal_aid_results"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        lang = conversation_language(tracker)
        if tracker.get_slot("flow_cancelled"):
            if tracker.get_slot("flow_to_menu"):
                dispatcher.utter_message(response="utter_menu")
            else:
                dispatcher.utter_message(**stopped_message("legal_aid.cancelled", TOPIC, lang))
            return [SlotSet("flow_cancelled", None), SlotSet("flow_to_menu", None)]
        custody = tracker.get_slot("custody_status")
        state = tracker.get_slot("us_state")
        need = tracker.get_slot("language_need")
        directory = get_directory()
        matches = routing.rank(directory, custody, state, need)
        sms = tracker.get_latest_input_channel() == catalogue.SMS
        dispatcher.utter_message(
            text=results_text(matches, custody, need, lang, sms=sms, state=state), topic=TOPIC, lang=lang
        )
        if routing.rank(directory, custody, state, need, handoff_only=True, limit=1):
            dispatcher.utter_message(
                text=content.t("legal_aid.handoff_offer", lang),
                topic=TOPIC,
                lang=lang,
                buttons=[{"title": content.t("legal_aid.button_handoff", lang), "payload": "/human_handoff"}],
            )
        return []


class ActionFormAnswerAlone(Action):
    """A form answer with no form asking. A named state ("je suis au Texas", "I'm in Florida") means
    help where the user is: the legal-aid questions start with the state already answered (a state
    from an earlier run is replaced, so the contacts follow the user), and so is the shelter question
    when the message says it ("im in a shelter in arizona"). A name, number or case number: the bot does
    not need it (actions.privacy.note_personal_details). A parent or relative saying who they are ("yo soy
    la mama"): the caregivers' answer, also when they name a state ("bonjou, pitit gason m ... nan yon abri nan
    Florida" is a parent introducing themselves, and read as a greeting it got that answer; session 36). How the
    child feels ("odio este lugar", bot.nlu.feelings): the feelings answer (the NLG's answer to such an
    out-of-scope message). Anything else ("I'm 16", "I'm her sister"): the menu."""

    def name(self) -> str:
        return "action_form_answer_alone"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        text = tracker.latest_message.get("text")
        if writes_as_caregiver(text or ""):  # "yo soy la mama no el": what a parent can do
            dispatcher.utter_message(response="utter_caregiver_help")
            return []
        started = start_at_named_state(text)
        if started is None:
            if placed_answer(tracker.latest_message or {}):
                dispatcher.utter_message(response="utter_out_of_scope")  # "odio este lugar": the feelings answer
            elif not note_personal_details(dispatcher, tracker):
                dispatcher.utter_message(response="utter_menu")
            return []
        return started


def start_at_named_state(text: str | None) -> list[EventType] | None:
    """A message that names a state ("I'm in Florida", "California") starts the legal-aid questions with the
    state answered (and the shelter question, when it says so); None when it names none."""
    state = routing.state_named(text)
    if not state:
        return None
    events: list[EventType] = [SlotSet("us_state", state)]
    custody = routing.parse_custody(text or "")
    if custody in (routing.IN_CUSTODY, routing.RELEASED):
        events.append(SlotSet("custody_status", custody))
    return events + [FollowupAction("legal_aid_form")]
