import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.core import ActionMore


def bot(topic, lang="en"):
    return {"event": "bot", "text": "x", "metadata": {"topic": topic, "lang": lang}}


def make_tracker(events, language="en"):
    return Tracker(
        "s1",
        {"language": language},
        {"intent": {"name": "more"}, "entities": [], "text": "more"},
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
