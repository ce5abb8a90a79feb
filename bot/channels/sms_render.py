"""What the SMS channel sends: the turn's messages collected, packed into at most three segments
per message (GSM-7 wherever the language allows), numbered options, and the TwiML reply."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel
from sanic import response
from sanic.response import HTTPResponse
from twilio.twiml.messaging_response import MessagingResponse

from bot import catalogue, content
from bot.channels.sms import plain_letters, segments, split_for_sms, to_gsm_friendly
from bot.nlu.languages import DEFAULT, fold, normalize_language

logger = logging.getLogger(__name__)

MAX_SEGMENTS = 3
TWIML_CONTENT_TYPE = "application/xml"


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


class SmsCollectingOutput(CollectingOutputChannel):
    """Collects the bot's messages of one turn so they can be returned as TwiML.

    ``name()`` is "twilio" so the NLG picks the short (SMS) answer forms. Text is kept whole
    (no split on blank lines): splitting is done by segment count when the TwiML is built.
    Only text, buttons and the ``lang`` metadata are kept; images, attachments and custom
    JSON are not sent by SMS (MMS costs more and may not arrive on a shared phone).
    """

    @classmethod
    def name(cls) -> str:
        return catalogue.SMS

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


def clean_outbound(text: str) -> str:
    """GSM-friendly punctuation and letters, no characters XML cannot carry, tidy line ends."""
    text = plain_letters(to_gsm_friendly(text.replace("\r\n", "\n").replace("\r", "\n")))
    return _XML_INVALID.sub("", text).strip()


def clean_inbound(text: str) -> str:
    # Keep every printable character as typed (including "¡"); drop what XML/JSON stores choke on.
    return _XML_INVALID.sub("", text).strip()


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


def sms_text(key: str, lang: str, **params: Any) -> str:
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

    Only the turn's last message with buttons offers them, numbered "1 ...", "2 ..." with labels from the button
    titles and followed by the "Reply with a number" hint in that message's language: one SMS held two menus
    and two hints when the crisis answer (menu, delete) came before a form's question (session 40's blind test).
    An earlier message's buttons are next steps the later question supersedes; its keywords (MENU, DELETE) still
    work.
    """
    bodies: list[str] = []
    payloads: list[str] = []
    with_buttons = [i for i, message in enumerate(messages) if message.get("buttons")]
    for index, message in enumerate(messages):
        lang = message.get("lang") or fallback_lang
        lines: list[str] = []
        for button in (message.get("buttons") or []) if with_buttons and index == with_buttons[-1] else []:
            title = clean_outbound(str(button.get("title") or "")).replace("\n", " ")
            payload = str(button.get("payload") or button.get("title") or "").strip()
            if not payload:
                continue
            payloads.append(payload)
            lines.append(f"{len(payloads)} {title or payload}")
        if lines:
            lines.append(clean_outbound(sms_text("options_hint", lang)))
        bodies.extend(_fit(clean_outbound(str(message.get("text") or "")), "\n".join(lines)))
    return _pack(b for b in bodies if b), payloads


def twiml(bodies: Iterable[str]) -> HTTPResponse:
    reply = MessagingResponse()
    for body in bodies:
        reply.message(_XML_INVALID.sub("", body))
    return response.text(str(reply), content_type=TWIML_CONTENT_TYPE)
