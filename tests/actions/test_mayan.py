"""The Mayan-language path (issue #12 item 4) with the project's real content."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.mayan import ActionMayanLanguage, mayan_need
from bot import content


@pytest.fixture(autouse=True)
def _real_content():
    content.load(content.LOCALES_DIR, force=True)


def make_tracker(text, events=(), channel="rest", detected="es"):
    parse = {"intent": {"name": "mayan_language"}, "entities": [], "text": text}
    parse["detected_language"] = {"code": detected, "confidence": 0.99}
    return Tracker(
        "s1",
        {},
        parse,
        [*events, {"event": "user", "text": text, "input_channel": channel, "parse_data": {}}],
        False,
        None,
        {},
        "action_listen",
    )


@pytest.mark.parametrize(
    "text, need",
    [
        ("hablo k'iche'", "kiche"),
        ("yo hablo quiché", "kiche"),
        ("I speak Mam", "mam"),
        ("mi idioma es kanjobal", "qanjobal"),
        ("eu falo kekchi", "qeqchi"),
        ("mwen pale akateko", "akateko"),
        ("hablo un idioma maya", "mayan"),
        ("hablo otro idioma", "mayan"),
    ],
)
def test_the_mayan_language_is_read_from_any_usual_spelling(text, need):
    assert mayan_need(text) == need


@pytest.mark.asyncio
async def test_spanish_answer_with_privacy_notice_sources_and_the_need_recorded():
    dispatcher = CollectingDispatcher()
    events = await ActionMayanLanguage().run(dispatcher, make_tracker("hablo k'iche'"), {})
    [message] = dispatcher.messages
    assert message["lang"] == "es" and message["topic"] == "mayan_language"
    assert message["text"].startswith(content.t("common.privacy_notice_first", "es", **content.dynamic_params())[:20])
    assert "cfr/text-45/410.1309" in message["text"] or "410.1309" in message["text"]
    assert [b["payload"] for b in message["buttons"]] == ["/find_legal_aid"]
    assert events == [SlotSet("language_need", "kiche")]


@pytest.mark.asyncio
async def test_an_english_conversation_gets_spanish_first_then_english_short_forms_on_sms():
    earlier = [{"event": "bot", "text": "hi", "metadata": {"topic": "menu", "lang": "en"}}]
    dispatcher = CollectingDispatcher()
    await ActionMayanLanguage().run(
        dispatcher, make_tracker("my language is Mam", earlier, channel="twilio", detected="en"), {}
    )
    spanish, english = dispatcher.messages
    assert spanish["lang"] == "es" and spanish["text"] == content.fill(
        content.answer("mayan_language", "es").short, **content.dynamic_params()
    )
    assert english["lang"] == "en" and not spanish.get("buttons") and english["buttons"]


@pytest.mark.asyncio
async def test_a_first_message_in_a_mayan_language_gets_spanish_only():
    """The detector reads K'iche' as Creole; that note and the questions after it were in Creole (QA session 29)."""
    dispatcher = CollectingDispatcher()
    await ActionMayanLanguage().run(
        dispatcher, make_tracker("utz awach, k'iche' kinch'aw wi", channel="twilio", detected="ht"), {}
    )
    [message] = dispatcher.messages
    assert message["lang"] == "es"


@pytest.mark.asyncio
async def test_a_first_message_decisively_in_english_also_gets_english():
    tracker = make_tracker("my language is Mam", detected="en")
    tracker.latest_message["entities"] = [{"entity": "language", "value": "en", "extractor": "LanguageDetector"}]
    dispatcher = CollectingDispatcher()
    await ActionMayanLanguage().run(dispatcher, tracker, {})
    assert [m["lang"] for m in dispatcher.messages] == ["es", "en"]
