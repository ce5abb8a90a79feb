import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.crisis_follow_up import ActionCrisisFollowUp


def tracker_after(text: str, intent: str) -> Tracker:
    message = {"intent": {"name": intent}, "entities": [], "text": text}
    return Tracker("s1", {"language": "en"}, message, [], False, None, {}, "action_listen")


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hes back", "menu"),
        ("what do i do", "menu"),
        ("ya volvio", "cancel"),
        ("ya llego", "goodbye"),
        ("he is coming", "nlu_fallback"),
    ],
)
async def test_typed_follow_up_gets_the_crisis_answer_again(text: str, intent: str) -> None:
    dispatcher = CollectingDispatcher()
    assert await ActionCrisisFollowUp().run(dispatcher, tracker_after(text, intent), {}) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_crisis"]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("text", "intent", "answer"),
    [
        ("/menu", "menu", "utter_menu"),  # the crisis answer's own button, an SMS pick
        ('/menu{"language":"es"}', "menu", "utter_menu"),  # an SMS help keyword
        ("/goodbye", "goodbye", "utter_goodbye"),
        ("/cancel", "cancel", "utter_menu"),
    ],
)
async def test_a_payload_gets_its_usual_answer(text: str, intent: str, answer: str) -> None:
    dispatcher = CollectingDispatcher()
    assert await ActionCrisisFollowUp().run(dispatcher, tracker_after(text, intent), {}) == []
    assert [m["response"] for m in dispatcher.messages] == [answer]
