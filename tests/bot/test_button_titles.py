from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import content
from bot.content.replies import NOT_BY_TITLE, typed_titles
from bot.nlu.components.button_titles import ButtonTitles, title_language

pytestmark = pytest.mark.unit


def said(text: str, intent: str, confidence: float = 0.45) -> Message:
    return Message(data={TEXT: text, INTENT: {"name": intent, "confidence": confidence}})


def test_a_typed_button_title_does_what_the_button_does_in_any_language() -> None:
    """QA session 30: "buscar abogado gratis" got "I can help with both" with the button it had typed."""
    messages = [
        said("buscar abogado gratis", "nlu_fallback"),
        said("Find a free lawyer", "right_to_lawyer", 0.6),
        said("¿Mi terapia es privada?", "nlu_fallback"),
        said("what does this chat keep", "bot_privacy", 0.9),
        said("find a free lawyer in texas", "find_legal_aid", 0.9),  # not a title: the classifier's
        said("delete my chat", "delete_my_data", 0.9),  # deleting keeps its own check
        said("i need help now", "crisis", 0.9),
        said("/right_to_lawyer", "right_to_lawyer", 1.0),
    ]
    ButtonTitles().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == [
        "find_legal_aid",
        "find_legal_aid",
        "therapy_privacy",
        "bot_privacy",
        "find_legal_aid",
        "delete_my_data",
        "crisis",
        "right_to_lawyer",
    ]


def test_a_crisis_or_disclosure_guess_stands() -> None:
    messages = [said("Find a free lawyer", "crisis", 0.5), said("Find a free lawyer", "disclosure_guard", 0.5)]
    ButtonTitles().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == ["crisis", "disclosure_guard"]


def test_every_answer_title_in_every_language_is_known_unless_two_answers_share_it() -> None:
    titles = typed_titles()
    assert titles["find a free lawyer"] == "find_legal_aid" and titles["buscar abogado gratis"] == "find_legal_aid"
    known = set(titles.values())
    assert not known & NOT_BY_TITLE
    for answer_id in content.answer_ids("en"):
        assert answer_id in known or answer_id in NOT_BY_TITLE, answer_id


def test_a_caregivers_title_typed_does_what_its_button_does() -> None:
    """A parent sees "¿Qué derechos tiene mi hijo?" where a child sees "¿Qué derechos tengo aquí?"."""
    messages = [
        said("¿Qué derechos tiene mi hijo?", "nlu_fallback"),
        said("Free lawyer for my child", "out_of_scope", 0.5),
    ]
    ButtonTitles().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == ["rights_in_custody", "right_to_lawyer"]


def test_a_typed_title_of_a_dialogue_answer_asks_for_it_as_its_button_does() -> None:
    """Session 40: "¿Es seguro contarlo?" typed after the check-in got the check-in again (it named no intent)."""
    from bot.content.replies import button_payload

    message = said(content.answer("telling_after_danger", "es").title, "nlu_fallback")
    ButtonTitles().process([message])
    assert message.get(INTENT)["name"] == "out_of_scope"
    # The title is Spanish only: it also says the user's language (session 42).
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [
        ("follow_up", "telling_after_danger"),
        ("language", "es"),
    ]
    assert button_payload("telling_after_danger") == '/out_of_scope{"follow_up":"telling_after_danger"}'
    assert button_payload("therapy_privacy") == "/therapy_privacy"


@pytest.mark.parametrize(
    ("text", "lang"),
    [("¿Qué guarda este chat?", "es"), ("mi terapia es privada", "es"), ("Is my therapy private?", "en"), ("Sí", None)],
)
def test_a_typed_title_of_one_language_says_the_language(text: str, lang: str | None) -> None:
    """Session 42: "¿Qué guarda este chat?" typed after "hi" was answered in English."""
    assert title_language(text) == lang
