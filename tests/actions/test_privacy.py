"""action_delete_my_data: forgets pending handoffs, says what was and was not deleted, in the user's language."""

from __future__ import annotations

import shutil
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.privacy import ActionDeleteMyData, Forgotten, deletion_message
from bot import content
from bot.channels import sms

LOCALES = Path(__file__).resolve().parents[2] / "data" / "locales"


@pytest.fixture(autouse=True)
def privacy_content(tmp_path: Path):
    """Only this feature's locale files, so other content being edited cannot break these tests."""
    for name in ("privacy.en.yml", "privacy.es.yml"):
        shutil.copy(LOCALES / name, tmp_path / name)
    content.load(tmp_path, force=True)
    yield
    content.load(force=True)


class FakeOutbox:
    calls: list[str] = []
    result = types.SimpleNamespace(pending_removed=0, delivered=0)
    error: Exception | None = None

    @classmethod
    def from_settings(cls) -> FakeOutbox:
        return cls()

    def forget_sender(self, sender_id: str) -> Any:
        FakeOutbox.calls.append(sender_id)
        if FakeOutbox.error:
            raise FakeOutbox.error
        return FakeOutbox.result


@pytest.fixture()
def outbox(monkeypatch: pytest.MonkeyPatch) -> type:
    FakeOutbox.calls, FakeOutbox.error = [], None
    FakeOutbox.result = types.SimpleNamespace(pending_removed=0, delivered=0)
    monkeypatch.setitem(sys.modules, "bot.handoff.outbox", types.SimpleNamespace(Outbox=FakeOutbox))
    return FakeOutbox


def make_tracker(
    slots: dict[str, Any], latest: dict[str, Any], channel: str = "rest", sender: str = "sms-fake0001"
) -> Tracker:
    events = [{"event": "user", "text": latest.get("text", ""), "input_channel": channel, "parse_data": latest}]
    return Tracker(sender, slots, latest, events, False, None, {}, "action_listen")


def latest(text: str = "delete my data", lang: str | None = None) -> dict[str, Any]:
    message: dict[str, Any] = {"intent": {"name": "delete_my_data"}, "entities": [], "text": text}
    if lang:
        message["detected_language"] = {"code": lang, "confidence": 0.95}
    return message


async def run(tracker: Tracker) -> tuple[list, dict]:
    dispatcher = CollectingDispatcher()
    events = await ActionDeleteMyData().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    return events, message


async def test_without_handoffs_confirms_the_chat_is_deleted_in_english(outbox: type) -> None:
    events, message = await run(make_tracker({"language": "en"}, latest()))
    assert events == []  # the tracker store wipes the conversation when it sees this action
    assert outbox.calls == ["sms-fake0001"]
    assert message["text"] == content.t("privacy.deleted", "en")
    assert message["topic"] == "delete_my_data" and message["lang"] == "en"


async def test_spanish_with_pending_and_delivered_requests(outbox: type) -> None:
    outbox.result = types.SimpleNamespace(pending_removed=2, delivered=1)
    _, message = await run(make_tracker({"language": "es"}, latest("borra mis datos")))
    text = message["text"]
    assert text.startswith("Listo. Borré este chat")
    assert "cancelé 2 pedidos de ayuda legal" in text
    assert "1 pedido ya fue enviado" in text and "directamente" in text
    assert message["lang"] == "es"


async def test_language_falls_back_to_the_detected_language(outbox: type) -> None:
    _, message = await run(make_tracker({}, latest("borra todo lo que sabes de mi", lang="es")))
    assert message["lang"] == "es" and message["text"].startswith("Listo.")


async def test_plural_and_singular_forms_in_english() -> None:
    text = deletion_message(Forgotten(pending_removed=1, delivered=3), "en", "rest")
    assert "cancelled 1 request for legal help" in text
    assert "3 requests were already sent" in text and "Contact those groups directly" in text


async def test_outbox_failure_is_admitted_and_user_told_to_retry(outbox: type) -> None:
    outbox.error = RuntimeError("database is locked")
    events, message = await run(make_tracker({"language": "en"}, latest()))
    assert events == []
    assert "couldn't check your legal help requests" in message["text"]
    assert "DELETE again" in message["text"]


async def test_missing_handoff_module_counts_as_nothing_stored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "bot.handoff.outbox", None)
    _, message = await run(make_tracker({"language": "en"}, latest()))
    assert message["text"] == content.t("privacy.deleted", "en")


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_sms_reply_mentions_carrier_records_and_fits_three_segments(outbox: type, lang: str) -> None:
    outbox.result = types.SimpleNamespace(pending_removed=12, delivered=12)
    _, message = await run(make_tracker({"language": lang}, latest(), channel="twilio"))
    assert content.t("privacy.sms_carrier", lang) in message["text"]
    assert sms.segments(message["text"]) <= 3


async def test_real_outbox_with_nothing_stored_if_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("bot.handoff.outbox")
    monkeypatch.setenv("KYR_HANDOFF_DB_URL", f"sqlite:///{tmp_path / 'handoffs.db'}")
    _, message = await run(make_tracker({"language": "en"}, latest()))
    assert message["text"] == content.t("privacy.deleted", "en")
