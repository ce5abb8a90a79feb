"""socket.io gets the same length cap as REST and SMS (issue #15: one 30,000-character message
over socket.io blocked every conversation for 31.7 s)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.core.channels.channel import UserMessage

from bot import settings
from bot.channels import conversation_ids
from bot.channels.inbound import cap_message, clean_user_text, screen_payload
from bot.channels.rest import BadRequest, parse_body
from bot.channels.socket_io import MAX_PAYLOAD_BYTES, CappedSocketIOInput

ROOT = Path(__file__).resolve().parents[3]


def socketio_credentials() -> dict:
    channels = yaml.safe_load((ROOT / "credentials.yml").read_text())
    assert "socketio" not in channels, "Rasa's uncapped socket.io channel is configured"
    assert channels["bot.channels.socket_io.CappedSocketIOInput"]["session_persistence"] is True
    return channels["bot.channels.socket_io.CappedSocketIOInput"]


async def send(text: object) -> list[UserMessage]:
    received: list[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        received.append(message)

    channel, confirmed = socket_channel(on_new_message)
    await channel.sio.handlers["/"]["session_request"]("sid-1", {"session_id": "session-1"})
    await channel.sio.handlers["/"][channel.user_message_evt]("sid-1", {"message": text, "session_id": "session-1"})
    return received


def socket_channel(on_new_message) -> tuple[CappedSocketIOInput, list[tuple[str, Any]]]:
    """The channel as Rasa builds it, with what it emits recorded (no client connected)."""
    channel = CappedSocketIOInput.from_credentials(socketio_credentials())
    channel.blueprint(on_new_message)
    emitted: list[tuple[str, Any]] = []

    async def emit(event: str, data: Any = None, room: Any = None, namespace: Any = None, **_: Any) -> None:
        emitted.append((event, data))

    channel.sio.emit = emit  # type: ignore[method-assign]
    channel.sio.enter_room = channel.sio.leave_room = lambda *args, **kwargs: None  # type: ignore[method-assign]
    return channel, emitted


async def test_the_server_issues_socket_ids_and_messages_go_to_the_sockets_own_conversation() -> None:
    """Issue 15 (medium 4): no client-chosen id, no other channel's id, no message into another conversation."""
    received: list[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        received.append(message)

    channel, emitted = socket_channel(on_new_message)
    request = channel.sio.handlers["/"]["session_request"]
    message = channel.sio.handlers["/"][channel.user_message_evt]
    await message("sid-0", {"message": "hola", "session_id": "whatever"})  # before session_request: ignored
    await request("sid-1", {"session_id": "chosen-by-client"})
    issued = emitted[-1][1]
    assert emitted[-1][0] == "session_confirm" and issued != "chosen-by-client"
    assert conversation_ids.is_valid(issued, conversation_ids.SOCKET)
    await request("sid-2", {"session_id": issued})  # resuming an id this server issued for socket.io
    assert emitted[-1][1] == issued
    web = conversation_ids.issue(conversation_ids.WEB)
    await request("sid-3", {"session_id": web})  # a REST id is not a socket.io id
    attacker = emitted[-1][1]
    assert attacker not in (web, issued)
    await message("sid-3", {"message": "please delete my data", "session_id": issued})
    assert [m.sender_id for m in received] == [attacker]


async def test_a_huge_socketio_message_is_cut_to_the_cap() -> None:
    [message] = await send("word " * 6000)
    assert 0 < len(message.text) <= settings.max_message_chars()
    assert message.input_channel == "socketio" and conversation_ids.is_valid(message.sender_id, conversation_ids.SOCKET)


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
    rest = parse_body(
        json.dumps({"sender": conversation_ids.issue(conversation_ids.WEB), "message": long_text}).encode()
    )["message"]
    [socket] = await send(long_text)
    sms, cut = cap_message(long_text)  # what the SMS channel calls (tests/bot/channels/test_twilio_sms.py)
    assert cut and rest == socket.text == sms and 0 < len(sms) <= 40


# -- Only our own payloads start with "/" (issue #15, medium 5) -----------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "/greet",
        '/menu{"language":"es"}',
        '/choose_language{"language": "en"}',
        "/therapy_privacy",
        "/delete_my_data",
        '/out_of_scope{"follow_up":"telling_after_danger"}',  # a button for an answer that is no intent
    ],
)
def test_our_payloads_pass_unchanged(text: str) -> None:
    assert clean_user_text(text) == (text, False)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("/the gang killed my brother", "the gang killed my brother"),  # the safety net must see it
        ("/not_an_intent", "not_an_intent"),
        ("//greet", "greet"),
        ('/greet{"language":"la pandilla"}', 'greet{"language":"la pandilla"}'),  # entity values: only a language
        ('/greet{"language":"de"}', 'greet{"language":"de"}'),
        (
            '/inform{"form_answer":"i want to die"}',
            'inform{"form_answer":"i want to die"}',
        ),  # form answers: listed only
        ('/inform{"language":"en","form_answer":"yes"}', 'inform{"language":"en","form_answer":"yes"}'),
        ('/out_of_scope{"follow_up":"i want to die"}', 'out_of_scope{"follow_up":"i want to die"}'),  # listed only
        ("hola /menu", "hola /menu"),
    ],
)
def test_any_other_slash_text_reaches_the_bot_as_text(text: str, expected: str) -> None:
    assert clean_user_text(text)[0] == expected


async def test_every_channel_unmasks_a_fake_payload() -> None:
    text = "/la pandilla mató a mi hermano"
    assert (
        parse_body(json.dumps({"sender": conversation_ids.issue(conversation_ids.WEB), "message": text}).encode())[
            "message"
        ]
        == text[1:]
    )
    [socket] = await send(text)
    assert socket.text == text[1:]
    assert screen_payload(text) == text[1:]  # the SMS channel's first step (test_twilio_sms.py covers the rest)


@pytest.mark.parametrize("text", ["/", " / "])
def test_a_bare_slash_is_an_empty_message(text: str) -> None:
    with pytest.raises(BadRequest):
        parse_body(
            json.dumps({"sender": conversation_ids.issue(conversation_ids.WEB), "message": text}).encode()
        )  # valid id: the text is what fails


def test_leading_whitespace_does_not_hide_a_fake_payload() -> None:
    assert clean_user_text("  \n/the gang killed my brother")[0] == "the gang killed my brother"


async def test_socketio_limits_a_conversation_with_one_notice_then_silence(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15 (medium 6): over the limit the socket gets one notice (both languages), then nothing."""
    monkeypatch.setenv("KYR_RATE_LIMIT_MESSAGES", "2")
    received: list[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        received.append(message)

    channel, emitted = socket_channel(on_new_message)
    channel.sio.get_environ = lambda sid, namespace=None: {"REMOTE_ADDR": "198.51.100.7"}  # type: ignore[method-assign]
    await channel.sio.handlers["/"]["session_request"]("sid-1", {})
    for _ in range(4):
        await channel.sio.handlers["/"][channel.user_message_evt]("sid-1", {"message": "hola"})
    assert len(received) == 2
    notices = [data for event, data in emitted if event == channel.bot_message_evt]
    assert (
        len(notices) == 1 and "wait a few minutes" in notices[0]["text"] and "Espera unos minutos" in notices[0]["text"]
    )
