"""SMS through Twilio: a signed, data-minimising replacement for Rasa's built-in ``twilio`` channel.

Differences from ``rasa.core.channels.twilio.TwilioInput`` (see docs/SMS.md):
- every POST must carry a valid ``X-Twilio-Signature`` for the exact public webhook URL (403 otherwise);
- only ``From`` and ``Body`` are read; location fields and every other provider field stay in the request;
- the sender id is ``bot.privacy.pseudonym.sender_id_for_phone(From)``; the number itself is never stored or logged;
- "¡" is kept as it is;
- replies go back as TwiML in the HTTP response (no blocking REST call, no second credential use),
  each ``<Message>`` at most 3 segments, GSM-7 wherever the language allows;
- buttons become numbered options; a reply that is just a number picks one;
- keywords (HELP/AYUDA/MENU, DELETE/BORRAR), provider opt-out words, per-sender rate limit, length cap.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, OutputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from bot import catalogue, content, settings
from bot.channels.inbound import cap_message, screen_payload
from bot.channels.rate_limit import Decision, SlidingWindowLimiter
from bot.channels.sms import segments, split_for_sms, to_gsm_friendly
from bot.channels.turn import with_turn_steps
from bot.nlu.languages import DEFAULT, fold, normalize_language
from bot.privacy.pseudonym import sender_id_for_phone

logger = logging.getLogger(__name__)

CHANNEL_NAME = catalogue.SMS  # keeps `channel: twilio` response variations and the NLG's short forms
MAX_SEGMENTS = 3
MAX_FORM_BYTES = 64 * 1024  # Twilio's form for a 1600-char SMS is a few KB; anything far larger is not Twilio
TWIML_CONTENT_TYPE = "application/xml"

# Whole-message keywords (folded: lowercase, accents stripped) -> (text sent to Rasa, language hint).
KEYWORDS: dict[str, tuple[str, str | None]] = {
    "help": ("/menu", "en"),
    "menu": ("/menu", None),  # same word in both languages
    "ayuda": ("/menu", "es"),
    "delete": ("/delete_my_data", "en"),
    "borrar": ("/delete_my_data", "es"),
    "borra": ("/delete_my_data", "es"),
}
# Twilio handles opt-out / opt-in itself; replying would fail (error 21610) or double-message the user.
PROVIDER_KEYWORDS = frozenset({"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "start", "unstop"})

_NUMBER_PICK = re.compile(r"^#?\s*(\d{1,2})\s*[.)]?$")
_KEYWORD_TRIM = " \t\r\n.,;:!?¡¿\"'*"
# Characters XML 1.0 cannot carry (C0 controls except tab/newline/CR, DEL, surrogates, U+FFFE/F).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# A few very common words, only to pick the language of a notice before Rasa has replied.
_ES_HINTS = frozenset(
    "que mi mis el la los las de del por para con una puede puedo tengo estoy esta como donde quiero "
    "necesito hola ayuda abogado terapeuta notas no si le lo yo tu es son pero cuando porque".split()
)
_EN_HINTS = frozenset(
    "the my is are can what how where i you to of and do does will my therapist lawyer help hi hello "
    "not if it me need want when why".split()
)


# --------------------------------------------------------------------------------------------- memory
@dataclass
class _SenderState:
    options: list[str] = field(default_factory=list)  # button payloads of the last reply, in order
    lang: str | None = None  # language of the last reply (for notices sent without Rasa)
    told_too_long: bool = False
    expires_at: float = 0.0


class SenderMemory:
    """Short-lived per-sender state, in memory only, keyed by the hashed sender id.

    Holds the numbered options of the last reply and its language, nothing the user typed.
    Entries expire ``ttl_seconds`` after the last message; at most ``max_keys`` are kept.
    """

    def __init__(
        self, ttl_seconds: float = 900.0, max_keys: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl_seconds = float(ttl_seconds)
        self.max_keys = int(max_keys)
        self._clock = clock
        self._items: OrderedDict[str, _SenderState] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> _SenderState:
        """The live state of ``key`` (a fresh, unsaved one when unknown or expired)."""
        now = self._clock()
        with self._lock:
            self._purge(now)
            state = self._items.get(key)
            return state if state is not None else _SenderState()

    def save(self, key: str, state: _SenderState) -> None:
        now = self._clock()
        with self._lock:
            state.expires_at = now + self.ttl_seconds
            self._items[key] = state
            self._items.move_to_end(key)
            while len(self._items) > self.max_keys:
                self._items.popitem(last=False)

    def forget(self, key: str) -> None:
        with self._lock:
            self._items.pop(key, None)

    def _purge(self, now: float) -> None:
        # Insertion order == expiry order (every save moves the key to the end with now + ttl).
        while self._items:
            key, state = next(iter(self._items.items()))
            if state.expires_at > now:
                break
            del self._items[key]


# --------------------------------------------------------------------------------------------- output
class SmsCollectingOutput(CollectingOutputChannel):
    """Collects the bot's messages of one turn so they can be returned as TwiML.

    ``name()`` is "twilio" so the NLG picks the short (SMS) answer forms. Text is kept whole
    (no split on blank lines): splitting is done by segment count when the TwiML is built.
    Only text, buttons and the ``lang`` metadata are kept; images, attachments and custom
    JSON are not sent by SMS (MMS costs more and may not arrive on a shared phone).
    """

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    def _record(self, text: str | None, buttons: list[dict[str, Any]] | None, kwargs: dict[str, Any]) -> None:
        self.messages.append(
            {"text": text or "", "buttons": list(buttons or []), "lang": normalize_language(kwargs.get("lang"))}
        )

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        self._record(text, None, kwargs)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        self._record(text, buttons, kwargs)

    async def send_quick_replies(
        self, recipient_id: str, text: str, quick_replies: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        self._record(text, quick_replies, kwargs)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        return None

    async def send_attachment(self, recipient_id: str, attachment: str, **kwargs: Any) -> None:
        return None

    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        return None


# --------------------------------------------------------------------------------------------- text helpers
def clean_outbound(text: str) -> str:
    """GSM-friendly punctuation, no characters XML cannot carry, tidy line ends."""
    text = to_gsm_friendly(text.replace("\r\n", "\n").replace("\r", "\n"))
    return _XML_INVALID.sub("", text).strip()


def clean_inbound(text: str) -> str:
    # Keep every printable character as typed (including "¡"); drop what XML/JSON stores choke on.
    return _XML_INVALID.sub("", text).strip()


def keyword_of(text: str) -> str:
    """The folded whole message, for keyword matching ("¡Ayuda!" -> "ayuda")."""
    return fold(text).strip(_KEYWORD_TRIM)


def guess_language(text: str) -> str | None:
    """A rough guess used only for notices sent before/without a bot reply."""
    words = re.findall(r"[a-zñ]+", fold(text))
    if not words and any(ch in text for ch in "¿¡ñÑáéíóúÁÉÍÓÚ"):
        return "es"
    es = sum(w in _ES_HINTS for w in words) + sum(ch in text for ch in "¿¡ñáíóú")
    en = sum(w in _EN_HINTS for w in words)
    if es > en:
        return "es"
    if en > es:
        return "en"
    return None


def _text(key: str, lang: str, **params: Any) -> str:
    try:
        return content.t(f"sms.{key}", lang, **params)
    except content.MissingContent:
        logger.warning("SMS text sms.%s missing in %s; using %s", key, lang, DEFAULT)
        return content.t(f"sms.{key}", DEFAULT, **params)


def _fit(text: str, options_block: str) -> list[str]:
    """One bot message as SMS bodies of <= MAX_SEGMENTS each; options stay together at the end."""
    parts = split_for_sms(text, MAX_SEGMENTS) if text else []
    if options_block:
        if parts and segments(f"{parts[-1]}\n{options_block}") <= MAX_SEGMENTS:
            parts[-1] = f"{parts[-1]}\n{options_block}"
        else:
            parts.extend(split_for_sms(options_block, MAX_SEGMENTS))
    return parts


def _pack(bodies: Iterable[str]) -> list[str]:
    """Join consecutive bodies into one SMS when that costs no extra segment.

    Fewer separate SMS means fewer out-of-order deliveries; the segment check keeps an
    English (GSM-7) message from being turned into UCS-2 by a Spanish neighbour.
    """
    packed: list[str] = []
    for body in bodies:
        if packed:
            joined = f"{packed[-1]}\n\n{body}"
            seg = segments(joined)
            if seg <= MAX_SEGMENTS and seg <= segments(packed[-1]) + segments(body):
                packed[-1] = joined
                continue
        packed.append(body)
    return packed


def render(messages: list[dict[str, Any]], fallback_lang: str) -> tuple[list[str], list[str]]:
    """SMS bodies for the collected bot messages, and the payloads of the numbered options.

    Options are numbered across the whole turn ("1 ...", "2 ...") with labels from the button
    titles, followed by the "Reply with a number" hint in that message's language.
    """
    bodies: list[str] = []
    payloads: list[str] = []
    for message in messages:
        lang = message.get("lang") or fallback_lang
        lines: list[str] = []
        for button in message.get("buttons") or []:
            title = clean_outbound(str(button.get("title") or "")).replace("\n", " ")
            payload = str(button.get("payload") or button.get("title") or "").strip()
            if not payload:
                continue
            payloads.append(payload)
            lines.append(f"{len(payloads)} {title or payload}")
        if lines:
            lines.append(clean_outbound(_text("options_hint", lang)))
        bodies.extend(_fit(clean_outbound(str(message.get("text") or "")), "\n".join(lines)))
    return _pack(b for b in bodies if b), payloads


def twiml(bodies: Iterable[str]) -> HTTPResponse:
    reply = MessagingResponse()
    for body in bodies:
        reply.message(_XML_INVALID.sub("", body))
    return response.text(str(reply), content_type=TWIML_CONTENT_TYPE)


# --------------------------------------------------------------------------------------------- form
class _Form:
    """Parsed form fields as lists, with ``getlist`` for twilio's RequestValidator."""

    def __init__(self, fields: dict[str, list[str]]) -> None:
        self._fields = fields

    def __iter__(self):  # RequestValidator iterates the parameter names
        return iter(self._fields)

    def __getitem__(self, name: str) -> str:
        return self._fields[name][0]

    def getlist(self, name: str) -> list[str]:
        return self._fields.get(name, [])

    def first(self, name: str) -> str | None:
        values = self._fields.get(name)
        return values[0] if values else None


def parse_twilio_form(request: Request) -> _Form | None:
    """The url-encoded form, blank values kept (Twilio signs them); None when malformed.

    Sanic's ``request.form`` drops blank values (e.g. an empty FromZip), which breaks the
    signature check, and logs the parse error with details; so the body is parsed here.
    """
    content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return None
    body = request.body or b""
    if len(body) > MAX_FORM_BYTES:
        return None
    try:
        decoded = body.decode("utf-8")
        fields = parse_qs(decoded, keep_blank_values=True, strict_parsing=bool(decoded), errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None
    return _Form(fields)


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

    def __init__(
        self,
        account_sid: str | None,
        auth_token: str | None,
        twilio_number: str | None,
        public_webhook_url: str | None,
        rate_limit_messages: int = 15,
        rate_limit_window_seconds: float = 600.0,
        options_ttl_seconds: float = 900.0,
        reply_timeout_seconds: float = 12.0,
        limiter: SlidingWindowLimiter | None = None,
        memory: SenderMemory | None = None,
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
        self.limiter = limiter or SlidingWindowLimiter(rate_limit_messages, rate_limit_window_seconds)
        self.memory = memory or SenderMemory(options_ttl_seconds)
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
            return twiml([])  # Twilio answers and records the opt-out/opt-in itself

        decision = self.limiter.check(sender_id)
        if decision is Decision.SILENT:
            return twiml([])
        state = self.memory.get(sender_id)
        notice_lang = state.lang or guess_language(text) or DEFAULT
        if decision is Decision.NOTIFY:
            return twiml([clean_outbound(_text("rate_limited", notice_lang))])
        if not text:
            return twiml([clean_outbound(_text("empty", notice_lang))])

        metadata: dict[str, Any] | None = None
        cut = False
        pick = _NUMBER_PICK.match(text)
        if word in KEYWORDS:
            text, hint = KEYWORDS[word]
            if hint:
                metadata = {"lang": hint}
                # A payload's own entity fills the language slot (Rasa replaces NLU output for "/intent" texts).
                text = f'{text}{{"language":"{hint}"}}'
        elif pick and state.options and 1 <= int(pick.group(1)) <= len(state.options):
            text = state.options[int(pick.group(1)) - 1]
        else:
            text, cut = cap_message(text)

        collector = SmsCollectingOutput()
        ok = await self._run_bot(
            on_new_message, UserMessage(text, collector, sender_id, input_channel=CHANNEL_NAME, metadata=metadata)
        )
        if not ok and not collector.messages:
            return twiml([clean_outbound(_text("error", (metadata or {}).get("lang") or notice_lang))])

        reply_lang = next((m["lang"] for m in collector.messages if m.get("lang")), None)
        lang = reply_lang or (metadata or {}).get("lang") or notice_lang
        bodies, payloads = render(collector.messages, lang)
        if cut and not state.told_too_long:
            bodies.insert(0, clean_outbound(_text("too_long", lang, max_chars=settings.max_message_chars())))
            state.told_too_long = True
        last_lang = next((m["lang"] for m in reversed(collector.messages) if m.get("lang")), None)
        state.lang = last_lang or lang
        state.options = payloads
        self.memory.save(sender_id, state)
        return twiml(bodies)

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


def _log_failure(task: asyncio.Future[Any]) -> None:
    if task.cancelled():
        return
    exc = task.exception()  # retrieving it also silences asyncio's "never retrieved" dump
    if exc is not None:
        logger.error("SMS turn failed (%s)", type(exc).__name__)
