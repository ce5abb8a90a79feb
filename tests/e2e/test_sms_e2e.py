"""SMS end to end: Twilio-signed form posts to the real Rasa server, TwiML back, tracker checked.

Uses the session ``stack`` from tests/e2e/conftest.py (real Rasa + action servers). The server
signs-checks with env TWILIO_AUTH_TOKEN against env KYR_TWILIO_WEBHOOK_URL, so the test signs
with exactly those. Phone numbers are fake (555-01XX).
"""

from __future__ import annotations

import json
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import requests
from twilio.request_validator import RequestValidator

from bot.channels.sms import measure
from tests.support.phones import fake_phone

QUESTION_ES = "mi terapeuta le puede dar mis notas a ICE?"
LOCATION = {
    "FromCity": "SAN DIEGO",
    "FromState": "CA",
    "FromZip": "92101",
    "FromCountry": "US",
    "ToCity": "BROWNSVILLE",
    "ToState": "TX",
    "ToZip": "78520",
    "ToCountry": "US",
}
LOCATION_KEYS = list(LOCATION)
LOCATION_VALUES = ["SAN DIEGO", "92101", "BROWNSVILLE", "78520"]


def twilio_form(stack: Any, phone: str, body: str) -> dict[str, str]:
    sid = f"SM{random.getrandbits(128):032x}"
    return {
        "AccountSid": stack.env["TWILIO_ACCOUNT_SID"],
        "ApiVersion": "2010-04-01",
        "MessageSid": sid,
        "SmsMessageSid": sid,
        "SmsSid": sid,
        "SmsStatus": "received",
        "NumMedia": "0",
        "NumSegments": "1",
        "From": phone,
        "To": stack.env["TWILIO_NUMBER"],
        "Body": body,
        **LOCATION,
    }


def post_sms(stack: Any, form: dict[str, str], signature: str) -> requests.Response:
    return requests.post(
        f"{stack.rasa_url}/webhooks/twilio/webhook", data=form, headers={"X-Twilio-Signature": signature}, timeout=60
    )


def sign(stack: Any, form: dict[str, str]) -> str:
    return RequestValidator(stack.env["TWILIO_AUTH_TOKEN"]).compute_signature(stack.env["KYR_TWILIO_WEBHOOK_URL"], form)


def twiml_messages(text: str) -> list[str]:
    root = ET.fromstring(text)
    assert root.tag == "Response"
    return [m.text or "" for m in root.findall("Message")]


def hashed_id(stack: Any, phone: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The sender id the server derived, computed with the server's key (its secrets folder)."""
    from bot.privacy.pseudonym import sender_id_for_phone

    monkeypatch.delenv("KYR_SENDER_HASH_KEY", raising=False)
    monkeypatch.delenv("KYR_ENV", raising=False)
    for name in ("KYR_SENDER_HASH_KEY", "KYR_SECRETS_DIR"):
        if stack.env.get(name):
            monkeypatch.setenv(name, stack.env[name])
    return sender_id_for_phone(phone)


def files_containing(folder: Path, needles: list[str]) -> list[str]:
    """Files holding a needle. A number counts only standing alone: "78520" inside a timestamp
    (1764778520.1) or a hex id is not a ZIP code, and matched at random as the database grew."""
    patterns = [
        (n, re.compile(rb"(?<![0-9a-f])" + re.escape(n.encode()) + rb"(?![0-9a-f])") if n.isdigit() else None)
        for n in needles
    ]
    hits = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits += [f"{path.name}: {n}" for n, rx in patterns if (rx.search(data) if rx else n.encode() in data)]
    return hits


def test_signed_spanish_sms_gets_spanish_twiml_within_three_segments(
    stack: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    phone = fake_phone()
    form = twilio_form(stack, phone, QUESTION_ES)
    response = post_sms(stack, form, sign(stack, form))
    assert response.status_code == 200, response.text[:200]
    assert "xml" in response.headers.get("content-type", "")
    messages = twiml_messages(response.text)
    assert messages, "the bot sent no SMS"
    for i, body in enumerate(messages, 1):
        size = measure(body)
        print(f"SMS {i}: {size.encoding}, {size.units} units, {size.segments} segment(s)")
        assert 1 <= size.segments <= 3, body

    sender = hashed_id(stack, phone, monkeypatch)
    tracker = stack.tracker(sender)
    events = tracker["events"]
    users = [e for e in events if e.get("event") == "user"]
    bots = [e for e in events if e.get("event") == "bot"]
    assert [u.get("text") for u in users] == [QUESTION_ES]
    assert users[0].get("input_channel") == "twilio"
    assert bots, "no bot events"
    for event in bots:
        metadata = event.get("metadata") or {}
        assert metadata.get("topic"), event
        assert metadata.get("lang") == "es", event
    # The first answer is about therapy notes (a privacy notice may come before it).
    assert any((e.get("metadata") or {}).get("topic") == "therapy_notes_ice" for e in bots)

    dumped = json.dumps(tracker, ensure_ascii=False)
    digits = phone.lstrip("+")
    for needle in [phone, digits, digits[1:], form["MessageSid"], *LOCATION_KEYS, *LOCATION_VALUES]:
        assert needle not in dumped, needle
    for user in users:
        assert not set(user.get("metadata") or {}) & set(LOCATION_KEYS)

    # Nothing the servers wrote (databases, logs) holds the number or the location.
    assert files_containing(stack.data_dir, [phone, digits, *LOCATION_VALUES]) == []
    assert files_containing(stack.log_dir, [phone, digits, *LOCATION_VALUES]) == []


def test_forged_sms_is_rejected_and_leaves_no_trace(stack: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    phone = fake_phone()
    form = twilio_form(stack, phone, QUESTION_ES)
    forged = RequestValidator("not-the-real-token").compute_signature(stack.env["KYR_TWILIO_WEBHOOK_URL"], form)
    assert post_sms(stack, form, forged).status_code == 403
    assert post_sms(stack, form, "").status_code == 403
    wrong_url = RequestValidator(stack.env["TWILIO_AUTH_TOKEN"]).compute_signature(
        "https://attacker.example.org/webhooks/twilio/webhook", form
    )
    assert post_sms(stack, form, wrong_url).status_code == 403

    events = stack.tracker(hashed_id(stack, phone, monkeypatch)).get("events") or []
    assert [e for e in events if e.get("event") in ("user", "bot")] == []


def test_keywords_opt_out_and_inverted_exclamation_over_the_real_stack(
    stack: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    phone = fake_phone()
    for body, expect_reply in (("¡Hola!", True), ("AYUDA", True), ("STOP", False)):
        form = twilio_form(stack, phone, body)
        response = post_sms(stack, form, sign(stack, form))
        assert response.status_code == 200
        messages = twiml_messages(response.text)
        assert bool(messages) is expect_reply, (body, messages)
        assert all(measure(m).segments <= 3 for m in messages)

    users = [e for e in stack.tracker(hashed_id(stack, phone, monkeypatch))["events"] if e.get("event") == "user"]
    assert [u.get("text") for u in users] == ["¡Hola!", '/menu{"language":"es"}']  # "¡" kept; STOP never reached Rasa
