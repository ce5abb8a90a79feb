"""The overdue-handoff notice is a step of the turn (bot/channels/turn.py), not of rendering."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels import turn


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    calls: list[tuple[str, str]] = []

    def fake_notice(sender_id: str, lang: str) -> str:
        calls.append((sender_id, lang))
        return "Tu solicitud KYR-ABCDE va tarde."

    monkeypatch.setattr(turn, "overdue_notice", fake_notice)
    return calls


async def _two_replies(message: UserMessage) -> None:
    await message.output_channel.send_response(message.sender_id, {"text": "Primera.", "lang": "es", "topic": "menu"})
    await message.output_channel.send_response(message.sender_id, {"text": "Segunda.", "lang": "es"})


@pytest.mark.asyncio
async def test_the_first_reply_of_a_turn_carries_the_notice_once(notices: list[tuple[str, str]]) -> None:
    collector = CollectingOutputChannel()
    await turn.with_turn_steps(_two_replies)(UserMessage("hola", collector, "web-fake-1", input_channel="rest"))
    texts = [m["text"] for m in collector.messages]
    # Rasa's collector sends each paragraph as its own message: the notice comes first.
    assert texts == ["Tu solicitud KYR-ABCDE va tarde.", "Primera.", "Segunda."]
    assert notices == [("web-fake-1", "es")]  # asked once per turn, in the reply's language


@pytest.mark.asyncio
async def test_each_turn_asks_again_and_nothing_overdue_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def nothing(sender_id: str, lang: str) -> None:
        asked.append(lang)
        return None

    monkeypatch.setattr(turn, "overdue_notice", nothing)
    handle = turn.with_turn_steps(_two_replies)
    for _ in range(2):
        collector = CollectingOutputChannel()
        await handle(UserMessage("hola", collector, "web-fake-2", input_channel="rest"))
        assert [m["text"] for m in collector.messages] == ["Primera.", "Segunda."]
    assert asked == ["es", "es"]


@pytest.mark.asyncio
async def test_the_wrapped_channel_keeps_its_name_and_attributes(notices: Any) -> None:
    collector = CollectingOutputChannel()
    seen: dict[str, Any] = {}

    async def inspect(message: UserMessage) -> None:
        seen["name"] = message.output_channel.name()
        seen["messages"] = message.output_channel.messages

    await turn.with_turn_steps(inspect)(UserMessage("hola", collector, "web-fake-3", input_channel="rest"))
    assert seen == {"name": "collector", "messages": collector.messages}


@pytest.mark.parametrize("module", ["bot.channels.rest", "bot.channels.socket_io", "bot.channels.twilio_sms"])
def test_every_channel_runs_the_turn_steps(module: str) -> None:
    import importlib
    import inspect as pyinspect

    source = pyinspect.getsource(importlib.import_module(module))
    assert "with_turn_steps(on_new_message)" in source
