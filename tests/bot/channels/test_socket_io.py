"""socket.io gets the same length cap as REST and SMS (issue #15: one 30,000-character message
over socket.io blocked every conversation for 31.7 s)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import List

import pytest
import yaml
from rasa.core.channels.channel import UserMessage

from bot import settings
from bot.channels.inbound import cap_message, clean_user_text, screen_payload
from bot.channels.rest import BadRequest, parse_body
from bot.channels.socket_io import MAX_PAYLOAD_BYTES, CappedSocketIOInput

ROOT = Path(__file__).resolve().parents[3]


def socketio_credentials() -> dict:
    channels = yaml.safe_load((ROOT / "credentials.yml").read_text())
    assert "socketio" not in channels, "Rasa's uncapped socket.io channel is configured"
    assert channels["bot.channels.socket_io.CappedSocketIOInput"]["session_persistence"] is True
    return channels["bot.channels.socket_io.CappedSocketIOInput"]


async def send(text: object) -> List[UserMessage]:
    received: List[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        received.append(message)

    channel = CappedSocketIOInput.from_credentials(socketio_credentials())
    channel.blueprint(on_new_message)
    handler = channel.sio.handlers["/"][channel.user_message_evt]
    await handler("sid-1", {"message": text, "session_id": "session-1"})
    return received


async def test_a_huge_socketio_message_is_cut_to_the_cap() -> None:
    [message] = await send("word " * 6000)
    assert 0 < len(message.text) <= settings.max_message_chars()
    assert message.input_channel == "socketio" and message.sender_id == "session-1"


@pytest.mark.parametrize("text", [None, 42, {"text": "hi"}, "   "])
async def test_a_socketio_message_without_text_never_reaches_the_bot(text: object) -> None:
    assert await send(text) == []


def test_engineio_packets_are_capped() -> None:
    channel = CappedSocketIOInput.from_credentials(socketio_credentials())
    channel.blueprint(lambda message: None)
    assert channel.sio.eio.max_http_buffer_size == MAX_PAYLOAD_BYTES


async def test_rest_socketio_and_sms_share_one_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYR_MAX_MESSAGE_CHARS", "40")
    long_text = "palabra " * 100
    rest = parse_body(json.dumps({"sender": "web-1", "message": long_text}).encode())["message"]
    [socket] = await send(long_text)
    sms, cut = cap_message(long_text)  # what the SMS channel calls (tests/bot/channels/test_twilio_sms.py)
    assert cut and rest == socket.text == sms and 0 < len(sms) <= 40


# -- Only our own payloads start with "/" (issue #15, medium 5) -----------------------------------
@pytest.mark.parametrize("text", ["/greet", '/menu{"language":"es"}', '/choose_language{"language": "en"}',
                                  "/therapy_privacy", "/delete_my_data"])
def test_our_payloads_pass_unchanged(text: str) -> None:
    assert clean_user_text(text) == (text, False)


@pytest.mark.parametrize("text,expected", [
    ("/the gang killed my brother", "the gang killed my brother"),  # the safety net must see it
    ("/not_an_intent", "not_an_intent"),
    ("//greet", "greet"),
    ('/greet{"language":"la pandilla"}', 'greet{"language":"la pandilla"}'),  # entity values: only a language
    ('/greet{"language":"fr"}', 'greet{"language":"fr"}'),
    ("hola /menu", "hola /menu"),
])
def test_any_other_slash_text_reaches_the_bot_as_text(text: str, expected: str) -> None:
    assert clean_user_text(text)[0] == expected


async def test_every_channel_unmasks_a_fake_payload() -> None:
    text = "/la pandilla mató a mi hermano"
    assert parse_body(json.dumps({"sender": "web-1", "message": text}).encode())["message"] == text[1:]
    [socket] = await send(text)
    assert socket.text == text[1:]
    assert screen_payload(text) == text[1:]  # the SMS channel's first step (test_twilio_sms.py covers the rest)


@pytest.mark.parametrize("text", ["/", " / "])
def test_a_bare_slash_is_an_empty_message(text: str) -> None:
    with pytest.raises(BadRequest):
        parse_body(json.dumps({"sender": "web-1", "message": text}).encode())


def test_leading_whitespace_does_not_hide_a_fake_payload() -> None:
    assert clean_user_text("  \n/the gang killed my brother")[0] == "the gang killed my brother"
