"""Acceptance harness: conversations with the bot started by ``scripts/run.sh`` (as `make run` does).

The stack (``live``) and the reference receiver are tests/conftest.py's, shared with tests/e2e: the
receiver runs in this process and is the webhook of the fake legal-aid organization
(tests/e2e/data/directory.yml); run.sh's own handoff worker delivers to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from scripts.launcher import Launched
from tests.acceptance.journey import Conversation


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
