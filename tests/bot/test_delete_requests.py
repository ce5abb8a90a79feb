"""Which typed messages delete the chat at once (data/privacy/delete_requests.yml), in five languages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components.delete_requests import DeleteRequests, delete_intent
from bot.nlu.components.safety import SafetyOverride
from bot.nlu.languages import LANGUAGES
from bot.privacy import delete_requests
from bot.privacy.delete_requests import (
    ends_with_delete_request,
    is_explicit_delete_request,
    starts_with_delete_request,
)

pytestmark = pytest.mark.unit

CASES = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "delete_requests.yml").read_text("utf-8"))


def _cases(kind: str) -> list[tuple[str, str]]:
    return [(lang, text) for lang in LANGUAGES for text in CASES[lang][kind]]


def test_every_language_has_cases_of_each_kind() -> None:
    for lang in LANGUAGES:
        assert CASES[lang]["whole"] and CASES[lang]["not_requests"], lang


@pytest.mark.parametrize(("lang", "text"), _cases("whole"))
def test_a_whole_request_deletes_whatever_the_classifier_said(lang: str, text: str) -> None:
    assert is_explicit_delete_request(text)
    for classified in ("crisis", "nlu_fallback", "cancel", "bot_privacy"):
        assert delete_intent(text, classified) == "delete_my_data"
    assert delete_intent(text, "delete_my_data") is None  # already right


@pytest.mark.parametrize(("lang", "text"), _cases("last_clause"))
def test_a_request_after_a_lead_in_deletes_unless_the_classifier_saw_danger(lang: str, text: str) -> None:
    assert not is_explicit_delete_request(text) and ends_with_delete_request(text)
    assert delete_intent(text, "delete_my_data") is None  # stays a delete request
    for classified in ("goodbye", "thanks", "nlu_fallback", "bot_privacy"):
        assert delete_intent(text, classified) == "delete_my_data"
    # The lead-in is not read: a crisis or disclosure guess stands (the crisis answer offers Delete).
    assert delete_intent(text, "crisis") is None and delete_intent(text, "disclosure_guard") is None


@pytest.mark.parametrize(("lang", "text"), _cases("first_clause"))
def test_a_request_then_a_reason_deletes_unless_the_classifier_saw_danger(lang: str, text: str) -> None:
    assert not is_explicit_delete_request(text) and not ends_with_delete_request(text)
    assert starts_with_delete_request(text)
    assert delete_intent(text, "delete_my_data") is None
    for classified in ("goodbye", "thanks", "nlu_fallback", "bot_privacy"):
        assert delete_intent(text, classified) == "delete_my_data"
    assert delete_intent(text, "crisis") is None and delete_intent(text, "disclosure_guard") is None


@pytest.mark.parametrize(("lang", "text"), _cases("neither") + _cases("not_requests"))
def test_anything_else_the_classifier_calls_delete_gets_what_the_chat_keeps(lang: str, text: str) -> None:
    assert not is_explicit_delete_request(text) and not ends_with_delete_request(text)
    assert not starts_with_delete_request(text)
    assert delete_intent(text, "delete_my_data") == "bot_privacy"
    assert delete_intent(text, "court_and_asylum") is None


@pytest.mark.parametrize(
    "text",
    [
        "delete my data",
        "DELETE",
        "Please delete everything I said now!",
        "can u erase this chat and my number pls",
        "jveux que tu oublies tout ce que jai dit",
        "Tu peux effacer tout ce qu'on a dit ?",
        "oublie tout ce que j'ai dit",
        "borra todo lo q te dije",
        "¡Bórralo todo ya!",
        "bórrame todo porfa",
        "esquece tudo que eu falei",
        "apaga essa conversa pfv",
        "bliye tout sa m te di w",
        "efase done m yo tanpri",
    ],
)
def test_plain_requests_in_each_language(text: str) -> None:
    assert is_explicit_delete_request(text)


@pytest.mark.parametrize(
    "text",
    [
        "don't delete my data",
        "dont delete my messages now",
        "he deleted my messages",
        "i forgot my password",
        "forget it",
        "forget that",
        "olvidalo",
        "oublie ca",
        "esquece",
        "bliye l",
        "can staff delete my file",
        "can my sponsor delete my messages",
        "how do i delete my chat",
        "forget what i told you about my uncle",
        "forget what i said",  # usually "never mind"; "forget everything i said" is a request
        "esquece oq eu falei",
        "retire ca",
        "quita eso",
        "ya no, quita eso",
        "retire sa",
        "erase all this he checks my phone",
        "",
        "/delete_my_data",
    ],
)
def test_look_alikes_never_delete_at_once(text: str) -> None:
    assert not is_explicit_delete_request(text) and not ends_with_delete_request(text)


@pytest.mark.parametrize("text", ["forget me", "just forget me", "olvídame", "esquece de mim", "oublie moi", "bliye m"])
def test_forget_me_is_left_to_the_classifier_and_the_patterns(text: str) -> None:
    # It can be a farewell: never a deletion by this grammar alone (the classifier's delete guess gets
    # the answer with the Delete button; its crisis guess, the crisis answer).
    assert not is_explicit_delete_request(text) and not ends_with_delete_request(text)
    assert delete_intent(text, "crisis") is None


def test_a_long_lead_in_of_many_clauses_still_ends_with_a_request() -> None:
    # The last-clause search starts at the end and stops where no request could be that long.
    lead_in = "thanks for the answers, " * 60
    assert ends_with_delete_request(lead_in + "im on my cousins phone so erase my messages pls")
    assert ends_with_delete_request(lead_in + "please, delete my data")
    assert not ends_with_delete_request(lead_in + "my sponsor deleted my messages")


def test_payloads_are_left_to_rasa() -> None:
    # Buttons, the quick exit and the SMS keywords send "/delete_my_data": always a delete.
    assert delete_intent("/delete_my_data", "delete_my_data") is None
    assert delete_intent("/bot_privacy", "delete_my_data") is None


def test_the_component_rewrites_the_intent_and_the_safety_patterns_still_win() -> None:
    def said(text: str, intent: str) -> Message:
        return Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.8}})

    messages = [
        said("jveux que tu oublies tout ce que jai dit", "crisis"),
        said("he deleted my messages", "delete_my_data"),
        said("im on my cousins phone so erase my messages pls", "delete_my_data"),
        said("erase everything, my uncle hits me when he reads my phone", "delete_my_data"),
    ]
    DeleteRequests().process(messages)
    SafetyOverride().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == ["delete_my_data", "bot_privacy", "delete_my_data", "crisis"]
    assert messages[0].get(INTENT)["confidence"] == 1.0


def test_a_language_without_a_key_fails_loudly(tmp_path: Path) -> None:
    raw = yaml.safe_load(delete_requests.PHRASES_FILE.read_text("utf-8"))
    del raw["ht"]["forget"]
    broken = tmp_path / "delete_requests.yml"
    broken.write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    with pytest.raises(ValueError, match=r"ht\.forget"):
        delete_requests.load(broken)
