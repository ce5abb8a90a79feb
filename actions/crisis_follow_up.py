"""Right after the crisis answer: a follow-up that reads as harmless alone gets the crisis answer again."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import catalogue
from bot.content.replies import asked_answer
from bot.conversation import CRISIS_FOLLOW_UP_INTENTS, crisis_follow_up_due, telling_answer_due
from bot.nlu.languages import words
from bot.nlu.telling_fears import fears_telling

# What a button or an SMS keyword (a payload: "/menu") still gets, by intent: its usual answer (the menu for
# the rest: `deny` and a form button with no form asking, `inform`, get it from their own rules too).
USUAL_ANSWER = {
    "menu": "utter_menu",
    "cancel": "utter_menu",
    "goodbye": "utter_goodbye",
    "out_of_scope": "utter_out_of_scope",
}
# A topic the classifier is unsure of for a short message ("ya llego", read as after_release at 0.50 once
# new training lines moved it: session 38) is, right after the crisis answer, more likely the danger going on
# than a new question; a clear question ("can ICE see my notes?") keeps its answer.
UNSURE_BELOW = 0.7
SHORT_WORDS = 3
# At any length, a topic the classifier is this unsure of is no clear question either ("staff yo pa fe anyen",
# staff do nothing, read as the chat-privacy question at 0.49 right after the crisis answer: stop 47's blind test).
UNSURE_AT_ANY_LENGTH = 0.5


def reads_as_crisis_follow_up(message: dict[str, Any]) -> bool:
    """A typed message that, right after the crisis answer, continues it: an intent of
    CRISIS_FOLLOW_UP_INTENTS, or a message the classifier only guessed a topic for (short, or very unsure)."""
    if str(message.get("text") or "").startswith("/") or asked_answer(message):
        return False  # a button or SMS keyword, or a button's title typed: its usual answer
    intent = message.get("intent") or {}
    name = intent.get("name")
    if name in CRISIS_FOLLOW_UP_INTENTS:
        return True
    short = len(words(str(message.get("text") or "")).split()) <= SHORT_WORDS
    confidence = float(intent.get("confidence") or 0)
    unsure = confidence < UNSURE_AT_ANY_LENGTH or (short and confidence < UNSURE_BELOW)
    return name in catalogue.topic_ids() and unsure


class ActionCrisisFollowUp(Action):
    """Runs when the message after the crisis answer is unclear, a call for the menu, cancel or goodbye.

    The bot reads each message alone: "hes back", "what do i do", "il est revenu", "ya volvio" are the
    menu, cancel or nothing at all read alone; right after a message about danger they are the danger
    going on (data/stories/core.yml). Typed text gets the crisis answer again, whose first button is the
    menu; a payload (the crisis answer's own menu button, an SMS keyword) gets its usual answer. The answer
    is sent from here, not as a follow-up action: RulePolicy has no rule for the turn after a follow-up
    action, so the core fallback would add the out-of-scope answer (seen in the acceptance journeys).
    """

    def name(self) -> str:
        return "action_crisis_follow_up"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name") or "menu"
        # Not after two repeats in a row.
        again = reads_as_crisis_follow_up(message) and crisis_follow_up_due(tracker.events)
        usual = f"utter_{intent}" if intent in catalogue.topic_ids() else USUAL_ANSWER.get(intent, "utter_menu")
        dispatcher.utter_message(response="utter_crisis" if again else usual)
        return []


def crisis_again_in_form(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """In a form, right after the crisis answer: a typed message the form cannot take as an answer and that
    reads as a follow-up ("hes back" at the shelter question) gets the crisis answer again, and True (the form
    then asks its question again). The rules above do not run while a form is active; without this the legal-aid
    form took "hes back" as a skipped answer and asked the next question. Payloads (buttons, SMS keywords) and
    topic questions keep their usual handling; an answer, Skip or Cancel goes on as before.
    """
    if not reads_as_crisis_follow_up(tracker.latest_message or {}) or not crisis_follow_up_due(tracker.events):
        return False
    dispatcher.utter_message(response="utter_crisis")
    return True


def telling_answer_first(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Soon after the crisis answer, a typed fear of telling that the classifier took for a request to be contacted
    ("con quien puedo hablar", "me da verguenza decirle a alguien": session 40's blind test, the handoff's list of
    lawyers) gets the telling answer (the NLG turns the out-of-scope response into it), and True: the flow does not
    start."""
    message = tracker.latest_message or {}
    text = str(message.get("text") or "")
    if text.startswith("/") or not fears_telling(text) or not telling_answer_due(tracker.events, again=True):
        return False
    dispatcher.utter_message(response="utter_out_of_scope")
    return True
