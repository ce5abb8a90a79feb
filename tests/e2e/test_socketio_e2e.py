"""The socket.io channel, as Rasa's web widgets use it (python-socketio client, pinned 5.9)."""

from __future__ import annotations

import asyncio
import uuid

import pytest
import requests
import socketio


async def new_session(url: str, requested: str | None = None, timeout: float = 60.0) -> str:
    """The conversation id the server confirms for a new socket (it issues ids; clients don't)."""
    client = socketio.AsyncClient(reconnection=False)
    confirmed: asyncio.Queue = asyncio.Queue()
    client.on("session_confirm", confirmed.put)
    await client.connect(url, socketio_path="/socket.io", transports=["polling"])
    try:
        await client.emit("session_request", {"session_id": requested} if requested else {})
        return await asyncio.wait_for(confirmed.get(), timeout)
    finally:
        await client.disconnect()


async def converse(url: str, session_id: str, messages, timeout: float = 60.0):
    """Resume the issued conversation ``session_id``, send each message and collect the
    bot_uttered events that follow it."""
    client = socketio.AsyncClient(reconnection=False)
    received: asyncio.Queue = asyncio.Queue()
    confirmed: asyncio.Queue = asyncio.Queue()

    @client.on("bot_uttered")
    async def on_bot(data):
        await received.put(data)

    client.on("session_confirm", confirmed.put)
    await client.connect(url, socketio_path="/socket.io", transports=["polling"])
    try:
        await client.emit("session_request", {"session_id": session_id})
        assert await asyncio.wait_for(confirmed.get(), timeout) == session_id, "the server did not resume its own id"
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
    session_id = await new_session(stack.rasa_url)
    [batch] = await converse(stack.rasa_url, session_id, ["que pasa con lo que le cuento a mi consejero?"])
    assert any(reply.get("text") for reply in batch)
    events = stack.bot_events(session_id)
    assert events and all(e["metadata"].get("topic") and e["metadata"].get("lang") == "es" for e in events)
    assert events[-1]["metadata"]["topic"] == "therapy_privacy"


@pytest.mark.asyncio
async def test_socketio_clients_cannot_choose_or_take_over_a_conversation(stack):
    """Issue 15 (medium 4): the server issues ids; a made-up or foreign id gets a new one, a message
    naming another conversation goes to the socket's own, and another channel's id is refused."""
    victim = await new_session(stack.rasa_url)
    await converse(stack.rasa_url, victim, ["can ICE read what i tell my therapist?"])
    made_up = uuid.uuid4().hex
    assert await new_session(stack.rasa_url, made_up) not in (made_up, victim)
    web_id = requests.get(f"{stack.rasa_url}/webhooks/rest/session", timeout=10).json()["sender"]
    assert await new_session(stack.rasa_url, web_id) != web_id
    attacker = await new_session(stack.rasa_url)
    client = socketio.AsyncClient(reconnection=False)
    received: asyncio.Queue = asyncio.Queue()
    client.on("bot_uttered", received.put)
    confirmed: asyncio.Queue = asyncio.Queue()
    client.on("session_confirm", confirmed.put)
    await client.connect(stack.rasa_url, socketio_path="/socket.io", transports=["polling"])
    try:
        await client.emit("session_request", {"session_id": attacker})
        await asyncio.wait_for(confirmed.get(), 30)  # the server has bound the socket to its session
        await client.emit("user_uttered", {"message": "who can see my case file?", "session_id": victim})
        await asyncio.wait_for(received.get(), 60)
    finally:
        await client.disconnect()

    def users(sender: str) -> list:
        return [e.get("text") for e in stack.tracker(sender)["events"] if e.get("event") == "user"]

    # Rasa saves a turn after sending its replies: wait for the save, do not race it.
    deadline = asyncio.get_event_loop().time() + 30
    while users(attacker) != ["who can see my case file?"] and asyncio.get_event_loop().time() < deadline:
        await asyncio.sleep(0.5)
    assert users(attacker) == ["who can see my case file?"]
    assert users(victim) == ["can ICE read what i tell my therapist?"]
