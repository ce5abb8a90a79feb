"""TwilioSmsInput over real HTTP: Twilio-format signed form posts in, TwiML out.

The bot is faked by the ``on_new_message`` handler (records the UserMessage it got and replies
through ``message.output_channel`` like Rasa's processor does). Phone numbers are fake 555 ones.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
from rasa.core.channels.channel import UserMessage, register
from sanic import Sanic
from twilio.request_validator import RequestValidator

from bot import content
from bot.channels.sms import measure
from bot.channels.sms_render import SmsCollectingOutput, render
from bot.channels.twilio_sms import TwilioSmsInput
from bot.form_answers import payload as form_payload
from bot.privacy.pseudonym import sender_id_for_phone

TOKEN = "test-auth-token-0123456789abcdef"
PUBLIC_URL = "https://sms.example.org/webhooks/twilio/webhook"
ACCOUNT_SID = "AC" + "0" * 32
PHONE = "+15555550123"
BOT_NUMBER = "+15555550100"
LOCATION = {
    "FromCity": "SAN DIEGO",
    "FromState": "CA",
    "FromZip": "92101",
    "FromCountry": "US",
    "ToCity": "BROWNSVILLE",
    "ToState": "TX",
    "ToZip": "",
    "ToCountry": "US",  # blank values are signed too
}
LOCATION_VALUES = ["SAN DIEGO", "92101", "BROWNSVILLE"]
THERAPY_BUTTONS = [
    {"title": "Is therapy private?", "payload": "/therapy_privacy"},
    {"title": "Can ICE get my notes?", "payload": "/therapy_notes_ice"},
]


def twilio_form(body: str, phone: str = PHONE, **extra: str) -> dict[str, str]:
    """The fields Twilio really posts for an inbound SMS."""
    sid = "SM" + uuid.uuid4().hex
    form = {
        "ToCountry": "US",
        "ToState": "TX",
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "ToCity": "BROWNSVILLE",
        "FromZip": "92101",
        "SmsSid": sid,
        "FromState": "CA",
        "SmsStatus": "received",
        "FromCity": "SAN DIEGO",
        "Body": body,
        "FromCountry": "US",
        "To": BOT_NUMBER,
        "ToZip": "",
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": ACCOUNT_SID,
        "From": phone,
        "ApiVersion": "2010-04-01",
    }
    form.update(LOCATION)
    form.update(extra)
    return form


def sign(params: dict[str, str], url: str = PUBLIC_URL, token: str = TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, params)


@dataclass
class FakeBot:
    """Stands in for the Rasa agent: records messages, replies via the output channel."""

    replies: Callable[[UserMessage], list[dict[str, Any]]] = lambda m: [{"text": "OK", "lang": "en"}]
    received: list[UserMessage] = field(default_factory=list)
    fail: bool = False

    async def __call__(self, message: UserMessage) -> None:
        self.received.append(message)
        if self.fail:
            raise RuntimeError("boom " + (message.text or ""))
        for reply in self.replies(message):
            await message.output_channel.send_response(message.sender_id, {"topic": "test", **reply})


@dataclass
class Reply:
    status: int
    text: str
    content_type: str

    @property
    def messages(self) -> list[str]:
        root = ET.fromstring(self.text)
        assert root.tag == "Response"
        return [m.text or "" for m in root.findall("Message")]


class Server:
    def __init__(self, channel: TwilioSmsInput, bot: FakeBot) -> None:
        self.channel, self.bot = channel, bot
        self.url = ""

    async def __aenter__(self) -> Server:
        Sanic.test_mode = True
        app = Sanic(f"sms_test_{uuid.uuid4().hex[:8]}")

        async def handler(message: UserMessage) -> None:
            await self.bot(message)

        app.ctx.agent = type("Agent", (), {"handle_message": staticmethod(handler)})()
        register([self.channel], app, route="/webhooks/")
        self._server = await app.create_server(host="127.0.0.1", port=0, return_asyncio_server=True, access_log=False)
        await self._server.startup()
        port = self._server.server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/webhooks/twilio/webhook"
        self._session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self._session.close()
        await self._server.close()

    async def post_raw(self, data: Any, headers: dict[str, str]) -> Reply:
        async with self._session.post(self.url, data=data, headers=headers) as resp:
            return Reply(resp.status, await resp.text(), resp.headers.get("content-type", ""))

    async def sms(self, body: str, phone: str = PHONE, signature: str | None = None, **extra: str) -> Reply:
        form = twilio_form(body, phone, **extra)
        return await self.post_raw(form, {"X-Twilio-Signature": signature if signature is not None else sign(form)})


def make_channel(**kwargs: Any) -> TwilioSmsInput:
    return TwilioSmsInput.from_credentials(
        {
            "account_sid": ACCOUNT_SID,
            "auth_token": TOKEN,
            "twilio_number": BOT_NUMBER,
            "public_webhook_url": PUBLIC_URL,
            **kwargs,
        }
    )


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.setenv("KYR_SENDER_HASH_KEY", "unit-test-sender-key")
    monkeypatch.setenv("KYR_SECRETS_DIR", str(tmp_path))
    monkeypatch.setenv("RASA_TELEMETRY_ENABLED", "false")
    monkeypatch.delenv("KYR_MAX_MESSAGE_CHARS", raising=False)


@pytest.fixture(autouse=True, scope="module")
def _real_sms_texts() -> None:
    # These tests check the real sms.<lang>.yml texts (other tests may have loaded fixture content).
    content.load(content.LOCALES_DIR, force=True)


# ------------------------------------------------------------------------------------ signature
@pytest.mark.asyncio
async def test_valid_signature_gets_twiml_reply() -> None:
    bot = FakeBot()
    async with Server(make_channel(), bot) as server:
        reply = await server.sms("Is therapy private?")
    assert reply.status == 200
    assert "xml" in reply.content_type
    assert reply.messages == ["OK"]
    assert len(bot.received) == 1
    assert bot.received[0].input_channel == "twilio"
    assert bot.received[0].output_channel.name() == "twilio"


@pytest.mark.asyncio
@pytest.mark.parametrize("case", ["forged", "missing", "wrong_url", "wrong_token", "tampered", "empty"])
async def test_bad_signature_is_rejected_and_nothing_processed(case: str) -> None:
    bot = FakeBot()
    channel = make_channel()
    async with Server(channel, bot) as server:
        form = twilio_form("hello")
        headers = {
            "forged": {"X-Twilio-Signature": "dGhpcyBpcyBub3QgYSBzaWduYXR1cmU="},
            "missing": {},
            "wrong_url": {"X-Twilio-Signature": sign(form, url="https://evil.example.org/webhooks/twilio/webhook")},
            "wrong_token": {"X-Twilio-Signature": sign(form, token="another-token")},
            "tampered": {"X-Twilio-Signature": sign(form)},
            "empty": {"X-Twilio-Signature": ""},
        }[case]
        if case == "tampered":
            form = {**form, "From": "+15555550199"}
        reply = await server.post_raw(form, headers)
    assert reply.status == 403
    assert bot.received == []
    assert len(channel.memory) == 0 and len(channel.limiter) == 0


@pytest.mark.asyncio
async def test_signature_for_another_account_is_rejected() -> None:
    bot = FakeBot()
    async with Server(make_channel(), bot) as server:
        form = twilio_form("hello", AccountSid="AC" + "1" * 32)
        reply = await server.post_raw(form, {"X-Twilio-Signature": sign(form)})
    assert reply.status == 403 and bot.received == []


def test_channel_refuses_to_start_without_token_or_url() -> None:
    from rasa.shared.exceptions import RasaException

    with pytest.raises(RasaException):
        TwilioSmsInput.from_credentials({"auth_token": TOKEN, "public_webhook_url": ""})
    with pytest.raises(RasaException):
        TwilioSmsInput.from_credentials({"auth_token": "", "public_webhook_url": PUBLIC_URL})
    assert TwilioSmsInput.name() == "twilio"
    assert make_channel().url_prefix() == "twilio"


@pytest.mark.asyncio
async def test_malformed_bodies_get_400() -> None:
    bot = FakeBot()
    async with Server(make_channel(), bot) as server:
        no_from = {k: v for k, v in twilio_form("hi").items() if k != "From"}
        replies = [
            await server.post_raw(
                '{"Body": "hi"}', {"X-Twilio-Signature": sign({}), "Content-Type": "application/json"}
            ),
            await server.post_raw(
                b"Body=\xff\xfe&From=x",
                {"X-Twilio-Signature": sign({}), "Content-Type": "application/x-www-form-urlencoded"},
            ),
            await server.post_raw(no_from, {"X-Twilio-Signature": sign(no_from)}),
        ]
    assert [r.status for r in replies] == [400, 400, 400]
    assert bot.received == []


# ------------------------------------------------------------------------------------ data minimisation
@pytest.mark.asyncio
async def test_sender_is_the_hash_and_location_fields_never_reach_rasa() -> None:
    bot = FakeBot()
    channel = make_channel()
    async with Server(channel, bot) as server:
        assert (await server.sms("hello")).status == 200
    message = bot.received[0]
    assert message.sender_id == sender_id_for_phone(PHONE)
    assert message.sender_id.startswith("sms-")
    assert not message.metadata  # no provider fields at all
    everything = repr({k: v for k, v in vars(message).items() if k != "output_channel"})
    for value in [PHONE, PHONE[1:], "5555550123", ACCOUNT_SID, "SM", *LOCATION_VALUES, *LOCATION]:
        assert value not in everything
    # in-memory state is keyed by the hash only
    assert channel.memory.keys() == [message.sender_id]


@pytest.mark.asyncio
async def test_inverted_exclamation_mark_arrives_intact() -> None:
    bot = FakeBot()
    async with Server(make_channel(), bot) as server:
        await server.sms("¡Hola! ¿Me pueden ayudar?")
    assert bot.received[0].text == "¡Hola! ¿Me pueden ayudar?"


# ------------------------------------------------------------------------------------ replies
@pytest.mark.asyncio
async def test_buttons_become_numbered_options_and_a_number_picks_one() -> None:
    bot = FakeBot(replies=lambda m: [{"text": "What do you want to know?", "buttons": THERAPY_BUTTONS, "lang": "en"}])
    async with Server(make_channel(), bot) as server:
        first = await server.sms("menu please")
        second = await server.sms(" 2 ")
        third = await server.sms("1.")
        out_of_range = await server.sms("7")
        two_digits = await server.sms("16")
    body = first.messages[0]
    assert "1 Is therapy private?" in body
    assert "2 Can ICE get my notes?" in body
    assert body.rstrip().endswith("Reply with a number.")
    # "7" after two options: told which numbers work, without a turn (QA session 30: the menu, no word why);
    # two digits are never a pick ("16" may be an age).
    assert out_of_range.messages == ["Reply with a number from 1 to 2, or type your question."]
    assert [m.text for m in bot.received[1:]] == ["/therapy_notes_ice", "/therapy_privacy", "16"]
    assert second.status == third.status == out_of_range.status == two_digits.status == 200


@pytest.mark.asyncio
async def test_an_out_of_range_number_at_a_form_question_is_the_forms_to_read() -> None:
    from bot.form_answers import payload

    ages = [
        {"title": "Under 18", "payload": payload("under 18")},
        {"title": "18 or older", "payload": payload("18 or older")},
    ]
    bot = FakeBot(replies=lambda m: [{"text": "Cuantos anos tienes?", "buttons": ages, "lang": "es"}])
    async with Server(make_channel(), bot) as server:
        await server.sms("quiero un abogado")
        await server.sms("9")
        await server.sms("3")
    assert [m.text for m in bot.received] == ["quiero un abogado", "9", "3"]


@pytest.mark.asyncio
async def test_the_out_of_range_notice_is_in_the_conversations_language() -> None:
    bot = FakeBot(replies=lambda m: [{"text": "Elige", "buttons": THERAPY_BUTTONS, "lang": "es"}])
    async with Server(make_channel(), bot) as server:
        await server.sms("hola")
        reply = await server.sms("0")
    assert reply.messages == ["Responde con un numero del 1 al 2, o escribe tu pregunta."]
    assert [m.text for m in bot.received] == ["hola"]


@pytest.mark.asyncio
async def test_number_without_pending_options_is_plain_text_and_options_expire() -> None:
    now = [0.0]
    from bot.channels.sms_memory import SenderMemory

    channel = make_channel()
    channel.memory = SenderMemory(ttl_seconds=60, clock=lambda: now[0])
    bot = FakeBot(
        replies=lambda m: (
            [{"text": "Pick one", "buttons": THERAPY_BUTTONS, "lang": "en"}]
            if m.text == "menu"
            else [{"text": "How old are you?", "lang": "en"}]
        )
    )
    async with Server(channel, bot) as server:
        await server.sms("16")  # nothing offered yet
        await server.sms("menu")
        now[0] = 61.0  # options forgotten after the TTL
        await server.sms("1")
        await server.sms("menu")
        await server.sms("something else")  # reply without buttons clears the options
        await server.sms("2")
    assert [m.text for m in bot.received] == ["16", "/menu", "1", "/menu", "something else", "2"]


@pytest.mark.asyncio
async def test_curly_quotes_become_gsm_and_spanish_options_hint() -> None:
    replies = {
        "en": [{"text": "It\u2019s \u201cprivate\u201d \u2014 mostly\u2026", "lang": "en"}],
        "es": [
            {
                "text": "¿Qué quieres saber?",
                "lang": "es",
                "buttons": [{"title": "¿Es privada la terapia?", "payload": "/therapy_privacy"}],
            }
        ],
    }
    bot = FakeBot(replies=lambda m: replies[m.text])
    async with Server(make_channel(), bot) as server:
        english = (await server.sms("en")).messages
        spanish = (await server.sms("es")).messages
    assert english == ['It\'s "private" - mostly...']
    assert measure(english[0]).encoding == "GSM-7"
    assert spanish == ["¿Qué quieres saber?\n1 ¿Es privada la terapia?\nResponde con un numero."]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "lang,sentence",
    [
        ("en", "Your therapist should keep what you say private, with some exceptions for safety. "),
        ("es", "Tu terapeuta debe mantener lo que dices en privado, con algunas excepciones por seguridad. "),
    ],
)
async def test_long_reply_is_split_into_messages_of_at_most_three_segments(lang: str, sentence: str) -> None:
    long_text = sentence * 12
    bot = FakeBot(replies=lambda m: [{"text": long_text, "lang": lang, "buttons": THERAPY_BUTTONS}])
    async with Server(make_channel(), bot) as server:
        reply = await server.sms("tell me everything")
    assert len(reply.messages) > 1
    for body in reply.messages:
        assert 1 <= measure(body).segments <= 3, (measure(body), body)
    joined = " ".join(reply.messages)
    assert joined.count(sentence.strip()) == 12  # nothing lost, split at sentence ends
    assert "1 Is therapy private?" in reply.messages[-1]


@pytest.mark.asyncio
async def test_reply_text_is_xml_escaped() -> None:
    tricky = 'Use <b> & "quotes" ]]> \x1b\x07 here'
    bot = FakeBot(replies=lambda m: [{"text": tricky, "lang": "en"}])
    async with Server(make_channel(), bot) as server:
        reply = await server.sms("x")
    assert reply.messages == ['Use <b> & "quotes" ]]>  here']
    assert "&lt;b&gt; &amp;" in reply.text


def test_render_packs_short_messages_without_extra_segments() -> None:
    bodies, payloads = render([{"text": "Hi.", "lang": "en"}, {"text": "Ask me anything.", "lang": "en"}], "en")
    assert bodies == ["Hi.\n\nAsk me anything."] and payloads == []
    # a UCS-2 neighbour (an emoji) must not turn a full GSM-7 English message into more segments
    english = "a" * 300
    bodies, _ = render([{"text": english, "lang": "en"}, {"text": "Sí 🙂", "lang": "es"}], "en")
    assert bodies == [english, "Sí 🙂"]
    # "Sí." is written "Si." (GSM-7, sms.plain_letters), so it joins the English message at no cost
    bodies, _ = render([{"text": english, "lang": "en"}, {"text": "Sí.", "lang": "es"}], "en")
    assert bodies == [f"{english}\n\nSi."]


@pytest.mark.asyncio
async def test_images_and_custom_payloads_are_not_sent() -> None:
    out = SmsCollectingOutput()
    await out.send_response("sms-x", {"image": "https://example.org/a.png"})
    await out.send_response("sms-x", {"custom": {"a": 1}})
    assert out.messages == []


# ------------------------------------------------------------------------------------ keywords
@pytest.mark.asyncio
@pytest.mark.parametrize(
    "typed,text,metadata",
    [
        ("AYUDA", '/menu{"language":"es"}', {"lang": "es"}),
        ("¡Ayúda!", '/menu{"language":"es"}', {"lang": "es"}),
        ("help", '/menu{"language":"en"}', {"lang": "en"}),
        ("Menú", "/menu", None),
        ("BORRAR", '/delete_my_data{"language":"es"}', {"lang": "es"}),
        ("borra", '/delete_my_data{"language":"es"}', {"lang": "es"}),
        ("Delete.", '/delete_my_data{"language":"en"}', {"lang": "en"}),
        ("help me with my case", "help me with my case", None),  # whole message only
    ],
)
async def test_keywords(typed: str, text: str, metadata: dict[str, str] | None) -> None:
    bot = FakeBot()
    async with Server(make_channel(), bot) as server:
        assert (await server.sms(typed)).status == 200
    assert bot.received[0].text == text
    assert (bot.received[0].metadata or None) == metadata


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "typed", ["STOP", "stop", "Stopall", "UNSUBSCRIBE", "cancel", "END", "quit", "START", "unstop"]
)
async def test_provider_keywords_get_empty_twiml_and_never_reach_the_bot(typed: str) -> None:
    bot = FakeBot()
    async with Server(make_channel(), bot) as server:
        reply = await server.sms(typed)
    assert reply.status == 200
    assert reply.messages == []
    assert bot.received == []


@pytest.mark.asyncio
@pytest.mark.parametrize("typed", ["STOP", "quit", "Unsubscribe"])
async def test_an_opt_out_at_a_forms_question_ends_the_questions_silently(typed: str) -> None:
    """Session 43's blind test: STOP in the middle of the lawyer questions left them open, so the next text after
    opting in again was read as an answer. The bot now reads a cancel word (its reply is not sent: Twilio answers);
    an opt-out after anything else reaches nothing (test above)."""
    question = [{"text": "Which state?", "lang": "en", "buttons": [{"title": "Skip", "payload": form_payload("skip")}]}]
    bot = FakeBot(replies=lambda m: question if m.text == "find a lawyer" else [{"text": "stopped", "lang": "en"}])
    async with Server(make_channel(), bot) as server:
        await server.sms("find a lawyer")
        reply = await server.sms(typed)
        again = await server.sms(typed)  # no question open any more: nothing runs
    assert reply.messages == [] and again.messages == []
    assert [m.text for m in bot.received] == ["find a lawyer", "cancel"]


@pytest.mark.asyncio
async def test_opt_out_word_with_other_text_is_not_swallowed() -> None:
    bot = FakeBot()
    async with Server(make_channel(), bot) as server:
        reply = await server.sms("Stop!")
        other = await server.sms("please stop asking")
    assert reply.messages == ["OK"] and other.messages == ["OK"]
    assert [m.text for m in bot.received] == ["Stop!", "please stop asking"]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("typed", "lang", "delete_word"),
    [("PARAR", "es", "BORRAR"), ("Pare", "pt", "APAGAR"), ("ARRÊT", "fr", "EFFACER"), ("rete", "ht", "EFASE")],
)
async def test_a_stop_word_the_carrier_does_not_read_gets_one_short_line(
    typed: str, lang: str, delete_word: str
) -> None:
    """Session 42's blind test: "PARAR" and "ARRET" got the whole greeting and menu. The bot still reads the word (a
    form ends on it); the user gets one line in the word's language: no more texts unless they write, how to erase."""
    bot = FakeBot(replies=lambda m: [{"text": "the whole menu", "lang": "en", "buttons": THERAPY_BUTTONS}])
    async with Server(make_channel(), bot) as server:
        reply = await server.sms(typed)
        await server.sms("1")
    assert [m.text for m in bot.received][0] == typed
    assert reply.messages == [content.t("sms.stopped", lang)]
    assert delete_word in reply.messages[0] and "the whole menu" not in reply.messages[0]
    assert bot.received[1].text == "1"  # the menu's options were never shown, so "1" picks none of them


@pytest.mark.asyncio
async def test_the_stop_line_and_delete_keyword_follow_the_chats_language() -> None:
    """ "PARAR" in an English chat gets the English line; "BORRAR" in an English chat deletes in English (the web does
    the same: session 42's blind test had a Spanish confirmation for an English-speaking user's "BORRAR")."""
    bot = FakeBot()
    async with Server(make_channel(), bot) as server:
        await server.sms("hi")
        stopped = await server.sms("parar")
        await server.sms("BORRAR")
    assert stopped.messages == [content.t("sms.stopped", "en")]
    assert bot.received[-1].text == '/delete_my_data{"language":"en"}'
    assert bot.received[-1].metadata == {"lang": "en"}


# ------------------------------------------------------------------------------------ limits
@pytest.mark.asyncio
async def test_rate_limit_one_polite_reply_then_silence() -> None:
    bot = FakeBot()
    async with Server(make_channel(rate_limit_messages=2, rate_limit_window_seconds=600), bot) as server:
        replies = [await server.sms(f"question {i}") for i in range(5)]
        other = await server.sms("hello", phone="+15555550124")
    assert [r.messages for r in replies[:2]] == [["OK"], ["OK"]]
    assert replies[2].messages == ["You sent many messages quickly. Please wait a few minutes, then write again."]
    assert replies[3].messages == [] and replies[4].messages == []
    assert all(r.status == 200 for r in replies)
    assert len(bot.received) == 3  # two from the first number, one from the other
    assert other.messages == ["OK"]


@pytest.mark.asyncio
async def test_rate_limit_notice_is_in_the_users_language() -> None:
    bot = FakeBot(replies=lambda m: [{"text": "Hola", "lang": "es"}])
    async with Server(make_channel(rate_limit_messages=1), bot) as server:
        await server.sms("hola")
        limited = await server.sms("otra pregunta")
    assert limited.messages == ["Enviaste muchos mensajes seguidos. Espera unos minutos y vuelve a escribir."]


@pytest.mark.asyncio
async def test_too_long_body_is_cut_and_user_told_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KYR_MAX_MESSAGE_CHARS", "50")
    bot = FakeBot()
    long_body = "word " * 60
    async with Server(make_channel(), bot) as server:
        first = await server.sms(long_body)
        second = await server.sms(long_body)
    assert all(len(m.text) <= 50 for m in bot.received)
    assert bot.received[0].text.startswith("word word")
    assert first.messages == ["Your message was long, so I only read the first 50 characters.", "OK"]
    assert second.messages == ["OK"]


@pytest.mark.asyncio
async def test_empty_body_gets_a_prompt_without_calling_the_bot() -> None:
    bot = FakeBot()
    async with Server(make_channel(), bot) as server:
        reply = await server.sms("   ", NumMedia="1")
    assert reply.messages == ["I got an empty message. Please write your question in words, or send MENU."]
    assert bot.received == []


@pytest.mark.asyncio
async def test_bot_failure_is_a_polite_200_not_a_5xx() -> None:
    bot = FakeBot(fail=True)
    async with Server(make_channel(), bot) as server:
        reply = await server.sms("¿mi terapeuta puede hablar con ICE?")
    assert reply.status == 200
    assert reply.messages == ["Perdon, algo salio mal. Intenta de nuevo en un minuto."]


@pytest.mark.asyncio
async def test_slow_turn_answers_before_twilios_timeout() -> None:
    async def slow(message: UserMessage) -> None:
        await asyncio.sleep(0.5)

    channel = make_channel(reply_timeout_seconds=0.1)
    bot = FakeBot()
    async with Server(channel, bot) as server:
        server.bot = slow  # type: ignore[assignment]
        reply = await server.sms("hello")
        await asyncio.sleep(0.6)  # the shielded turn finishes in the background
    assert reply.status == 200 and reply.messages == ["Sorry, something went wrong. Please try again in a minute."]


# ------------------------------------------------------------------------------------ logs
@pytest.mark.asyncio
async def test_no_log_record_contains_the_number_or_the_text(caplog: pytest.LogCaptureFixture) -> None:
    secret_text = "mi terapeuta le puede dar mis notas a ICE zebra42"
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    keep = Keep(level=logging.DEBUG)
    watched = [logging.getLogger(n) for n in ("", "sanic.root", "sanic.error", "sanic.access", "bot", "rasa")]
    for lg in watched:
        lg.addHandler(keep)
    caplog.set_level(logging.DEBUG)
    try:
        channel = make_channel(rate_limit_messages=2)
        bot = FakeBot(replies=lambda m: [{"text": "Respuesta", "lang": "es", "buttons": THERAPY_BUTTONS}])
        async with Server(channel, bot) as server:
            await server.sms(secret_text)
            await server.sms(secret_text, signature="forged")
            await server.sms("1")
            await server.sms(secret_text)  # rate limited
            form = twilio_form(secret_text)
            await server.post_raw(
                {k: v for k, v in form.items() if k != "From"},
                {"X-Twilio-Signature": sign({k: v for k, v in form.items() if k != "From"})},
            )
            bot.fail = True
            channel.limiter.forget(sender_id_for_phone(PHONE))
            await server.sms(secret_text)
    finally:
        for lg in watched:
            lg.removeHandler(keep)
    assert any(r.levelno == logging.WARNING for r in records)  # the forged request was noticed
    for record in records + list(caplog.records):
        rendered = f"{record.getMessage()} {record.exc_text or ''} {record.args!r}"
        for needle in (PHONE, "5555550123", "zebra42", "terapeuta", *LOCATION_VALUES):
            assert needle not in rendered, (needle, record.name, record.levelname)


@pytest.mark.asyncio
async def test_only_our_payloads_pass_as_payloads(monkeypatch: pytest.MonkeyPatch) -> None:
    # issue #15: Rasa takes any "/..." text as a payload, so the safety net would never see it.
    bot = FakeBot()
    async with Server(make_channel(), bot) as server:
        await server.sms("/la pandilla mató a mi hermano")
        await server.sms("/therapy_privacy")
    assert [m.text for m in bot.received] == ["la pandilla mató a mi hermano", "/therapy_privacy"]


def test_only_the_last_message_with_buttons_offers_numbered_options() -> None:
    """Session 40's blind test: the crisis answer (menu, delete) before a form's question gave one SMS with two menus,
    "1 ... 2 ... Reply with a number" then "3 ... 4 ... 5 ... Reply with a number"."""
    crisis = {"text": "Tell staff now.", "lang": "es", "buttons": [{"title": "Menu", "payload": "/menu"}]}
    question = {
        "text": "Which state?",
        "lang": "es",
        "buttons": [{"title": "Skip", "payload": '/inform{"form_answer":"skip"}'}],
    }
    bodies, payloads = render([crisis, question], "es")
    assert payloads == ['/inform{"form_answer":"skip"}']
    assert "Menu" not in "".join(bodies) and "1 Skip" in bodies[-1]
    assert "".join(bodies).count("\n1 ") == 1
