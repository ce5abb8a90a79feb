"""In a form, a message that only says the child is sick or misses family, or a topic question, gets its answer."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.form_interruptions import question_in_form, wellbeing_in_form

pytestmark = pytest.mark.unit


def tracker(entities: list[dict], intent: str = "out_of_scope") -> Tracker:
    latest = {"text": "x", "intent": {"name": intent}, "entities": entities}
    return Tracker("s1", {}, latest, [], False, None, {"name": "legal_aid_form"}, "action_listen")


@pytest.mark.parametrize("value", ["health_care", "feelings"])
def test_a_marked_message_gets_its_answer(value: str) -> None:
    dispatcher = CollectingDispatcher()
    assert wellbeing_in_form(dispatcher, tracker([{"entity": "feeling", "value": value}]))
    assert [m["response"] for m in dispatcher.messages] == ["utter_out_of_scope"]  # the NLG gives the named answer


@pytest.mark.parametrize(
    "entities", [[], [{"entity": "feeling", "value": "crisis"}], [{"entity": "writer", "value": "caregiver"}]]
)
def test_anything_else_is_left_to_the_form(entities: list[dict]) -> None:
    dispatcher = CollectingDispatcher()
    assert not wellbeing_in_form(dispatcher, tracker(entities))
    assert dispatcher.messages == []


def test_a_topic_question_gets_its_answer() -> None:
    dispatcher = CollectingDispatcher()
    assert question_in_form(dispatcher, tracker([], "therapy_privacy"))
    assert [m["response"] for m in dispatcher.messages] == ["utter_therapy_privacy"]


@pytest.mark.parametrize("intent", ["inform", "out_of_scope", "nlu_fallback", "thanks", "crisis", "find_legal_aid"])
def test_anything_but_a_topic_is_left_to_the_form(intent: str) -> None:
    dispatcher = CollectingDispatcher()
    assert not question_in_form(dispatcher, tracker([], intent))
    assert dispatcher.messages == []
