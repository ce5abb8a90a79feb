"""The socket.io channel, as Rasa's web widgets use it (python-socketio client, pinned 5.9)."""
from __future__ import annotations

import asyncio
import uuid

import pytest
import socketio


async def converse(url: str, session_id: str, messages, timeout: float = 60.0):
    """Send each message and collect the bot_uttered events that follow it."""
    client = socketio.AsyncClient(reconnection=False)
    received: asyncio.Queue = asyncio.Queue()
    confirmed = asyncio.Event()

    @client.on("bot_uttered")
    async def on_bot(data):  # noqa: ANN001
        await received.put(data)

    @client.on("session_confirm")
    async def on_confirm(data):  # noqa: ANN001
        confirmed.set()

    await client.connect(url, socketio_path="/socket.io", transports=["polling"])
    try:
        await client.emit("session_request", {"session_id": session_id})
        await asyncio.wait_for(confirmed.wait(), timeout)
        replies = []
        for message in messages:
            await client.emit("user_uttered", {"message": message, "session_id": session_id})
            first = await asyncio.wait_for(received.get(), timeout)
            batch = [first]
            while True:  # the rest of this turn's messages arrive right after the first
                try:
                    batch.append(await asyncio.wait_for(received.get(), 3))
                except asyncio.TimeoutError:
                    break
            replies.append(batch)
        return replies
    finally:
        await client.disconnect()


@pytest.mark.asyncio
async def test_socketio_answers_in_spanish_with_metadata(stack):
    session_id = uuid.uuid4().hex
    [batch] = await converse(stack.rasa_url, session_id, ["que pasa con lo que le cuento a mi consejero?"])
    assert any(reply.get("text") for reply in batch)
    events = stack.bot_events(session_id)
    assert events and all(e["metadata"].get("topic") and e["metadata"].get("lang") == "es" for e in events)
    assert events[-1]["metadata"]["topic"] == "therapy_privacy"
