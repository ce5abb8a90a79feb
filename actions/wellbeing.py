"""In a form: a message that only says how the child feels or that they are sick gets its answer, then the question."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.nlu.feelings import wellbeing_answer


def wellbeing_in_form(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """A message the form cannot take as an answer that says the child is sick, hurts or misses their family
    ("my tooth hurts" at "are you in a shelter now?"; bot.nlu.components.feelings marks it) gets the health-care
    or feelings answer, and True: the form then asks its question again. Without this the form took it as a
    skipped answer and went on to the next question (seen by hand under `make run`)."""
    if wellbeing_answer(tracker.latest_message or {}) is None:
        return False
    dispatcher.utter_message(response="utter_out_of_scope")  # the NLG gives the answer the entity names
    return True
