import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.clarify import ActionOfferBoth


def make_tracker(ranking, language=None, events=({"event": "bot", "text": "x", "metadata": {"topic": "menu"}},)):
    latest = {
        "intent": {"name": "nlu_fallback", "confidence": 0.45},
        "entities": [],
        "text": "x",
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
    }
    return Tracker("s1", {"language": language}, latest, list(events), False, None, {}, "action_listen")


@pytest.fixture
def pairs(tmp_path, monkeypatch):
    path = tmp_path / "pairs.yml"
    path.write_text(yaml.safe_dump({"min_ratio": 0.5, "pairs": [["therapy_privacy", "find_legal_aid"]]}))
    monkeypatch.setenv("KYR_AMBIGUOUS_PAIRS", str(path))


@pytest.mark.asyncio
async def test_close_pair_gets_both_buttons_in_the_conversation_language(fixture_content, pairs):
    dispatcher = CollectingDispatcher()
    await ActionOfferBoth().run(
        dispatcher, make_tracker([("nlu_fallback", 0.45), ("find_legal_aid", 0.4), ("therapy_privacy", 0.38)], "es"), {}
    )
    [message] = dispatcher.messages
    assert message["text"] == "¿Las dos?"
    assert message["buttons"] == [
        {"title": "Buscar ayuda legal", "payload": "/find_legal_aid"},
        {"title": "¿Es privada la terapia?", "payload": "/therapy_privacy"},
    ]
    assert message["topic"] == "clarify" and message["lang"] == "es"


@pytest.mark.asyncio
async def test_anything_else_unsure_gets_the_out_of_scope_answer(fixture_content, pairs):
    dispatcher = CollectingDispatcher()
    await ActionOfferBoth().run(
        dispatcher,
        make_tracker([("nlu_fallback", 0.45), ("therapy_privacy", 0.4), ("therapy_notes_ice", 0.38)], "en"),
        {},
    )
    [message] = dispatcher.messages
    assert message["response"] == "utter_out_of_scope" and not message["buttons"]


@pytest.mark.asyncio
async def test_as_first_reply_of_a_conversation_the_privacy_notice_comes_first(fixture_content, pairs):
    dispatcher = CollectingDispatcher()
    await ActionOfferBoth().run(
        dispatcher, make_tracker([("find_legal_aid", 0.4), ("therapy_privacy", 0.38)], "en", events=()), {}
    )
    [message] = dispatcher.messages
    assert message["text"].startswith("I'm a bot.") and message["text"].endswith("\n\nBoth?")
    assert len(message["buttons"]) == 2


@pytest.mark.asyncio
async def test_also_offer_adds_its_button_after_the_pair(fixture_content, tmp_path, monkeypatch):
    path = tmp_path / "pairs.yml"
    path.write_text(
        yaml.safe_dump(
            {
                "min_ratio": 0.5,
                "pairs": [["therapy_privacy", "therapy_notes_ice"]],
                "also_offer": {"therapy_notes_ice": "find_legal_aid"},
            }
        )
    )
    monkeypatch.setenv("KYR_AMBIGUOUS_PAIRS", str(path))
    dispatcher = CollectingDispatcher()
    await ActionOfferBoth().run(
        dispatcher,
        make_tracker([("nlu_fallback", 0.45), ("therapy_privacy", 0.4), ("therapy_notes_ice", 0.38)], "en"),
        {},
    )
    [message] = dispatcher.messages
    assert [b["payload"] for b in message["buttons"]][0] == "/therapy_privacy"
    assert [b["payload"] for b in message["buttons"]][-1] == "/find_legal_aid"
    assert len(message["buttons"]) == 3


def test_the_real_lawyer_pairs_always_show_the_finder():
    from bot.content.replies import offered_answers

    assert offered_answers(("right_to_lawyer", "human_handoff")) == [
        "right_to_lawyer",
        "human_handoff",
        "find_legal_aid",
    ]
    assert offered_answers(("right_to_lawyer", "find_legal_aid")) == ["right_to_lawyer", "find_legal_aid"]


@pytest.mark.asyncio
async def test_have_an_office_contact_me_is_offered_only_where_one_takes_requests(
    project_content, tmp_path, monkeypatch
):
    """Stop 47's blind test: "necesito un abogado" offered "Que una oficina legal me contacte", and picking it said
    that no office can receive a request (none does in the default directory)."""
    from tests.bot.handoff.conftest import write_directory

    unsure = [("nlu_fallback", 0.45), ("find_legal_aid", 0.4), ("human_handoff", 0.38)]
    dispatcher = CollectingDispatcher()
    await ActionOfferBoth().run(dispatcher, make_tracker(unsure, "es"), {})
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/find_legal_aid", "/right_to_lawyer"]
    monkeypatch.setenv("KYR_DIRECTORY_PATH", str(write_directory(tmp_path / "directory.yml", "http://127.0.0.1:9")))
    dispatcher = CollectingDispatcher()
    await ActionOfferBoth().run(dispatcher, make_tracker(unsure, "es"), {})
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == ["/find_legal_aid", "/human_handoff"]
