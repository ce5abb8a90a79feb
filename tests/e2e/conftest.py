"""End-to-end harness: the bot as `make run` starts it (scripts/run.sh through scripts.launcher).

``stack`` is a client view of tests/conftest.py's ``live`` stack, one per test session and shared
with the acceptance journeys (starting Rasa takes ~30 s). Each test uses its own sender ids, so
tests do not see each other's conversations. Everything the servers write (SQLite files, keys,
logs) goes to a temporary folder the privacy tests scan. ``running_stack`` starts single processes
instead, for the tests that kill one of them (test_handoff_e2e).
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from scripts import train_if_needed
from scripts.launcher import Launched
from scripts.processes import free_port, wait_http

ROOT = Path(__file__).resolve().parents[2]

VENV_BIN = ROOT / ".venv" / "bin"


class StackClient:
    """What a test needs to talk to a running stack: the channels' REST API and the tracker API."""

    rasa_url: str
    token: str

    def new_sender(self, label: str = "") -> str:
        """A conversation id issued by the server, as the web page or an integration gets one
        (``label`` only names the conversation in the calling test; ids are not chosen by clients)."""
        response = requests.get(f"{self.rasa_url}/webhooks/rest/session", timeout=30)
        response.raise_for_status()
        return response.json()["sender"]

    def rest(self, sender: str, text: str, metadata: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        body: dict[str, Any] = {"sender": sender, "message": text}
        if metadata is not None:
            body["metadata"] = metadata
        response = requests.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        response.raise_for_status()
        return response.json()

    def tracker(self, sender: str) -> dict[str, Any]:
        response = requests.get(
            f"{self.rasa_url}/conversations/{sender}/tracker", params={"token": self.token}, timeout=30
        )
        response.raise_for_status()
        return response.json()

    def bot_events(self, sender: str) -> list[dict[str, Any]]:
        return [e for e in self.tracker(sender)["events"] if e.get("event") == "bot"]


@dataclass
class Stack(StackClient):
    """Single processes started by this harness (not run.sh): only for tests that kill one process
    or run their own worker, which run.sh answers by stopping everything (test_handoff_e2e)."""

    rasa_url: str
    action_url: str
    token: str
    env: dict[str, str] = field(repr=False)
    data_dir: Path
    log_dir: Path
    artifacts_dir: Path
    model: Path
    rasa_port: int
    action_port: int
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)

    def _spawn(self, name: str, args: list[str]) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - the child process keeps writing to it
        proc = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.procs[name] = proc
        return proc

    def start_action_server(self) -> None:
        proc = self._spawn(
            "actions",
            [
                str(VENV_BIN / "python"),
                "-m",
                "bot.action_server",
                "--actions",
                "actions",
                "--port",
                str(self.action_port),
            ],
        )
        wait_http(f"{self.action_url}/health", proc, self.log_dir / "actions.log")

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        proc = self.procs.pop(name, None)
        if proc and proc.poll() is None:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=30)

    def restart_action_server(self) -> None:
        self.kill("actions")
        self.start_action_server()

    def start_worker(self, name: str = "worker", *extra: str) -> subprocess.Popen:
        return self._spawn(name, [str(VENV_BIN / "python"), "-m", "bot", "worker", *extra])

    def start_rasa(self) -> None:
        proc = self._spawn(
            "rasa",
            [
                str(VENV_BIN / "python"),
                "-m",
                "bot.server.rasa_server",
                "run",
                "--model",
                str(self.model),
                "--port",
                str(self.rasa_port),
                "--interface",
                "127.0.0.1",
                "--credentials",
                "credentials.yml",
                "--endpoints",
                "endpoints.yml",
                "--enable-api",
                f"--auth-token={self.token}",  # "=": a token may start with "-"
                "--cors",
                self.env["KYR_PUBLIC_URL"],
            ],
        )
        wait_http(f"{self.rasa_url}/", proc, self.log_dir / "rasa.log")

    def stop(self) -> None:
        for name in list(self.procs):
            self.kill(name, signal.SIGTERM)


def build_stack(base: Path, model: Path) -> Stack:
    """A stack (not started) whose databases, keys and logs live under ``base``."""
    data_dir, log_dir, secrets_dir = base / "data", base / "logs", base / "secrets"
    for folder in (data_dir, log_dir, secrets_dir):
        folder.mkdir()
    artifacts_dir = ROOT / "artifacts"
    artifacts_dir.mkdir(exist_ok=True)
    rasa_port, action_port = free_port(), free_port()
    rasa_url = f"http://127.0.0.1:{rasa_port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KYR_", "TWILIO_", "RASA_API"))}
    env.update(
        {
            "RASA_TELEMETRY_ENABLED": "false",
            "KYR_DATA_DIR": str(data_dir),
            "KYR_SECRETS_DIR": str(secrets_dir),
            "KYR_PUBLIC_URL": rasa_url,
            "KYR_ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook",
            "KYR_ACTION_SECRET": secrets.token_urlsafe(
                24
            ),  # Rasa sends it (endpoints.yml); the action server checks it
            "KYR_TWILIO_WEBHOOK_URL": f"{rasa_url}/webhooks/twilio/webhook",
            "KYR_TEST_RECEIVER_PORT": str(free_port()),
            "TWILIO_ACCOUNT_SID": "AC00000000000000000000000000000000",
            "TWILIO_AUTH_TOKEN": "test-twilio-auth-token",
            "TWILIO_NUMBER": "+15555550100",
            "SANIC_REQUEST_MAX_SIZE": "65536",
            "PYTHONUNBUFFERED": "1",
            # As scripts/env.sh sets for `make run` (measured by bench/serving.py).
            "TF_INTRA_OP_PARALLELISM_THREADS": os.environ.get("TF_INTRA_OP_PARALLELISM_THREADS", "1"),
            "TF_INTER_OP_PARALLELISM_THREADS": os.environ.get("TF_INTER_OP_PARALLELISM_THREADS", "1"),
        }
    )
    test_directory = ROOT / "tests" / "e2e" / "data" / "directory.yml"
    if test_directory.exists():  # fake organizations whose webhook points at the test receiver
        rendered = test_directory.read_text().replace("{{receiver_port}}", env["KYR_TEST_RECEIVER_PORT"])
        (base / "directory.yml").write_text(rendered)
        env["KYR_DIRECTORY_PATH"] = str(base / "directory.yml")
        env["KYR_TEST_ORG_SECRET"] = "test-webhook-secret"
    stack = Stack(
        rasa_url=rasa_url,
        action_url=f"http://127.0.0.1:{action_port}",
        token=secrets.token_urlsafe(24),
        env=env,
        data_dir=data_dir,
        log_dir=log_dir,
        artifacts_dir=artifacts_dir,
        model=model,
        rasa_port=rasa_port,
        action_port=action_port,
    )
    return stack


@contextmanager
def running_stack(base: Path, env: dict[str, str] | None = None) -> Iterator[Stack]:
    """A started stack under ``base`` with the model of the current data (or KYR_MODEL), plus ``env``."""
    # KYR_MODEL: test another model (e.g. while iterating on data); default: the one for the current data.
    model = Path(os.environ["KYR_MODEL"]) if os.environ.get("KYR_MODEL") else train_if_needed.model_path()
    if not model.exists():
        pytest.fail(f"no trained model {model.name} for the current data: run `make test` (it trains first)")
    stack = build_stack(base, model)
    stack.env.update(env or {})
    try:
        stack.start_action_server()
        stack.start_rasa()
        yield stack
    finally:
        stack.stop()


class LaunchedStack(StackClient):
    """The e2e tests' view of a bot started by ``scripts/run.sh`` (scripts.launcher), as `make run` starts it."""

    def __init__(self, live: Launched) -> None:
        self.live = live
        self.rasa_url, self.action_url, self.token = live.rasa_url, live.action_url, live.token
        self.data_dir, self.log_dir = live.data_dir, live.log_dir
        self.artifacts_dir = ROOT / "artifacts"
        self.artifacts_dir.mkdir(exist_ok=True)
        # run.sh's environment plus the values it derives (scripts/env.sh, the secrets folder), and the
        # fields a real Twilio request carries (the channel checks the signature, not these).
        self.env = {
            **live.env,
            "KYR_PUBLIC_URL": live.public_url,
            "KYR_TWILIO_WEBHOOK_URL": live.twilio_webhook_url,
            "TWILIO_AUTH_TOKEN": live.twilio_auth_token(),
            "TWILIO_ACCOUNT_SID": "AC00000000000000000000000000000000",
            "TWILIO_NUMBER": "+15555550100",
        }


@pytest.fixture(scope="session")
def stack(live: Launched) -> LaunchedStack:
    """tests/conftest.py's launched bot (shared with the acceptance journeys); each test uses new senders."""
    return LaunchedStack(live)
