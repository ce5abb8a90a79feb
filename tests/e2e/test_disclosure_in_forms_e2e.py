"""A child's story typed as a form answer is answered by the disclosure guard and never kept
(issue #15, high): both forms, both languages, REST, SMS and socket.io. The sentence must not be
in the tracker API nor in any file the bot wrote, and the form asks its question again."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.e2e.test_sms_e2e import hashed_id, post_sms, sign, twilio_form, twiml_messages
from tests.e2e.test_socketio_e2e import converse, new_session
from tests.support.phones import fake_phone

START = {
    ("legal_aid_form", "en"): "where can i find legal help near me",
    ("legal_aid_form", "es"): "donde encuentro ayuda legal cerca de mi",
    ("handoff_form", "en"): "i want a lawyer to call me",
    ("handoff_form", "es"): "quiero que un abogado me llame",
}
# The finding's own example; "Fakeburg" makes the sentence unique to this test.
STORY = {
    "en": "the gang in Fakeburg killed my brother in front of me and I ran away",
    "es": "la pandilla de Fakeburg mató a mi hermano frente a mí y me escapé",
}
NEEDLES = ["Fakeburg", "killed my brother", "mató a mi hermano", "mat\\u00f3 a mi hermano"]


def leaks(stack: Any) -> list[str]:
    hits = []
    for path in stack.data_dir.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            hits += [f"{path.name}: {n}" for n in NEEDLES if n.encode("utf-8") in raw or n.encode("utf-16-le") in raw]
    return hits


def check(stack: Any, sender: str, form: str) -> None:
    tracker = stack.tracker(sender)
    dumped = json.dumps(tracker, ensure_ascii=False)
    assert not [n for n in NEEDLES if n in dumped], "the story is in the tracker API"
    assert tracker["active_loop"].get("name") == form, "the form should go on after the guard's answer"
    story_turn = [e for e in tracker["events"] if e.get("event") == "user"][-1]
    assert story_turn["parse_data"]["intent"]["name"] == "disclosure_guard"
    later = tracker["events"][tracker["events"].index(story_turn) :]
    topics = [e["metadata"].get("topic") for e in later if e.get("event") == "bot"]
    assert topics and topics[0] == "disclosure_guard", topics  # the guard answers first
    assert len(topics) >= 2, "the form asks its question again"
    assert not [
        e
        for e in later
        if e.get("event") == "slot"
        and isinstance(e.get("value"), str)
        and e["name"] not in ("requested_slot", "language")
    ]
    assert leaks(stack) == []


@pytest.mark.parametrize("form,lang", sorted(START))
def test_rest(stack: Any, form: str, lang: str) -> None:
    sender = stack.new_sender(f"story-rest-{lang}")
    stack.rest(sender, START[(form, lang)])
    assert stack.tracker(sender)["active_loop"].get("name") == form
    stack.rest(sender, STORY[lang])
    check(stack, sender, form)


@pytest.mark.parametrize("form,lang", sorted(START))
def test_sms(stack: Any, form: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    phone = fake_phone()
    for text in (START[(form, lang)], STORY[lang]):
        sms = twilio_form(stack, phone, text)
        response = post_sms(stack, sms, sign(stack, sms))
        assert response.status_code == 200 and twiml_messages(response.text)
    check(stack, hashed_id(stack, phone, monkeypatch), form)


@pytest.mark.asyncio
@pytest.mark.parametrize("form,lang", sorted(START))
async def test_socketio(stack: Any, form: str, lang: str) -> None:
    session_id = await new_session(stack.rasa_url)
    await converse(stack.rasa_url, session_id, [START[(form, lang)], STORY[lang]])
    check(stack, session_id, form)
