"""The action server refuses every call without the shared secret, and runs nothing for it."""

from __future__ import annotations

import re
import socket
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from rasa_sdk import Action
from sanic import Sanic

from bot import action_server

ROOT = Path(__file__).resolve().parents[2]
SECRET = "test-action-secret-0123456789"
CALLS: list[str] = []
STORY = "the gang killed my brother"  # stands in for anything a tracker carries


class RecordingAction(Action):
    """Stands in for action_delete_my_data / validate_handoff_form: any side effect at all."""

    def name(self) -> str:
        return "action_test_recording"

    async def run(self, dispatcher: Any, tracker: Any, domain: dict[str, Any]) -> list[dict[str, Any]]:
        CALLS.append(tracker.sender_id)
        return []


class FailingAction(Action):
    def name(self) -> str:
        return "action_test_failing"

    async def run(self, dispatcher: Any, tracker: Any, domain: dict[str, Any]) -> list[dict[str, Any]]:
        raise RuntimeError(tracker.latest_message.get("text"))


def action_call(name: str) -> dict[str, Any]:
    return {
        "next_action": name,
        "sender_id": "victim-sender",
        "version": "3.6.2",
        "domain": {},
        "tracker": {
            "sender_id": "victim-sender",
            "slots": {},
            "latest_message": {"text": STORY, "intent": {}},
            "events": [{"event": "user", "text": STORY}],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": None,
        },
    }


@pytest.fixture
async def server():
    Sanic.test_mode = True  # several apps named "rasa_sdk" in one process
    CALLS.clear()
    app = action_server.create_app(__name__, secret=SECRET)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    srv = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
    await srv.startup()
    await srv.before_start()
    await srv.after_start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await srv.before_stop()
        srv.close()
        await srv.wait_closed()
        await srv.after_stop()


async def post(url: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> aiohttp.ClientResponse:
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{url}/webhook", json=body, headers=headers or {}) as resp,
    ):
        await resp.read()
        return resp


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {action_server.SECRET_HEADER: "wrong"},
        {action_server.SECRET_HEADER: ""},
        {action_server.SECRET_HEADER: SECRET[:-1]},
        {"Authorization": f"Bearer {SECRET}"},
    ],
)
async def test_a_call_without_the_right_secret_is_refused_and_runs_nothing(
    server: str, headers: dict[str, str]
) -> None:
    resp = await post(server, action_call("action_test_recording"), headers)
    assert resp.status == 401
    assert CALLS == []


async def test_a_call_with_the_secret_runs_the_action(server: str) -> None:
    resp = await post(server, action_call("action_test_recording"), {action_server.SECRET_HEADER: SECRET})
    assert resp.status == 200
    assert CALLS == ["victim-sender"]


async def test_the_action_list_is_not_open_but_health_is(server: str) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{server}/actions") as resp:
            assert resp.status == 401
        async with session.get(f"{server}/health") as resp:
            assert resp.status == 200


async def test_a_failing_action_does_not_echo_the_tracker(server: str, caplog: pytest.LogCaptureFixture) -> None:
    # rasa-sdk answers with the whole request as "request_body", which Rasa then logs (issue #15, medium 5).
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{server}/webhook", json=action_call("action_test_failing"), headers={action_server.SECRET_HEADER: SECRET}
        ) as resp,
    ):
        body = await resp.text()
    assert resp.status == 500
    assert STORY not in body and "request_body" not in body
    assert STORY not in caplog.text and "RuntimeError" in caplog.text


def test_secret_comparison() -> None:
    assert action_server.is_authorized(SECRET, SECRET)
    assert not action_server.is_authorized(None, SECRET)
    assert not action_server.is_authorized("", "")
    assert not action_server.is_authorized(SECRET + "x", SECRET)
    with pytest.raises(ValueError):
        action_server.protect(Sanic("empty_secret_app"), "")


def test_the_secret_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KYR_SECRETS_DIR", str(tmp_path))
    monkeypatch.setenv("KYR_ACTION_SECRET", "from-env")
    assert action_server.action_secret() == "from-env"
    monkeypatch.delenv("KYR_ACTION_SECRET")
    dev = action_server.action_secret()
    assert dev and dev == action_server.action_secret()  # created once, reused


def test_loopback_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KYR_ACTION_BIND", raising=False)
    assert action_server.parse_args([]).host == "127.0.0.1"
    monkeypatch.setenv("KYR_ACTION_BIND", "10.0.0.5")
    assert action_server.parse_args([]).host == "10.0.0.5"


def test_rasa_sends_the_secret_from_endpoints_yml(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasa.utils.endpoints import read_endpoint_config

    monkeypatch.setenv("KYR_ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook")
    monkeypatch.setenv("KYR_ACTION_SECRET", SECRET)
    config = read_endpoint_config(str(ROOT / "endpoints.yml"), "action_endpoint")
    assert config.headers == {action_server.SECRET_HEADER: SECRET}


@pytest.mark.parametrize("path", ["scripts/run.sh", "tests/e2e/conftest.py"])
def test_every_launcher_starts_the_protected_server(path: str) -> None:
    text = (ROOT / path).read_text()
    assert "bot.action_server" in text
    assert not re.search(r"""["']?run["']?,?\s+["']?actions["']?""", text)  # never plain `rasa run actions`
