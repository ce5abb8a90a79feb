"""Acceptance harness: one bot started by ``scripts/run.sh`` (as `make run` does) for this package.

The stack is package-scoped: it stops after the last acceptance test, before tests/e2e start
their own. The reference receiver (bot.handoff.receiver) runs in this process and is the
webhook of the fake legal-aid organization (tests/e2e/data/directory.yml); run.sh's own
handoff worker delivers to it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.handoff.receiver import Receiver
from scripts import train_if_needed
from scripts.launcher import Launched, launch
from tests.acceptance.journey import Conversation


@pytest.fixture(scope="package")
def receiver() -> Iterator[Receiver]:
    r = Receiver(secrets.token_urlsafe(24), port=0).start()
    yield r
    r.stop()


@pytest.fixture(scope="package")
def live(tmp_path_factory: pytest.TempPathFactory, receiver: Receiver) -> Iterator[Launched]:
    model = Path(os.environ["KYR_MODEL"]) if os.environ.get("KYR_MODEL") else train_if_needed.model_path()
    if not model.exists():
        pytest.fail(f"no trained model {model.name} for the current data: run `make acceptance` (it trains first)")
    launched = launch(tmp_path_factory.mktemp("acceptance"), receiver.port, receiver.secret)
    try:
        yield launched
    finally:
        launched.stop()


@pytest.fixture
def talk(live: Launched) -> Iterator[Callable[[str, str], Conversation]]:
    """``talk(channel, lang)``: a new user on that channel; closed at the end of the test."""
    opened: list[Conversation] = []

    def start(channel: str, lang: str) -> Conversation:
        conversation = Conversation(live, channel, lang)
        opened.append(conversation)
        return conversation

    yield start
    for conversation in opened:
        conversation.close()
