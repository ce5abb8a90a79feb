"""In a form: a message the question cannot take as an answer, but that asks or says something the bot answers,
gets that answer, and the form asks its question again (instead of taking it as a skipped answer)."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import catalogue, content
from bot.conversation import previous_reply, telling_answer_due
from bot.nlu.definitions import definition_answer
from bot.nlu.languages import conversation_language
from bot.nlu.placed_answers import placed_answer
from bot.privacy.redact import shares_personal_details


def wellbeing_in_form(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """A message that says the child is sick, hurts or misses their family ("my tooth hurts" at "are you in a
    shelter now?"; bot.nlu.components.feelings marks it) gets the health-care or feelings answer, and True: the
    form then asks its question again. Without this the form took it as a skipped answer and went on to the
    next question (seen by hand under `make run`)."""
    if placed_answer(tracker.latest_message or {}) is None:
        return False
    dispatcher.utter_message(response="utter_out_of_scope")  # the NLG gives the answer the entity names
    return True


def check_in_in_form(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Soon after the crisis answer (bot.conversation.telling_answer_due), a typed message the question cannot take
    as an answer ("ok", "y ahora q") gets the check-in, or the telling answer for a fear of telling (the NLG
    chooses, as it does outside forms), and True: the form asks its question again. Session 40's blind test (SMS):
    both were taken as skipped answers, and a child who had just told of abuse got a list of lawyers."""
    if str((tracker.latest_message or {}).get("text") or "").startswith("/"):
        return False  # a button or SMS number: the form reads it
    if not telling_answer_due(tracker.events, again=True):
        return False
    dispatcher.utter_message(response="utter_out_of_scope")  # the NLG gives the check-in or the telling answer
    return True


def definition_in_form(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """A message that only asks what a word means ("que es ORR?" at "are you in a shelter now?";
    bot.nlu.components.definitions marks it) is never an answer, even where the question could read one in it
    ("ORR" reads as "in a shelter": session 37, by hand): its definition, and True: the form asks again."""
    if definition_answer(tracker.latest_message or {}) is None:
        return False
    dispatcher.utter_message(response="utter_out_of_scope")  # the NLG gives the definition the entity names
    return True


def question_in_form(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """A topic question typed or pressed at a form's question ("is my therapy private?", "wait is talking to a
    lawyer private?", the SMS number of an answer's button) gets its answer, and True: the form then asks its
    question again. QA session 30 (row 8): such a question was taken as the answer and dropped."""
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    if intent not in catalogue.topic_ids():
        return False
    dispatcher.utter_message(response=f"utter_{intent}")
    return True


def personal_details_in_form(dispatcher: CollectingDispatcher, tracker: Tracker, topic: str) -> bool:
    """A name, number or case number typed where a question cannot read it ("me llamo Ana" at "are you in a
    shelter now?": session 37, by hand, taken as a skipped answer) is not needed: say so once, and True (the
    form asks again); typed again right after the note, False: the question counts it as skipped."""
    if not shares_personal_details(str((tracker.latest_message or {}).get("text") or "")):
        return False
    return note_once(dispatcher, tracker, "common.personal_details_in_form", topic)


def note_once(dispatcher: CollectingDispatcher, tracker: Tracker, key: str, topic: str) -> bool:
    """Send the text of ``key`` in the conversation's language, unless it was already the reply to the user's
    previous message (a note said once, then the question takes the answer as it is): True when sent."""
    lang = conversation_language(tracker)
    text = content.t(key, lang)
    if any(event.get("text") == text for event in previous_reply(tracker.events)):
        return False
    dispatcher.utter_message(text=text, topic=topic, lang=lang)
    return True
