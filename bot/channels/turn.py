"""The steps of a user's turn that belong to no answer, in one place for every channel.

Each of our input channels passes Rasa's ``on_new_message`` through ``with_turn_steps`` in its
blueprint. Today there is one step: a legal-aid request still undelivered past
KYR_HANDOFF_OVERDUE_MINUTES is mentioned before the first reply of the user's next turn, with
the organization's direct contact (once per request; ``bot.handoff.overdue_notice``). Keeping it
here, not in the reply renderer, leaves rendering free of database reads and writes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

from bot.handoff import overdue_notice
from bot.nlu.languages import DEFAULT, normalize_language

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class _OverdueNoticeFirst(OutputChannel):
    """Wraps a turn's output channel: the first reply of the turn carries the overdue notice."""

    def __init__(self, inner: OutputChannel, sender_id: str) -> None:
        self._inner = inner
        self._sender_id = sender_id
        self._checked = False

    def name(self) -> str:
        return self._inner.name()

    def __getattr__(self, attribute: str) -> Any:  # anything else a channel's output offers
        return getattr(self._inner, attribute)

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        if not self._checked:
            self._checked = True
            lang = normalize_language(message.get("lang")) or DEFAULT
            # Usually no query at all (see overdue_notice), one indexed query at most: off the event loop.
            notice = await asyncio.to_thread(overdue_notice, self._sender_id, lang)
            if notice:
                message = {**message, "text": f"{notice}\n\n{message.get('text') or ''}".strip()}
        await self._inner.send_response(recipient_id, message)


def with_turn_steps(on_new_message: OnNewMessage) -> OnNewMessage:
    """``on_new_message`` with the turn steps above around it."""

    async def handle(message: UserMessage) -> Any:
        if message.output_channel is not None and message.sender_id:
            message.output_channel = _OverdueNoticeFirst(message.output_channel, message.sender_id)
        return await on_new_message(message)

    return handle
