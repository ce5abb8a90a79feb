"""Planted fake personal data through every channel (REST, socket.io, SMS, a consented handoff):
afterwards no file the bot wrote (databases, keys folder excluded) and no log line holds any of it."""

from __future__ import annotations

import time

import pytest

from tests.e2e.test_handoff_e2e import PHONE, converse_to_summary, texts, wait_for
from tests.e2e.test_sms_e2e import post_sms, sign, twilio_form
from tests.e2e.test_socketio_e2e import converse, new_session

PLANTED = {
    "name": "Wendelina Fakeperson",
    "typed_phone": "(210) 555-0177",
    "typed_phone_digits": "2105550177",
    "sms_sender": "+12105550188",
    "sms_sender_digits": "2105550188",
    "email": "wendelina.fake@example.net",
    "a_number": "A 087 654 329",
    "a_digits": "087654329",
    "dob": "14 de marzo de 2009",
    "street": "1234 Calle Ficticia",
    "handoff_contact": PHONE,
    "handoff_contact_digits": PHONE.lstrip("+1"),
}


def planted_hits(*folders) -> list:
    hits = []
    for folder in folders:
        for path in folder.rglob("*"):
            if not path.is_file():
                continue
            raw = path.read_bytes()
            for kind, value in PLANTED.items():
                if value.encode("utf-8") in raw or value.encode("utf-16-le") in raw:
                    hits.append(f"{path.relative_to(folder.parent)}: {kind}")
    return hits


@pytest.mark.asyncio
async def test_planted_data_on_every_channel_reaches_no_file_or_log(stack, receiver):
    # The launched bot (run.sh) delivers with its own worker to the session's reference receiver.
    before = len(receiver.received)
    # REST (the web page's channel)
    rest_sender = stack.new_sender("plant-rest")
    stack.rest(rest_sender, f"me llamo {PLANTED['name']}, mi numero es {PLANTED['typed_phone']}")
    stack.rest(rest_sender, f"mi A number es {PLANTED['a_number']} y naci el {PLANTED['dob']}")
    # socket.io
    await converse(
        stack.rasa_url,
        await new_session(stack.rasa_url),
        [
            f"my name is {PLANTED['name']} and my email is {PLANTED['email']}",
            f"i live at {PLANTED['street']}, can ICE see my therapy notes?",
        ],
    )
    # SMS: the sender's own number is planted too
    for body in (f"hola soy {PLANTED['name']}", f"mi correo {PLANTED['email']} y mi A# {PLANTED['a_number']}"):
        form = twilio_form(stack, PLANTED["sms_sender"], body)
        assert post_sms(stack, form, sign(stack, form)).status_code == 200
    # A consented handoff: the contact is sent to the organization, and kept only encrypted
    handoff_sender = stack.new_sender("plant-handoff")
    converse_to_summary(stack, handoff_sender)
    assert "KYR-" in texts(stack.rest(handoff_sender, "sí"))
    assert wait_for(lambda: len(receiver.received) > before)
    delivered = receiver.received[before:]
    assert any(item["contact"]["value"] == PHONE for item in delivered)

    time.sleep(1)  # let the servers flush their logs
    hits = planted_hits(stack.data_dir, stack.log_dir)
    assert hits == [], f"planted values found: {hits}"
