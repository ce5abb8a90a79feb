"""The real Rasa and action servers, talked to through the REST channel as a client would."""

from __future__ import annotations

import requests

SPANISH_MARKERS = ("abogad", "terapeuta", "notas", "puede", "tus", "que")


def assert_every_bot_event_has_metadata(stack, sender):
    events = stack.bot_events(sender)
    assert events, "no bot events in the tracker"
    for event in events:
        assert event["metadata"].get("topic"), event
        assert event["metadata"].get("lang") in ("en", "es"), event


def test_first_english_question_is_answered_in_that_turn(stack):
    sender = stack.new_sender()
    replies = stack.rest(sender, "Can ICE get the notes my therapist writes about me?")
    text = " ".join(r.get("text", "") for r in replies)
    assert "ICE" in text
    last = stack.bot_events(sender)[-1]["metadata"]
    assert last["topic"] == "therapy_notes_ice" and last["lang"] == "en"
    assert_every_bot_event_has_metadata(stack, sender)
    assert "988" not in text  # not the crisis answer


def test_the_issue_examples_get_the_therapy_notes_answer_in_their_language(stack):
    """Issue 2's "done means", verbatim: the answer, its topic and its language in the tracker."""
    for message, lang, marker in (
        ("¿Pueden ver mis notas de terapia en migración?", "es", "notas de terapia"),
        ("Can immigration see my therapy notes?", "en", "therapy notes"),
    ):
        sender = stack.new_sender()
        text = " ".join(r.get("text", "") for r in stack.rest(sender, message))
        assert marker in text, text
        last = stack.bot_events(sender)[-1]["metadata"]
        assert (last["topic"], last["lang"]) == ("therapy_notes_ice", lang)


def test_first_spanish_question_is_answered_in_spanish(stack):
    sender = stack.new_sender()
    replies = stack.rest(sender, "tengo derecho a un abogado gratis?")
    text = " ".join(r.get("text", "") for r in replies).lower()
    assert any(marker in text for marker in SPANISH_MARKERS), text
    events = stack.bot_events(sender)
    assert events[-1]["metadata"] == {**events[-1]["metadata"], "topic": "right_to_lawyer", "lang": "es"}
    assert stack.tracker(sender)["slots"]["language"] == "es"


def test_short_replies_keep_the_conversation_language(stack):
    sender = stack.new_sender()
    stack.rest(sender, "quien puede ver mi expediente en el albergue?")
    stack.rest(sender, "ok")
    stack.rest(sender, "si")
    assert {e["metadata"]["lang"] for e in stack.bot_events(sender)} == {"es"}
    assert stack.tracker(sender)["slots"]["language"] == "es"


def test_explicit_language_switch_and_button_payload(stack):
    sender = stack.new_sender()
    stack.rest(sender, "what is a child advocate?")
    stack.rest(sender, "español")
    assert stack.bot_events(sender)[-1]["metadata"]["lang"] == "es"
    stack.rest(sender, '/choose_language{"language":"en"}')
    assert stack.bot_events(sender)[-1]["metadata"] == {
        **stack.bot_events(sender)[-1]["metadata"],
        "lang": "en",
        "topic": "choose_language",
    }


def test_crisis_wins_in_both_languages(stack):
    for message, lang in [("i want to kil myself tonight", "en"), ("ya no quiero vivir, me quiero matar", "es")]:
        sender = stack.new_sender()
        replies = stack.rest(sender, message)
        assert "988" in " ".join(r.get("text", "") for r in replies)
        assert stack.bot_events(sender)[-1]["metadata"]["topic"] == "crisis"
        assert stack.bot_events(sender)[-1]["metadata"]["lang"] == lang


def test_deep_link_payload_with_language_entity(stack):
    sender = stack.new_sender()
    stack.rest(sender, '/therapy_notes_ice{"language":"es"}')
    last = stack.bot_events(sender)[-1]["metadata"]
    assert last["topic"] == "therapy_notes_ice" and last["lang"] == "es"


def test_more_offers_next_questions(stack):
    sender = stack.new_sender()
    stack.rest(sender, "is what i tell my counselor private?")
    replies = stack.rest(sender, "what else?")
    assert any(r.get("buttons") for r in replies)
    assert stack.bot_events(sender)[-1]["metadata"]["topic"] == "menu"


def test_http_api_requires_the_token(stack):
    sender = stack.new_sender()
    stack.rest(sender, "hello")
    assert requests.get(f"{stack.rasa_url}/conversations/{sender}/tracker", timeout=10).status_code == 401
    assert (
        requests.get(
            f"{stack.rasa_url}/conversations/{sender}/tracker", params={"token": "wrong"}, timeout=10
        ).status_code
        == 401
    )


def test_crisis_interrupts_a_form_and_the_form_continues(stack):
    sender = stack.new_sender()
    stack.rest(sender, "i need a free legal aid organization near me")
    assert stack.tracker(sender)["active_loop"].get("name") == "legal_aid_form"
    replies = stack.rest(sender, "someone is hurting me right now")
    assert "988" in " ".join(r.get("text", "") for r in replies)
    topics = [e["metadata"]["topic"] for e in stack.bot_events(sender)]
    assert "crisis" in topics
    assert stack.tracker(sender)["active_loop"].get("name") == "legal_aid_form"


def test_cors_allows_only_the_web_page_origin(stack):
    url = f"{stack.rasa_url}/webhooks/rest/webhook"
    body = {"sender": stack.new_sender("cors"), "message": "hi"}
    own = requests.post(url, json=body, headers={"Origin": stack.env["KYR_PUBLIC_URL"]}, timeout=30)
    assert own.headers.get("Access-Control-Allow-Origin") == stack.env["KYR_PUBLIC_URL"]
    other = requests.post(url, json=body, headers={"Origin": "https://elsewhere.example"}, timeout=30)
    assert other.headers.get("Access-Control-Allow-Origin") in (None, "")
