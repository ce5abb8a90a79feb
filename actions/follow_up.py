"""Follow-ups about the previous answer: "I don't understand" and "why? / who told you that?".

QA session 30: 0 of 34 such follow-ups got a useful reply (the greeting, "can't answer", the goodbye or
another topic). The text is built in bot.content.replies; this only finds the answer they are about.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import catalogue, content
from bot.content.replies import answer_buttons, more_offers, simpler_text, sources_text
from bot.conversation import latest_topic, previous_reply, telling_answer_due, topics_answered
from bot.follow_ups import SIMPLER, follow_up_intent
from bot.nlu.caregivers import caregiver_writing
from bot.nlu.languages import conversation_language
from bot.nlu.placed_answers import PLACED_ANSWERS

MENU_ID = "menu"


class ActionFollowUp(Action):
    """Runs on ``explain_simpler`` and ``ask_source`` (right after the crisis answer, the crisis rules run
    instead: data/stories/core.yml). About a topic answer: its short form or its sources, with its next
    steps; about anything else (the menu, legal-aid results): where to go next."""

    def name(self) -> str:
        return "action_follow_up"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        reply_to_follow_up(dispatcher, tracker, follow_up_intent(tracker.latest_message or {}) or SIMPLER)
        return []


def reply_to_follow_up(dispatcher: CollectingDispatcher, tracker: Tracker, intent: str) -> None:
    """The reply to the follow-up ``intent`` (bot.follow_ups) about the latest reply of the session."""
    lang = conversation_language(tracker)
    simpler = intent == SIMPLER
    topic = latest_topic(tracker.events)
    if topic is None:  # nothing said yet in this session: the menu (with the privacy notice of a first reply)
        dispatcher.utter_message(response="utter_menu")
        return
    # The feelings, health-care, pregnancy and definition answers have sources and next steps as topics do ("de donde sacaste
    # eso" after the pregnancy answer got "every answer of mine says its sources": session 36, by hand).
    if topic not in catalogue.topic_ids() | PLACED_ANSWERS and telling_answer_due(tracker.events, again=True):
        # "is it bad?" read as "where does that come from?" after a danger answer (session 40's blind test: a list of
        # sources): the menu's response, which the NLG gives as the check-in soon after danger (bot.server.nlg).
        dispatcher.utter_message(response="utter_menu")
        return
    # "nao entendi nada" / "mwen pa konprann" after the greeting got "Sorry, that was not clear", and "explica mais
    # facil" the same line again (session 42's blind test): the greeting's short form is its simpler version, said
    # once; asked again right after, the line on asking a staff member for help.
    sms = tracker.get_latest_input_channel() == catalogue.SMS
    menu_simpler = content.t("common.simpler_sms", lang) if sms else simpler_text_of_menu(lang)
    simpler_menu = simpler and topic == MENU_ID and not _said_just_before(tracker, menu_simpler)
    if topic not in catalogue.topic_ids() | PLACED_ANSWERS and not simpler_menu:
        offered = more_offers(topics_answered(tracker.events), lang, catalogue.topic_ids(), MENU_ID)
        key = "common.simpler_none" if simpler else "common.source_none"
        buttons = answer_buttons(offered, lang, caregiver_writing(tracker))
        dispatcher.utter_message(text=content.t(key, lang), buttons=buttons, topic=MENU_ID, lang=lang)
        return
    answer = content.answer(topic, lang)
    if simpler_menu:
        buttons = answer_buttons([*answer.next, "find_legal_aid"], lang, caregiver_writing(tracker))
        dispatcher.utter_message(text=menu_simpler, buttons=buttons, topic=MENU_ID, lang=lang)
        return
    # A caregiver was shown the short caregivers' form on every channel, as SMS users see the short one.
    caregiver = caregiver_writing(tracker)
    shown_short = sms or (caregiver and bool(answer.for_caregivers))
    text = simpler_text(answer, lang, shown_short) if simpler else sources_text(answer, lang, sms)
    offered = list(dict.fromkeys([*answer.next, "find_legal_aid"]))
    dispatcher.utter_message(text=text, buttons=answer_buttons(offered, lang, caregiver), topic=topic, lang=lang)


def simpler_text_of_menu(lang: str) -> str:
    """The greeting in fewer words (its short form, which the web does not show) and who can explain."""
    return simpler_text(content.answer(MENU_ID, lang), lang, shown_short=False)


def _said_just_before(tracker: Tracker, text: str) -> bool:
    return any(event.get("text") == text for event in previous_reply(tracker.events))
