"""The REST channel (used by the web page and by integrations), with input checked first.

Rasa's own RestInput answers malformed bodies with a 500, trusts a client-chosen
``input_channel``, and logs the message text at ERROR level when a turn times out. This one
answers 400 with a reason, always records the channel as ``rest``, caps the text length and
never logs message text. Same URL: ``/webhooks/rest/webhook``.
"""

from __future__ import annotations

import json
import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import catalogue, settings
from bot.channels import conversation_ids
from bot.channels.inbound import clean_user_text
from bot.channels.limits import ChannelLimits
from bot.channels.rate_limit import Decision
from bot.channels.turn import with_turn_steps

logger = logging.getLogger(__name__)


class BadRequest(ValueError):
    pass


def parse_body(raw: bytes) -> dict[str, Any]:
    """``{sender, message, metadata}`` from a request body, or BadRequest saying what is wrong."""
    try:
        body = json.loads(raw or b"")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest('the body must be JSON: {"sender": "...", "message": "..."}') from None
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object with 'sender' and 'message'")
    sender, message, metadata = body.get("sender"), body.get("message"), body.get("metadata")
    if not conversation_ids.is_valid(sender, conversation_ids.WEB):
        raise BadRequest(
            "'sender' must be a conversation id this server issued: "
            "get one from GET /webhooks/rest/session (the web page gets one with the page)"
        )
    if isinstance(message, str):
        message = clean_user_text(message)[0]
    if not isinstance(message, str) or not message.strip():
        raise BadRequest("'message' must be a non-empty text")
    if "\x00" in message:
        raise BadRequest("'message' must not contain NUL characters")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest("'metadata' must be an object when given")
    return {"sender": sender, "message": message, "metadata": metadata or None}


TOO_MANY = "too many messages: wait a few minutes, then write again"


def client_address(request: Request) -> str | None:
    """The client's address as Sanic sees it (behind a proxy: set Sanic's PROXIES_COUNT)."""
    return request.remote_addr or request.ip or None


class SafeRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return catalogue.REST

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        on_new_message = with_turn_steps(on_new_message)
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)
        limits = ChannelLimits()

        def limited(decision: Decision) -> HTTPResponse | None:
            if decision is Decision.ALLOW:
                return None
            return response.json(
                {"error": TOO_MANY}, status=429, headers={"Retry-After": str(settings.rate_limit_window_seconds())}
            )

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/session", methods=["GET"])
        async def session(request: Request) -> HTTPResponse:
            """A new conversation id for an integration (random, signed; never chosen by a client)."""
            refused = limited(limits.check_client(client_address(request)))
            if refused:
                return refused
            return response.json(
                {"sender": conversation_ids.issue(conversation_ids.WEB)}, headers={"Cache-Control": "no-store"}
            )

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = parse_body(request.body)
            except BadRequest as exc:
                return response.json({"error": str(exc)}, status=400)
            refused = limited(limits.check(body["sender"], client_address(request)))
            if refused:
                return refused
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        body["message"], collector, body["sender"], input_channel=self.name(), metadata=body["metadata"]
                    )
                )
            except CancelledError:
                logger.error("REST turn timed out")
            except Exception:
                logger.exception("REST turn failed")
                return response.json({"error": "the bot could not answer; try again"}, status=503)
            return response.json(collector.messages)

        return webhook
