"""A child who only says they are sick or that something hurts gets the health-care answer, not the crisis
answer (QA session 30, row 2: "my tooth hurts" and "me duele la cabeza" got the suicide and trafficking lines)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components.feelings import Feelings
from bot.nlu.components.safety import SafetyOverride
from bot.nlu.health import only_health_complaint
from tests.support.messages import said
from tests.support.training_data import examples

pytestmark = pytest.mark.unit

# What children typed in the blind user test, and the same kind of message in each language.
COMPLAINTS = [
    "my tooth hurts",
    "my stomach hurts",
    "me duele la cabeza",
    "Hola, me duele mucho la muela!!",
    "i have a fever since yesterday",
    "to com dor de dente",
    "minha cabeça dói muito",
    "J'ai mal à la tête",
    "j ai mal au ventre depuis hier",
    "tèt mwen fè m mal",
    "m malad",
    "m bezwen wè yon doktè",
    "me duele la muela, que hago?",
    "i need to see a doctor",
]
# Anything more than the complaint keeps its usual path: danger told beside a pain, a feeling, a question.
NOT_ONLY_A_COMPLAINT = [
    "my stomach hurts because he kicked me",
    "my head hurts and i want to die",
    "me duele la cabeza desde que el señor me pego",
    "my tooth hurts, can i see a dentist?",
    "puedo ver a la enfermera si me duele la muela",
    "i feel sick of this place",
    "me siento mal",
    "so bad",
    "hi",
    "/out_of_scope",
    "",
]


@pytest.mark.parametrize("text", COMPLAINTS)
def test_a_message_that_only_says_the_child_is_sick_or_hurts(text: str) -> None:
    assert only_health_complaint(text)


@pytest.mark.parametrize("text", NOT_ONLY_A_COMPLAINT)
def test_a_message_that_says_more(text: str) -> None:
    assert not only_health_complaint(text)


def health_marked(message: Message) -> bool:
    return any(e["entity"] == "feeling" and e["value"] == "health_care" for e in message.get(ENTITIES))


def test_the_classifiers_crisis_guess_on_a_toothache_becomes_the_health_answer() -> None:
    messages = [
        said("my tooth hurts", "crisis", 0.97),
        said("me duele la cabeza", "greet", 0.6),
        said("m malad", "nlu_fallback", 0.45),
        said("my stomach hurts because he kicked me", "crisis", 0.97),  # more than a complaint: crisis stands
        said("me siento triste", "nlu_fallback", 0.45),  # a feeling: the feelings answer, as before
    ]
    Feelings().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == [
        "out_of_scope",
        "out_of_scope",
        "out_of_scope",
        "crisis",
        "out_of_scope",
    ]
    assert [health_marked(m) for m in messages] == [True, True, True, False, False]


def test_a_safety_pattern_after_it_still_wins() -> None:
    """The pipeline runs SafetyOverride after Feelings (config.yml): a complaint list that grew a danger word
    by mistake would still give the crisis answer when a pattern matches."""
    message = said("my stomach hurts", "crisis", 0.97)
    Feelings().process([message])
    message.set(TEXT, "my stomach hurts, he kicked me")
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] == "crisis"


def test_no_crisis_training_example_is_only_a_complaint() -> None:
    """The override may only ever reach messages nobody labelled as danger."""
    assert [example for example in examples("crisis") if only_health_complaint(example[1])] == []
