import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.core import ActionMore
from bot.conversation import DANGER_LATELY


def bot(topic, lang="en"):
    return {"event": "bot", "text": "x", "metadata": {"topic": topic, "lang": lang}}


def make_tracker(events, language="en", intent="more"):
    return Tracker(
        "s1",
        {"language": language},
        {"intent": {"name": intent}, "entities": [], "text": intent},
        events,
        False,
        None,
        {},
        "action_listen",
    )


@pytest.mark.asyncio
async def test_more_offers_follow_ups_not_yet_asked_then_legal_help(fixture_content):
    dispatcher = CollectingDispatcher()
    await ActionMore().run(dispatcher, make_tracker([bot("therapy_privacy", "es")], "es"), {})
    [message] = dispatcher.messages
    assert message["text"] == "¿Qué más?"
    assert [b["payload"] for b in message["buttons"]] == ["/therapy_notes_ice", "/find_legal_aid"]
    assert message["topic"] == "menu" and message["lang"] == "es"


@pytest.mark.asyncio
async def test_more_when_everything_was_asked(fixture_content):
    dispatcher = CollectingDispatcher()
    await ActionMore().run(dispatcher, make_tracker([bot("therapy_privacy"), bot("therapy_notes_ice")]), {})
    [message] = dispatcher.messages
    assert message["text"] == "That's all I know."
    assert [b["payload"] for b in message["buttons"]] == ["/find_legal_aid"]


@pytest.mark.asyncio
@pytest.mark.parametrize("intent", ["affirm", "deny"])
async def test_a_bare_yes_or_no_after_an_answer_gets_what_else_and_before_any_the_menu(fixture_content, intent):
    """QA session 30: "ok" after an answer got the whole greeting (three SMS segments)."""
    dispatcher = CollectingDispatcher()
    await ActionMore().run(dispatcher, make_tracker([bot("therapy_privacy", "es")], "es", intent), {})
    [message] = dispatcher.messages
    assert message["text"] == "¿Qué más?" and message["buttons"]
    dispatcher = CollectingDispatcher()
    await ActionMore().run(dispatcher, make_tracker([], "es", intent), {})
    assert [m.get("response") for m in dispatcher.messages] == ["utter_menu"]


@pytest.mark.asyncio
async def test_soon_after_danger_what_else_gives_way_to_the_nlgs_check_in():
    """Stop 47's blind test: "kiyes m ka di" (who can I tell) after the crisis answer got "what else do you want to
    know?". Here the menu response is sent, which the NLG answers with the check-in or the telling answer."""
    said = {"event": "user", "text": "x"}
    dispatcher = CollectingDispatcher()
    await ActionMore().run(dispatcher, make_tracker([said, bot("crisis", "ht"), said], "ht"), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_menu"]
    calm = [said, bot("crisis")] + [said, bot("a")] * (DANGER_LATELY - 1) + [said, bot("therapy_privacy"), said]
    dispatcher = CollectingDispatcher()
    await ActionMore().run(dispatcher, make_tracker(calm), {})
    assert dispatcher.messages[0]["topic"] == "menu" and dispatcher.messages[0]["text"]  # "what else?" again
