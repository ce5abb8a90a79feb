"""End to end: a Spanish conversation ends in exactly one signed handoff at a loopback receiver.

This module starts its own stack of single processes (``running_stack``, not run.sh): it kills
the action server mid-handoff and runs its own worker with fast retries, and run.sh answers a
process that stops by stopping everything. The stack's env carries KYR_DIRECTORY_PATH
(tests/e2e/data/directory.yml, rendered with KYR_TEST_RECEIVER_PORT) and KYR_TEST_ORG_SECRET.
The same journeys through run.sh's own worker are in tests/acceptance/test_handoff.py.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from bot import content
from bot.handoff.payload import REFERENCE_RE, validate
from bot.handoff.receiver import Receiver
from tests.e2e.conftest import Stack, running_stack
from tests.support import outbox

PHONE_TYPED = "555 555 0123"
PHONE = "+15555550123"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    with running_stack(tmp_path_factory.mktemp("handoff_stack")) as started:
        yield started


@pytest.fixture(scope="module")
def receiver(stack) -> Receiver:
    if "KYR_DIRECTORY_PATH" not in stack.env:
        pytest.fail("the stack has no test directory: tests/e2e/data/directory.yml must exist")
    r = Receiver(stack.env["KYR_TEST_ORG_SECRET"], port=int(stack.env["KYR_TEST_RECEIVER_PORT"])).start()
    yield r
    r.stop()


@pytest.fixture(scope="module")
def worker(stack, receiver):
    stack.env["KYR_HANDOFF_RETRY_BASE_SECONDS"] = "1"
    stack.env["KYR_HANDOFF_RETRY_MAX_SECONDS"] = "2"
    proc = stack.start_worker("handoff-worker", "--interval", "0.5")
    yield proc
    stack.kill("handoff-worker")


def texts(replies: list[dict[str, Any]]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def reference_in(text: str) -> str:
    reference = next(w.strip(".,") for w in text.split() if w.startswith("KYR-"))
    assert REFERENCE_RE.match(reference)
    return reference


def converse_to_summary(stack, sender: str) -> str:
    """Spanish conversation from a question to the consent summary; returns the summary text."""
    stack.rest(sender, "¿tengo derecho a un abogado?")
    # The form's first question, as the launched server renders it (it used to pass on the
    # out-of-scope answer, which also says "abogado": issue #10).
    assert content.t("handoff.ask_role", "es") in texts(stack.rest(sender, "quiero que un abogado me llame"))
    stack.rest(sender, "soy el joven")
    stack.rest(sender, "estoy en un albergue")
    stack.rest(sender, "Tejas")
    stack.rest(sender, "tengo 16")
    stack.rest(sender, "mensaje de texto")
    summary = texts(stack.rest(sender, PHONE_TYPED))
    assert "Esto es exactamente lo que enviaré" in summary, summary
    assert PHONE in summary and "TX" in summary
    return summary


def mine(receiver: Receiver, before: int) -> list[dict[str, Any]]:
    return receiver.received[before:]


def test_spanish_conversation_delivers_exactly_one_signed_payload(stack, receiver, worker):
    before = len(receiver.received)
    sender = stack.new_sender("handoff-es")
    converse_to_summary(stack, sender)
    reference = reference_in(texts(stack.rest(sender, "sí")))
    # Once the outbox marks it delivered, the worker never sends it again: exactly what arrived is all.
    assert wait_for(lambda: outbox.status(stack.data_dir, reference)[:1] == ("delivered",))
    docs = mine(receiver, before)
    assert len(docs) == 1
    doc = docs[0]
    validate(doc)
    assert doc["reference"] == reference and doc["language"] == "es" and doc["state"] == "TX"
    assert doc["in_custody"] is True and doc["age_group"] == "under_18"
    assert doc["contact"] == {"method": "sms", "value": PHONE}
    assert doc["org_id"] == "fake_e2e_legal_aid"
    bot_events = stack.bot_events(sender)
    assert all(e["metadata"].get("lang") == "es" for e in bot_events[-3:])
    assert {e["metadata"].get("topic") for e in bot_events} >= {"human_handoff"}


def test_receiver_down_then_up_delivers_once(stack, receiver, worker):
    receiver.stop()
    try:
        sender = stack.new_sender("handoff-down")
        converse_to_summary(stack, sender)
        reference = reference_in(texts(stack.rest(sender, "sí")))
        # The worker tried, failed and keeps it for a retry while the receiver is down.
        assert wait_for(
            lambda: outbox.status(stack.data_dir, reference) and outbox.status(stack.data_dir, reference)[1] >= 2
        )
        assert outbox.status(stack.data_dir, reference)[0] == "pending"
    finally:
        before = len(receiver.received)
        receiver.start()
    assert wait_for(lambda: outbox.status(stack.data_dir, reference)[:1] == ("delivered",))
    assert [d["reference"] for d in mine(receiver, before)] == [reference]


def test_action_server_killed_right_after_consent_still_delivers(stack, receiver, worker):
    before = len(receiver.received)
    sender = stack.new_sender("handoff-kill")
    converse_to_summary(stack, sender)
    reference = reference_in(texts(stack.rest(sender, "sí")))
    stack.kill("actions")  # SIGKILL right after the consent was answered
    stack.start_action_server()
    assert wait_for(lambda: outbox.status(stack.data_dir, reference)[:1] == ("delivered",))
    assert [d["reference"] for d in mine(receiver, before)] == [reference]


@pytest.mark.parametrize("last", ["no", "cancelar"])
def test_declining_or_cancelling_sends_nothing(stack, receiver, worker, last):
    before, queued_before = len(receiver.received), outbox.queued(stack.data_dir)
    sender = stack.new_sender("handoff-no")
    converse_to_summary(stack, sender)
    reply = texts(stack.rest(sender, last))
    assert "No se envió nada" in reply
    sender2 = stack.new_sender("handoff-cancel-early")
    stack.rest(sender2, "quiero que un abogado me llame")
    assert "No se envió nada" in texts(stack.rest(sender2, "cancelar"))
    # A consented handoff is queued before the reply is sent, so an unchanged outbox means nothing
    # was, or ever will be, sent for these conversations.
    assert outbox.queued(stack.data_dir) == queued_before
    assert mine(receiver, before) == []
