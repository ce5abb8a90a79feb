"""Issue 11 item 10: the six added topics are answered end to end, on REST and on signed SMS.

For each topic, one English and one Spanish typed question (not training lines) must get that
topic's answer: on REST the full text, on SMS the short form, each with the topic and language
in the bot events' metadata (read back through the tracker API). Uses the session ``stack`` of
tests/e2e/conftest.py and the Twilio helpers of test_sms_e2e.py.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot import content
from bot.channels.sms_render import clean_outbound
from tests.e2e.test_sms_e2e import hashed_id, post_sms, sign, twilio_form, twiml_messages
from tests.support.phones import fake_phone

QUESTIONS = [
    ("turning_18", "en", "What will happen to me when I turn 18 in ORR custody?"),
    ("turning_18", "es", "que me pasa si cumplo 18 años en el albergue?"),
    ("held_by_cbp_ice", "en", "Border patrol is holding my son, what rules protect him?"),
    ("held_by_cbp_ice", "es", "la patrulla fronteriza tiene a mi hija, que reglas la protegen?"),
    ("after_release", "en", "I just got out of the shelter, what do I need to do now?"),
    ("after_release", "es", "acabo de salir del albergue, que tengo que hacer ahora?"),
    ("asylum_interview", "en", "Will they compare my asylum interview with what I said in therapy?"),
    ("asylum_interview", "es", "van a comparar mi entrevista de asilo con lo que dije en terapia?"),
    ("sponsor_vetting", "en", "What does ORR check before someone can be a sponsor?"),
    ("sponsor_vetting", "es", "que revisa ORR antes de aprobar a un patrocinador?"),
    ("hipaa", "en", "Doesn't HIPAA keep my counseling notes private?"),
    ("hipaa", "es", "HIPAA no protege mi informacion de terapia?"),
]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module", autouse=True)
def real_content() -> None:
    content.load(content.LOCALES_DIR, force=True)  # other tests may have loaded a fixture directory


def rest_answer(stack: Any, sender: str, question: str, topic: str) -> list[dict[str, Any]]:
    """The replies to ``question``; when the bot offers two answers (sponsor checks or sponsor privacy?),
    the user presses this topic's button, as on the web page."""
    replies = stack.rest(sender, question)
    if stack.bot_events(sender)[-1]["metadata"].get("topic") == "clarify":
        assert f"/{topic}" in {b["payload"] for r in replies for b in r.get("buttons", [])}, replies
        replies = stack.rest(sender, f"/{topic}")
    return replies


def sms_answer(stack: Any, phone: str, question: str, topic: str, lang: str) -> str:
    """The TwiML text answering ``question``; when it offers two answers as numbered options, the user
    replies with this topic's number."""
    form = twilio_form(stack, phone, question)
    response = post_sms(stack, form, sign(stack, form))
    assert response.status_code == 200, response.text[:200]
    received = flat(" ".join(twiml_messages(response.text)))
    title = clean_outbound(content.answer(topic, lang).title)
    picked = re.search(rf"(\d+)\W+{re.escape(flat(title))}", received)
    if picked and content.t("common.offer_both", lang).split(":")[0] in received:
        form = twilio_form(stack, phone, picked.group(1))
        response = post_sms(stack, form, sign(stack, form))
        assert response.status_code == 200, response.text[:200]
        received = flat(" ".join(twiml_messages(response.text)))
    return received


def assert_answered(bots: list[dict[str, Any]], topic: str, lang: str) -> None:
    metadata = [e.get("metadata") or {} for e in bots]
    assert metadata, "no bot events in the tracker"
    assert {m.get("lang") for m in metadata} == {lang}, metadata
    # The answer is the last reply (a first-contact privacy notice shares its message).
    assert metadata[-1].get("topic") == topic, metadata


@pytest.mark.parametrize("topic,lang,question", QUESTIONS, ids=[f"{topic}-{lang}" for topic, lang, _ in QUESTIONS])
def test_rest_gets_the_full_answer_with_topic_and_language(stack: Any, topic: str, lang: str, question: str) -> None:
    sender = stack.new_sender("topics")
    text = flat(" ".join(r.get("text", "") for r in rest_answer(stack, sender, question, topic)))
    full = content.fill(content.answer(topic, lang).full, **content.dynamic_params())
    for paragraph in (full.split("\n\n")[0], full.split("\n\n")[-1]):
        assert flat(paragraph) in text, (paragraph, text[:300])
    assert_answered(stack.bot_events(sender), topic, lang)


@pytest.mark.parametrize("topic,lang,question", QUESTIONS, ids=[f"{topic}-{lang}" for topic, lang, _ in QUESTIONS])
def test_signed_sms_gets_the_short_answer_with_topic_and_language(
    stack: Any, monkeypatch: pytest.MonkeyPatch, topic: str, lang: str, question: str
) -> None:
    phone = fake_phone()  # never repeats within the session
    received = sms_answer(stack, phone, question, topic, lang)
    short = clean_outbound(content.fill(content.answer(topic, lang).short, **content.dynamic_params()))
    assert flat(short) in received, (short, received)
    full_start = flat(content.answer(topic, lang).full.split("\n\n")[0])
    assert full_start not in received  # the SMS carries the short form, not the web text

    events = stack.tracker(hashed_id(stack, phone, monkeypatch))["events"]
    assert {e.get("input_channel") for e in events if e.get("event") == "user"} == {"twilio"}
    assert_answered([e for e in events if e.get("event") == "bot"], topic, lang)
