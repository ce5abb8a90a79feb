"""Messages the bot cannot place: two answers offered instead of a guess when the classifier hesitates
between a listed pair, and the usual "I can't answer that" with what to say instead of it."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.follow_up import reply_to_follow_up
from actions.handoff import TOPIC as HANDOFF
from actions.legal_aid import start_at_named_state
from actions.privacy import note_personal_details
from bot import content
from bot.content.replies import answer_buttons, offered_answers, with_notice_if_first
from bot.follow_ups import follow_up_intent
from bot.legal_aid.directory import handoffs_possible
from bot.nlu.ambiguity import offered_pair
from bot.nlu.caregivers import caregiver_writing
from bot.nlu.languages import conversation_language, words
from bot.nlu.placed_answers import placed_answer

CLARIFY_ID = "clarify"
RIGHT_TO_LAWYER = "right_to_lawyer"
# An unsure message this short that names a state ("California", "estoy en texas") means help there; a longer
# one that mentions a state is about something else.
MAX_STATE_WORDS = 4


def _available(answers: list[str]) -> list[str]:
    """The offered answers, with "have a legal aid office contact me" replaced by "can I get a free lawyer?" where
    no listed office takes requests (stop 47's blind test: "necesito un abogado" offered it, and picking it said no
    office can receive one)."""
    if handoffs_possible():
        return answers
    return list(dict.fromkeys(RIGHT_TO_LAWYER if a == HANDOFF else a for a in answers))


class ActionOfferBoth(Action):
    """Runs on ``nlu_fallback``: both answers of a close listed pair as buttons, else out_of_scope."""

    def name(self) -> str:
        return "action_offer_both"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        lang = conversation_language(tracker)
        pair = offered_pair(tracker.latest_message or {})
        buttons = answer_buttons(_available(offered_answers(pair)), lang, caregiver_writing(tracker)) if pair else []
        if len(buttons) < 2:  # not a listed pair (or a title is missing)
            follow_up = follow_up_intent(tracker.latest_message or {})
            text = (tracker.latest_message or {}).get("text") or ""
            started = start_at_named_state(text) if len(words(text).split()) <= MAX_STATE_WORDS else None
            if follow_up:  # unsure, but most likely "what does that mean?" about the previous answer
                reply_to_follow_up(dispatcher, tracker, follow_up)
            elif started:  # "California" alone (QA session 30): help where the user is
                return started
            else:
                answer_out_of_scope(dispatcher, tracker)
            return []
        text = with_notice_if_first(content.t("common.offer_both", lang), lang, tracker.events)
        dispatcher.utter_message(text=text, buttons=buttons, topic=CLARIFY_ID, lang=lang)
        return []


def answer_out_of_scope(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """What a message the bot cannot place gets: the feelings or health answer when the Feelings component
    marked it (the NLG's answer to such an out-of-scope message), the personal-details note when it holds a
    name, number or case number ("me llamo ..." is not a question), else the usual "can't answer that"."""
    if placed_answer(tracker.latest_message or {}) or not note_personal_details(dispatcher, tracker):
        dispatcher.utter_message(response="utter_out_of_scope")


class ActionOutOfScope(Action):
    """Runs on ``out_of_scope``. The personal-details note used to reach only the classifier's unsure guesses
    (``nlu_fallback``): "me llamo Carlos Fakename" got "I can't answer that" whenever a training called it
    ``out_of_scope`` with confidence, so both intents now answer the same way."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        answer_out_of_scope(dispatcher, tracker)
        return []
