""" "I don't understand" and "why? / who told you that?" after an answer (QA session 30: 0 of 34 helped)."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.follow_up import ActionFollowUp
from actions.legal_aid import ValidateLegalAidForm
from bot import content
from bot.catalogue import SMS


def bot(topic: str, lang: str = "en") -> dict:
    return {"event": "bot", "text": "x", "metadata": {"topic": topic, "lang": lang}}


def make_tracker(events: list[dict], intent: str, lang: str = "en", channel: str = "rest") -> Tracker:
    user = {"event": "user", "text": "why", "input_channel": channel, "parse_data": {"intent": {"name": intent}}}
    return Tracker(
        "s1",
        {"language": lang},
        {"intent": {"name": intent}, "entities": [], "text": "why"},
        [*events, user],
        False,
        None,
        {},
        "action_listen",
    )


async def run(events: list[dict], intent: str, lang: str = "en", channel: str = "rest") -> list[dict]:
    dispatcher = CollectingDispatcher()
    await ActionFollowUp().run(dispatcher, make_tracker(events, intent, lang, channel), {})
    return dispatcher.messages


@pytest.mark.asyncio
@pytest.mark.parametrize("lang", ["en", "es", "pt", "fr", "ht"])
async def test_i_dont_understand_on_the_web_gets_the_short_form_of_the_latest_answer(lang: str):
    [message] = await run([bot("case_file_access", lang), bot("therapy_privacy", lang)], "explain_simpler", lang)
    short = content.fill(content.answer("therapy_privacy", lang).short, **content.dynamic_params()).strip()
    assert message["text"].startswith(content.t("common.simpler_intro", lang))
    assert short in message["text"] and message["text"].endswith(content.t("common.simpler_help", lang))
    assert message["topic"] == "therapy_privacy" and message["lang"] == lang
    payloads = [b["payload"] for b in message["buttons"]]
    assert payloads[-1] == "/find_legal_aid" and "/what_to_share" in payloads


@pytest.mark.asyncio
async def test_i_dont_understand_by_sms_does_not_repeat_the_short_form_it_just_got():
    [message] = await run([bot("therapy_privacy", "es")], "explain_simpler", "es", channel=SMS)
    assert message["text"] == content.t("common.simpler_sms", "es")
    assert message["buttons"][-1]["payload"] == "/find_legal_aid"


@pytest.mark.asyncio
@pytest.mark.parametrize("channel, urls", [("rest", True), (SMS, False)])
async def test_why_lists_the_latest_answers_sources_and_says_a_lawyer_can_apply_them(channel: str, urls: bool):
    answer = content.answer("therapy_notes_ice", "es")
    [message] = await run([bot("therapy_notes_ice", "es")], "ask_source", "es", channel)
    text = message["text"]
    assert text.startswith(content.t("common.source_intro", "es"))
    assert all(source.title in text for source in answer.sources) and answer.sources
    assert all((source.url in text) is urls for source in answer.sources)
    assert answer.last_reviewed in text and text.endswith(content.t("common.source_outro", "es"))
    assert message["topic"] == "therapy_notes_ice" and message["lang"] == "es"


@pytest.mark.asyncio
@pytest.mark.parametrize("answer_id", ["pregnancy", "health_care", "feelings"])
async def test_why_after_a_wellbeing_answer_lists_its_sources(answer_id: str):
    """Session 36, by hand: "de donde sacaste eso" after the pregnancy answer got the reply for no answer."""
    answer = content.answer(answer_id, "es")
    [message] = await run([bot(answer_id, "es")], "ask_source", "es", SMS)
    assert all(source.title in message["text"] for source in answer.sources) and answer.sources
    assert message["topic"] == answer_id and "/find_legal_aid" in [b["payload"] for b in message["buttons"]]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "intent, key", [("explain_simpler", "common.simpler_none"), ("ask_source", "common.source_none")]
)
async def test_about_something_that_is_not_an_answer_it_points_to_the_next_questions(intent: str, key: str):
    [message] = await run([bot("therapy_privacy"), bot("find_legal_aid")], intent)
    assert message["text"] == content.t(key, "en")
    assert message["topic"] == "menu" and message["buttons"][-1]["payload"] == "/find_legal_aid"


@pytest.mark.asyncio
@pytest.mark.parametrize("lang", ["pt", "ht"])
async def test_i_dont_understand_after_the_greeting_gets_it_in_fewer_words_then_who_can_help(lang: str):
    """Session 42's blind test: "nao entendi nada" then "explica mais facil" after the greeting got "Sorry, that was
    not clear" twice. The greeting's short form first; right after it, the line on asking a staff member."""
    [message] = await run([bot("menu", lang)], "explain_simpler", lang)
    short = content.fill(content.answer("menu", lang).short, **content.dynamic_params()).strip()
    assert message["text"].startswith(content.t("common.simpler_intro", lang)) and short in message["text"]
    assert message["topic"] == "menu" and message["buttons"][-1]["payload"] == "/find_legal_aid"
    user = {"event": "user", "text": "x"}
    again = [user, bot("menu", lang), user, {**bot("menu", lang), "text": message["text"]}]
    [second] = await run(again, "explain_simpler", lang)
    assert second["text"] == content.t("common.simpler_none", lang)
    # By SMS the greeting was already the short form.
    [sms] = await run([bot("menu", lang)], "explain_simpler", lang, channel=SMS)
    assert sms["text"] == content.t("common.simpler_sms", lang)
    sms_again = [user, bot("menu", lang), user, {**bot("menu", lang), "text": sms["text"]}]
    [sms_second] = await run(sms_again, "explain_simpler", lang, channel=SMS)
    assert sms_second["text"] == content.t("common.simpler_none", lang)


@pytest.mark.asyncio
@pytest.mark.parametrize("intent", ["explain_simpler", "ask_source"])
async def test_as_a_first_message_it_gets_the_menu(intent: str):
    assert [m.get("response") for m in await run([], intent)] == ["utter_menu"]


@pytest.mark.asyncio
async def test_only_the_current_session_counts():
    events = [bot("therapy_privacy"), {"event": "session_started"}]
    assert [m.get("response") for m in await run(events, "ask_source")] == ["utter_menu"]


@pytest.mark.parametrize("intent", ["explain_simpler", "ask_source"])
def test_at_a_legal_aid_question_it_says_why_it_is_asked_once_then_counts_as_skipped(intent: str):
    form = ValidateLegalAidForm()
    why = content.t("legal_aid.why_asked", "es")
    asked = [{"event": "user", "text": "/find_legal_aid"}, {"event": "bot", "text": "¿En qué estado?"}]

    def tracker(events: list[dict]) -> Tracker:
        return Tracker(
            "s1",
            {"language": "es", "requested_slot": "us_state"},
            {"intent": {"name": intent, "confidence": 0.9}, "entities": [], "text": "no entiendo"},
            events,
            False,
            None,
            {"name": "legal_aid_form"},
            "action_listen",
        )

    d = CollectingDispatcher()
    assert form.validate_us_state(
        "no entiendo", d, tracker([*asked, {"event": "user", "text": "no entiendo"}]), {}
    ) == {"us_state": None}
    assert [m["text"] for m in d.messages] == [why]
    again = [
        *asked,
        {"event": "user", "text": "x"},
        {"event": "bot", "text": why},
        asked[1],
        {"event": "user", "text": "x"},
    ]
    d = CollectingDispatcher()
    assert form.validate_us_state("no entiendo", d, tracker(again), {}) == {"us_state": "skip"}
    assert d.messages == []


@pytest.mark.asyncio
async def test_unsure_but_most_likely_a_follow_up_gets_the_follow_up_not_cant_answer():
    from actions.clarify import ActionOfferBoth

    message = {
        "intent": {"name": "nlu_fallback", "confidence": 0.45},
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.45},
            {"name": "explain_simpler", "confidence": 0.41},
            {"name": "more", "confidence": 0.16},
        ],
        "entities": [],
        "text": "what does that mean",
    }
    tracker = Tracker("s1", {"language": "en"}, message, [bot("therapy_privacy")], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    await ActionOfferBoth().run(dispatcher, tracker, {})
    [reply] = dispatcher.messages
    assert reply["text"].startswith(content.t("common.simpler_intro", "en")) and reply["topic"] == "therapy_privacy"
