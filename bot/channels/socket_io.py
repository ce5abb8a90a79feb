"""Rasa's socket.io channel with the length cap every other channel has.

Rasa's ``SocketIOInput`` passes any message on, whatever its length or type: a 30,000-character
message blocked every conversation for 31.7 s (issue #15). This one cuts the text to
``settings.max_message_chars()``, lets only our own "/intent" payloads through as payloads
(bot.channels.inbound), ignores messages that are not text, and caps the engine.io payload like
SANIC_REQUEST_MAX_SIZE caps HTTP bodies. Same name (``socketio``), same path (``/socket.io``),
same credentials.

Conversation ids: Rasa lets a client name any ``session_id``, joins its socket to that room
(where every reply of that conversation is sent) and takes each message's ``session_id`` as the
sender, so whoever knew an id could read another user's replies, answer "yes" for them or delete
their data. Here the server issues the id (bot.channels.conversation_ids: random, signed); a client may
present again only an id this server issued for socket.io (to resume after a reconnect), and
every message of a socket goes to the conversation of that socket, whatever the message says.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from bot import catalogue, content
from bot.channels import conversation_ids
from bot.channels.inbound import clean_user_text
from bot.channels.limits import ChannelLimits
from bot.channels.rate_limit import Decision
from bot.channels.turn import with_turn_steps
from bot.nlu.languages import SUPPORTED

logger = logging.getLogger(__name__)

MAX_PAYLOAD_BYTES = 64 * 1024  # engine.io packets (both transports); a capped message is a few KB


def rate_limited_notice() -> str:
    """The socket does not know the conversation's language here: both languages, one line each."""
    return "\n".join(content.t("sms.rate_limited", lang) for lang in SUPPORTED)


class CappedSocketIOInput(SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return catalogue.SOCKET_IO

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(with_turn_steps(on_new_message))
        sio = self.sio
        namespace = self.namespace or "/"
        rasa_handler = sio.handlers[namespace][self.user_message_evt]
        sessions: dict[str, str] = {}  # socket id -> the conversation id issued to it
        limits = ChannelLimits()

        def client_of(sid: str) -> str | None:
            try:
                return (sio.get_environ(sid, namespace=namespace) or {}).get("REMOTE_ADDR")
            except (KeyError, ValueError):
                return None

        async def session_request(sid: str, data: Any) -> None:
            if limits.check_client(client_of(sid)) is not Decision.ALLOW:
                return  # new conversations count against the client's allowance too
            requested = str(data.get("session_id") or "") if isinstance(data, dict) else ""
            session_id = (
                requested
                if conversation_ids.is_valid(requested, conversation_ids.SOCKET)
                else conversation_ids.issue(conversation_ids.SOCKET)
            )
            previous = sessions.get(sid)
            if previous and previous != session_id:
                sio.leave_room(sid, previous, namespace=namespace)
            sessions[sid] = session_id
            sio.enter_room(sid, session_id, namespace=namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        async def disconnect(sid: str) -> None:
            sessions.pop(sid, None)

        async def capped(sid: str, data: Any) -> None:
            if sid not in sessions:
                logger.warning("Ignored a socket.io message sent before session_request")
                return
            decision = limits.check(sessions[sid], client_of(sid))
            if decision is Decision.NOTIFY:  # once; later ones are dropped until the window frees up
                await sio.emit(self.bot_message_evt, {"text": rate_limited_notice()}, room=sid, namespace=namespace)
            if decision is not Decision.ALLOW:
                return
            # Checked before Rasa's handler, which would fail on a non-text message.
            message = data.get("message") if isinstance(data, dict) else None
            message = clean_user_text(message)[0] if isinstance(message, str) else None
            if not message or not message.strip():
                logger.warning("Ignored a socket.io message without text")
                return
            await rasa_handler(sid, {**data, "message": message, "session_id": sessions[sid]})

        sio.on("session_request", session_request, namespace=namespace)
        sio.on("disconnect", disconnect, namespace=namespace)
        sio.on(self.user_message_evt, capped, namespace=namespace)
        sio.eio.max_http_buffer_size = MAX_PAYLOAD_BYTES
        return blueprint
