import asyncio

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.crisis_follow_up import ActionCrisisFollowUp


def tracker_after(text: str, intent: str, confidence: float = 0.9) -> Tracker:
    """The user's message right after the crisis answer."""
    message = {"intent": {"name": intent, "confidence": confidence}, "entities": [], "text": text}
    events = [
        {"event": "user", "text": "my uncle hits me"},
        {"event": "bot", "text": "...", "metadata": {"topic": "crisis"}},
        {"event": "user", "text": text},
    ]
    return Tracker("s1", {"language": "en"}, message, events, False, None, {}, "action_listen")


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


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("text", "intent", "confidence", "answer"),
    [
        ("ya llego", "after_release", 0.50, "utter_crisis"),  # session 38: a guess, right after danger
        ("il est là", "held_by_cbp_ice", 0.40, "utter_crisis"),
        ("ya llego", "after_release", 0.95, "utter_after_release"),  # sure: its answer
        ("can ICE see what i tell my therapist?", "therapy_notes_ice", 0.55, "utter_therapy_notes_ice"),  # a question
        ("/therapy_privacy", "therapy_privacy", 1.0, "utter_therapy_privacy"),  # a button
    ],
)
async def test_a_short_topic_guess_gets_the_crisis_answer_again_a_clear_question_its_answer(
    text: str, intent: str, confidence: float, answer: str
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionCrisisFollowUp().run(dispatcher, tracker_after(text, intent, confidence), {})
    assert [m["response"] for m in dispatcher.messages] == [answer]


AFTER_CRISIS = [
    {"event": "user", "text": "my uncle hits me"},
    {"event": "bot", "text": "...", "metadata": {"topic": "crisis"}},
    {"event": "bot", "text": "...", "metadata": {"topic": "find_legal_aid"}},
    {"event": "user", "text": "hes back"},
]


def form_tracker(text: str, intent: str, events: list, confidence: float = 0.9) -> Tracker:
    message = {"intent": {"name": intent, "confidence": confidence}, "entities": [], "text": text}
    return Tracker("s1", {"language": "en"}, message, events, False, None, {"name": "legal_aid_form"}, "action_listen")


@pytest.mark.parametrize(
    ("text", "intent", "events", "again"),
    [
        ("hes back", "menu", AFTER_CRISIS, True),
        ("no se que hacer", "deny", AFTER_CRISIS, True),
        ("hes here", "inform", AFTER_CRISIS, True),
        ("hes back", "menu", AFTER_CRISIS[2:], False),  # no crisis answer before: the form goes on
        ("/menu", "menu", AFTER_CRISIS, False),  # a button or an SMS keyword: its usual handling
        ("can ice see my notes", "therapy_notes_ice", AFTER_CRISIS, False),  # a topic question
    ],
)
def test_crisis_again_in_form(text: str, intent: str, events: list, again: bool) -> None:
    from actions.crisis_follow_up import crisis_again_in_form

    dispatcher = CollectingDispatcher()
    assert crisis_again_in_form(dispatcher, form_tracker(text, intent, events)) is again
    assert [m["response"] for m in dispatcher.messages] == (["utter_crisis"] if again else [])


def test_after_two_repeats_in_a_row_the_usual_answer() -> None:
    crisis = {"event": "bot", "text": "...", "metadata": {"topic": "crisis"}}
    said = {"event": "user", "text": "..."}
    events = [said, crisis, said, crisis, said, crisis, said]
    message = {"intent": {"name": "menu"}, "entities": [], "text": "what can you help with?"}
    dispatcher = CollectingDispatcher()
    tracker = Tracker("s1", {"language": "en"}, message, events, False, None, {}, "action_listen")
    assert asyncio.run(ActionCrisisFollowUp().run(dispatcher, tracker, {})) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_menu"]


@pytest.mark.parametrize(
    ("text", "intent", "confidence", "again"),
    [
        ("ya llego", "after_release", 0.6, True),  # short and unsure (session 38)
        ("staff yo pa fe anyen", "bot_privacy", 0.49, True),  # very unsure at any length (stop 47's blind test)
        ("can ICE see my therapy notes?", "therapy_notes_ice", 0.95, False),  # a clear question
        ("is my therapy private or not", "therapy_privacy", 0.6, False),  # longer, and not that unsure
        ("/bot_privacy", "bot_privacy", 1.0, False),  # a button
    ],
)
def test_what_reads_as_the_danger_going_on(text: str, intent: str, confidence: float, again: bool) -> None:
    from actions.crisis_follow_up import reads_as_crisis_follow_up

    message = {"intent": {"name": intent, "confidence": confidence}, "text": text}
    assert reads_as_crisis_follow_up(message) is again


@pytest.mark.asyncio
async def test_the_check_in_button_for_the_telling_answer_typed_or_pressed_is_not_crisis_again() -> None:
    """Session 40: "¿Es seguro contarlo?" typed (the ButtonTitles component marks it) or pressed after the crisis
    answer gets its usual out-of-scope response, which the NLG gives as the telling answer, not the crisis answer."""
    entity = {"entity": "follow_up", "value": "telling_after_danger"}
    for text in ("¿Es seguro contarlo?", '/out_of_scope{"follow_up":"telling_after_danger"}'):
        t = tracker_after(text, "out_of_scope", 1.0)
        t.latest_message["entities"] = [entity]
        dispatcher = CollectingDispatcher()
        await ActionCrisisFollowUp().run(dispatcher, t, {})
        assert [m["response"] for m in dispatcher.messages] == ["utter_out_of_scope"], text


def test_a_fear_of_telling_taken_for_a_request_to_be_contacted_gets_the_telling_answer_not_the_handoff() -> None:
    """Session 40's blind test: "con quien puedo hablar" after the crisis answer got the handoff's list of lawyers."""
    from actions.handoff import ActionHandoffStart

    dispatcher = CollectingDispatcher()
    t = tracker_after("con quien puedo hablar", "human_handoff", 0.8)
    assert asyncio.run(ActionHandoffStart().run(dispatcher, t, {})) == []
    assert [m.get("response") for m in dispatcher.messages] == ["utter_out_of_scope"]  # the NLG: the telling answer
    # Without the crisis answer before it, the handoff starts as usual (here: no office takes requests).
    calm = Tracker("s1", {"language": "es"}, t.latest_message, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionHandoffStart().run(dispatcher, calm, {}))
    assert [m.get("response") for m in dispatcher.messages] != ["utter_out_of_scope"]
