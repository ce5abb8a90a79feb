import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.core import ActionMore, topics_asked
from tests.bot.content_fixture import fixture_content  # noqa: F401


def bot(topic):
    return {"event": "bot", "text": "x", "metadata": {"topic": topic, "lang": "en"}}


def make_tracker(events, language="en"):
    return Tracker("s1", {"language": language}, {"intent": {"name": "more"}, "entities": [], "text": "more"}, events,
                   False, None, {}, "action_listen")


def test_topics_asked_reads_bot_metadata_of_the_current_session():
    events = [bot("crisis"), {"event": "session_started"}, bot("menu"), bot("therapy_privacy"), bot("therapy_privacy"),
              {"event": "user", "text": "hi", "metadata": {"topic": "ignored"}}]
    assert topics_asked(events) == ["menu", "therapy_privacy"]


@pytest.mark.asyncio
async def test_more_offers_follow_ups_not_yet_asked_then_legal_help(fixture_content):
    dispatcher = CollectingDispatcher()
    await ActionMore().run(dispatcher, make_tracker([bot("therapy_privacy")], "es"), {})
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
