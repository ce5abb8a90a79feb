"""SMS through Twilio: a signed, data-minimising replacement for Rasa's built-in ``twilio`` channel.

Differences from ``rasa.core.channels.twilio.TwilioInput`` (see docs/SMS.md):
- every POST must carry a valid ``X-Twilio-Signature`` for the exact public webhook URL (403 otherwise);
- only ``From`` and ``Body`` are read; location fields and every other provider field stay in the request;
- the sender id is ``bot.privacy.pseudonym.sender_id_for_phone(From)``; the number itself is never stored or logged;
- "¡" is kept as it is;
- replies go back as TwiML in the HTTP response (no blocking REST call, no second credential use),
  each ``<Message>`` at most 3 segments, GSM-7 wherever the language allows;
- buttons become numbered options; a reply that is just a number picks one;
- keywords (HELP/AYUDA/MENU, DELETE/BORRAR, stop words the carrier does not read: PARAR/ARRET), provider opt-out
  words, per-sender rate limit, length cap.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot import catalogue, settings
from bot.channels.inbound import cap_message, screen_payload
from bot.channels.rate_limit import Decision, RedisSlidingWindowLimiter, SlidingWindowLimiter, make_limiter
from bot.channels.sms_memory import RedisSenderMemory, SenderMemory, make_memory
from bot.channels.sms_render import (
    SmsCollectingOutput,
    clean_inbound,
    clean_outbound,
    guess_language,
    render,
    sms_text,
    twiml,
)
from bot.channels.turn import with_turn_steps
from bot.channels.twilio_form import parse_twilio_form
from bot.form_answers import is_form_answer_payload
from bot.nlu.languages import DEFAULT, LANGUAGES, fold
from bot.privacy.pseudonym import sender_id_for_phone

logger = logging.getLogger(__name__)

CHANNEL_NAME = catalogue.SMS  # keeps `channel: twilio` response variations and the NLG's short forms


def _keywords() -> dict[str, tuple[str, str | None]]:
    """Whole-message keywords (folded: lowercase, accents stripped) -> (text sent to Rasa, language hint).

    Each language's help and delete words come from data/languages.yml; "menu" is the same word in
    several languages, so it gives no hint.
    """
    words: dict[str, tuple[str, str | None]] = {"menu": ("/menu", None)}
    for code, language in LANGUAGES.items():
        words.update({word: ("/menu", code) for word in language.help_words})
        words.update({word: ("/delete_my_data", code) for word in language.delete_words})
    return words


KEYWORDS = _keywords()
# Stop words in languages the carrier does not read ("PARAR", "ARRET"; session 42's blind test got the whole menu):
# the bot still reads the word (inside a form it ends the form, data/legal_aid/phrases.yml), and the user gets one
# short line instead of whatever it answered: the bot only writes when written to, and how to erase the chat.
# A word of two languages ("parar": es, pt) is the first one's (data/languages.yml's order) in a chat of neither.
STOP_WORDS: dict[str, str] = {}
for _code, _language in LANGUAGES.items():
    for _word in _language.stop_words:
        STOP_WORDS.setdefault(_word, _code)
# Twilio handles opt-out / opt-in itself; replying would fail (error 21610) or double-message the user.
PROVIDER_OPT_OUT = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit"})
PROVIDER_KEYWORDS = PROVIDER_OPT_OUT | {"start", "unstop"}
# What the bot reads for an opt-out sent while a form's question was open: a form cancel word (data/legal_aid/phrases.yml).
FORM_CANCEL_TEXT = "cancel"

_NUMBER_PICK = re.compile(r"^#?\s*(\d{1,2})\s*[.)]?$")
_KEYWORD_TRIM = " \t\r\n.,;:!?¡¿\"'*"


# --------------------------------------------------------------------------------------------- memory


# --------------------------------------------------------------------------------------------- output


# --------------------------------------------------------------------------------------------- text helpers


def keyword_message(word: str, chat_lang: str | None) -> tuple[str, dict[str, str] | None]:
    """What keyword ``word`` sends to Rasa, and its language hint as metadata. A delete keyword deletes in the chat's
    language when the chat has one, as the web does ("DELETE" in a Spanish chat: "Listo. Borré este chat")."""
    text, hint = KEYWORDS[word]
    if text == "/delete_my_data" and chat_lang:
        hint = chat_lang
    if not hint:
        return text, None
    # A payload's own entity fills the language slot (Rasa replaces NLU output for "/intent" texts).
    return f'{text}{{"language":"{hint}"}}', {"lang": hint}


def keyword_of(text: str) -> str:
    """The folded whole message, for keyword matching ("¡Ayuda!" -> "ayuda")."""
    return fold(text).strip(_KEYWORD_TRIM)


# --------------------------------------------------------------------------------------------- form


# --------------------------------------------------------------------------------------------- channel
class TwilioSmsInput(InputChannel):
    """Rasa input channel for SMS via Twilio, at /webhooks/twilio/webhook."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TwilioSmsInput:
        if not credentials:
            cls.raise_missing_credentials_exception()
        credentials = credentials or {}  # (the line above raises; this tells the type checker)
        return cls(
            account_sid=credentials.get("account_sid"),
            auth_token=credentials.get("auth_token"),
            twilio_number=credentials.get("twilio_number"),
            public_webhook_url=credentials.get("public_webhook_url"),
            rate_limit_messages=int(credentials.get("rate_limit_messages") or 15),
            rate_limit_window_seconds=float(credentials.get("rate_limit_window_seconds") or 600),
            options_ttl_seconds=float(credentials.get("options_ttl_seconds") or 900),
            reply_timeout_seconds=float(credentials.get("reply_timeout_seconds") or 12),
        )

    def __init__(  # shape: one parameter per credentials.yml key (Rasa builds channels from them), plus two for tests
        self,
        account_sid: str | None,
        auth_token: str | None,
        twilio_number: str | None,
        public_webhook_url: str | None,
        rate_limit_messages: int = 15,
        rate_limit_window_seconds: float = 600.0,
        options_ttl_seconds: float = 900.0,
        reply_timeout_seconds: float = 12.0,
        limiter: SlidingWindowLimiter | RedisSlidingWindowLimiter | None = None,
        memory: SenderMemory | RedisSenderMemory | None = None,
    ) -> None:
        # Fail closed: without these every request would be unverifiable.
        if not auth_token or not public_webhook_url:
            raise RasaException(
                "bot.channels.twilio_sms.TwilioSmsInput needs auth_token and public_webhook_url "
                "(env TWILIO_AUTH_TOKEN and KYR_TWILIO_WEBHOOK_URL); see docs/SMS.md."
            )
        self.account_sid = account_sid or None
        self.twilio_number = twilio_number or None
        self.public_webhook_url = str(public_webhook_url).strip()
        self._validator = RequestValidator(str(auth_token))
        self.limiter = limiter or make_limiter("sms", rate_limit_messages, rate_limit_window_seconds)
        self.memory = memory or make_memory(options_ttl_seconds)
        # Twilio waits about 15 s for the webhook; answer with what is ready before that.
        self.reply_timeout_seconds = reply_timeout_seconds

    def url_prefix(self) -> str:
        return CHANNEL_NAME

    def get_output_channel(self) -> OutputChannel | None:
        # Only the hash of the number is known, so the bot cannot start an SMS on its own.
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("kyr_twilio_sms", __name__)
        on_new_message = with_turn_steps(on_new_message)

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            signature = request.headers.get("X-Twilio-Signature")
            if not signature:
                return self._forbidden()
            form = parse_twilio_form(request)
            if form is None:
                return response.text("Bad request", status=400)
            if not self._validator.validate(self.public_webhook_url, form, signature):
                return self._forbidden()
            if self.account_sid and form.first("AccountSid") not in (None, self.account_sid):
                return self._forbidden()
            phone, body = form.first("From"), form.first("Body")
            # From here on only the hashed id and the text exist; location and other fields are never read.
            del form
            if not phone:
                return response.text("Bad request", status=400)
            sender_id = sender_id_for_phone(phone)
            del phone
            try:
                return await self.handle(sender_id, body or "", on_new_message)
            except Exception as exc:  # never a 5xx to Twilio; never the text or number in the log
                logger.error("SMS handling failed (%s)", type(exc).__name__)
                return twiml([])

        return bp

    @staticmethod
    def _forbidden() -> HTTPResponse:
        logger.warning("Rejected an SMS webhook request without a valid Twilio signature")
        return response.text("Forbidden", status=403)

    async def handle(
        self, sender_id: str, raw_text: str, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        """Everything after the signature check: keywords, limits, Rasa, TwiML."""
        text = screen_payload(clean_inbound(raw_text))  # only our own "/intent" payloads pass as such
        word = keyword_of(text)
        # Exact single word, like Twilio's own matching: "Stop!" is not an opt-out, so it reaches the bot.
        if text.casefold() in PROVIDER_KEYWORDS:
            if text.casefold() in PROVIDER_OPT_OUT:
                await self._close_open_question(sender_id, on_new_message)
            return twiml([])  # Twilio answers and records the opt-out/opt-in itself

        decision = self.limiter.check(sender_id)
        if decision is Decision.SILENT:
            return twiml([])
        state = self.memory.get(sender_id)
        notice_lang = state.lang or guess_language(text) or DEFAULT
        if decision is Decision.NOTIFY:
            return twiml([clean_outbound(sms_text("rate_limited", notice_lang))])
        if not text:
            return twiml([clean_outbound(sms_text("empty", notice_lang))])

        metadata: dict[str, Any] | None = None
        cut = False
        pick = _NUMBER_PICK.match(text)
        if word in KEYWORDS:
            text, metadata = keyword_message(word, state.lang)
        elif pick and state.options and 1 <= int(pick.group(1)) <= len(state.options):
            text = state.options[int(pick.group(1)) - 1]
        elif pick and _out_of_range_pick(pick.group(1), state.options):
            # "7" after three options got the menu, with no word why (QA session 30); the options stay.
            self.memory.save(sender_id, state)
            return twiml([clean_outbound(sms_text("pick_out_of_range", notice_lang, count=len(state.options)))])
        else:
            text, cut = cap_message(text)

        collector = SmsCollectingOutput()
        ok = await self._run_bot(
            on_new_message, UserMessage(text, collector, sender_id, input_channel=CHANNEL_NAME, metadata=metadata)
        )
        if word in STOP_WORDS:
            state.options = []
            self.memory.save(sender_id, state)
            return twiml([clean_outbound(sms_text("stopped", state.lang or STOP_WORDS[word]))])
        if not ok and not collector.messages:
            return twiml([clean_outbound(sms_text("error", (metadata or {}).get("lang") or notice_lang))])

        reply_lang = next((m["lang"] for m in collector.messages if m.get("lang")), None)
        lang = reply_lang or (metadata or {}).get("lang") or notice_lang
        bodies, payloads = render(collector.messages, lang)
        if cut and not state.told_too_long:
            bodies.insert(0, clean_outbound(sms_text("too_long", lang, max_chars=settings.max_message_chars())))
            state.told_too_long = True
        last_lang = next((m["lang"] for m in reversed(collector.messages) if m.get("lang")), None)
        state.lang = last_lang or lang
        state.options = payloads
        self.memory.save(sender_id, state)
        return twiml(bodies)

    async def _close_open_question(
        self, sender_id: str, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> None:
        """Twilio's own STOP while a form's question was the last reply (its options are form answers): the bot reads a
        cancel word, so the questions do not go on after the user opts in again (session 43's blind test); its reply
        is not sent (Twilio answers). Nothing runs otherwise: an opt-out alone starts no conversation."""
        state = self.memory.get(sender_id)
        if not any(is_form_answer_payload(option) for option in state.options):
            return
        await self._run_bot(
            on_new_message,
            UserMessage(FORM_CANCEL_TEXT, SmsCollectingOutput(), sender_id, input_channel=CHANNEL_NAME),
        )
        state.options = []
        self.memory.save(sender_id, state)

    async def _run_bot(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage) -> bool:
        """Run one bot turn; False when it failed or timed out."""
        task = asyncio.ensure_future(on_new_message(message))
        task.add_done_callback(_log_failure)
        try:
            # shield: on timeout the turn still completes (tracker stays consistent); late replies are dropped.
            await asyncio.wait_for(asyncio.shield(task), timeout=self.reply_timeout_seconds)
            return True
        except asyncio.TimeoutError:
            logger.warning("SMS turn took longer than %.0f s; replying with what was ready", self.reply_timeout_seconds)
        except Exception:
            pass  # logged by _log_failure, without details that could hold message text
        return False


def _out_of_range_pick(number: str, options: list[str]) -> bool:
    """A one-digit number none of the last reply's options has. Never at a form question (its options are
    form answers): a typed number there is an answer for the form to read ("9" as an age), and two digits
    ("16") are never a pick."""
    return (
        bool(options)
        and len(number) == 1
        and not 1 <= int(number) <= len(options)
        and not any(is_form_answer_payload(option) for option in options)
    )


def _log_failure(task: asyncio.Future[Any]) -> None:
    if task.cancelled():
        return
    exc = task.exception()  # retrieving it also silences asyncio's "never retrieved" dump
    if exc is not None:
        logger.error("SMS turn failed (%s)", type(exc).__name__)
