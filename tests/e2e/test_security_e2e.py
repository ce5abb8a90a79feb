"""Issue #15 over the real stack: the action server refuses callers without the secret, and one
huge socket.io message neither reaches the store whole nor holds up other conversations."""

from __future__ import annotations

import asyncio
import time

import pytest
import requests

from bot.action_server import SECRET_HEADER
from tests.e2e.test_socketio_e2e import converse, new_session


def forged_call(sender: str) -> dict:
    return {
        "next_action": "action_delete_my_data",
        "sender_id": sender,
        "version": "3.6.2",
        "domain": {},
        "tracker": {
            "sender_id": sender,
            "slots": {},
            "latest_message": {"text": "/delete_my_data", "intent": {}},
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": None,
        },
    }


@pytest.mark.parametrize("headers", [{}, {SECRET_HEADER: "guessed"}])
def test_a_forged_action_call_is_refused_and_changes_nothing(stack, headers) -> None:
    sender = stack.new_sender("victim")
    stack.rest(sender, "can ICE see my therapy notes?")
    before = len(stack.tracker(sender)["events"])
    response = requests.post(f"{stack.action_url}/webhook", json=forged_call(sender), headers=headers, timeout=30)
    assert response.status_code == 401
    assert len(stack.tracker(sender)["events"]) == before
    # Rasa itself is let in: the conversation goes on through the action server.
    assert stack.rest(sender, "delete my data")


@pytest.mark.asyncio
async def test_a_huge_socketio_message_is_cut_and_does_not_block_others(stack) -> None:
    session_id = await new_session(stack.rasa_url)
    huge = ("a" * 29_000) + " can ICE see my therapy notes?"
    other = stack.new_sender("bystander")
    loop = asyncio.get_running_loop()
    started = time.monotonic()
    big = asyncio.ensure_future(converse(stack.rasa_url, session_id, [huge]))
    await asyncio.sleep(0.2)
    await loop.run_in_executor(None, stack.rest, other, "hola")
    bystander_seconds = time.monotonic() - started
    await big
    assert bystander_seconds < 10
    users = [e for e in stack.tracker(session_id)["events"] if e.get("event") == "user"]
    assert users and len(users[-1]["text"]) <= 1000
