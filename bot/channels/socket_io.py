"""Rasa's socket.io channel with the length cap every other channel has.

Rasa's ``SocketIOInput`` passes any message on, whatever its length or type: a 30,000-character
message blocked every conversation for 31.7 s (issue #15). This one cuts the text to
``settings.max_message_chars()``, lets only our own "/intent" payloads through as payloads
(bot.channels.inbound), ignores messages that are not text, and caps the engine.io payload like SANIC_REQUEST_MAX_SIZE caps HTTP bodies. Same name
(``socketio``), same path (``/socket.io``), same credentials.
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from bot.channels.inbound import clean_user_text

logger = logging.getLogger(__name__)

MAX_PAYLOAD_BYTES = 64 * 1024  # engine.io packets (both transports); a capped message is a few KB


class CappedSocketIOInput(SocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        namespace = self.namespace or "/"
        rasa_handler = sio.handlers[namespace][self.user_message_evt]

        async def capped(sid: Text, data: Any) -> None:
            # Checked before Rasa's handler, which would fail on a non-text message.
            message = data.get("message") if isinstance(data, dict) else None
            message = clean_user_text(message)[0] if isinstance(message, str) else None
            if not message or not message.strip():
                logger.warning("Ignored a socket.io message without text")
                return
            await rasa_handler(sid, {**data, "message": message})

        sio.on(self.user_message_evt, capped, namespace=namespace)
        sio.eio.max_http_buffer_size = MAX_PAYLOAD_BYTES
        return blueprint
