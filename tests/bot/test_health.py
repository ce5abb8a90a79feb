"""A child who only says they are sick or that something hurts gets the health-care answer, not the crisis
answer (QA session 30, row 2: "my tooth hurts" and "me duele la cabeza" got the suicide and trafficking lines).
A girl who only says she may be pregnant gets the pregnancy answer (QA session 33: "I can't answer")."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components.caregiver_voice import CaregiverVoice
from bot.nlu.components.feelings import Feelings
from bot.nlu.components.safety import SafetyOverride
from bot.nlu.health import only_child_health_complaint, only_health_complaint, only_pregnancy
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
    # session 45's blind test: pain for days that staff ignore got the disclosure guard
    "j ai mal au ventre depuis 3 jours et personne m ecoute ici",
    "me duele la panza hace 3 dias y nadie me hace caso",
    "my stomach hurts for 3 days and nobody listens to me",
]
# Anything more than the complaint keeps its usual path: danger told beside a pain, a feeling, a question.
NOT_ONLY_A_COMPLAINT = [
    "my stomach hurts because he kicked me",
    "my head hurts and i want to die",
    "me duele la cabeza desde que el señor me pego",
    "my tooth hurts, can i see a dentist?",
    "puedo ver a la enfermera si me duele la muela",
    "i feel sick of this place",
    "my stomach hurts but he kicked me",
    "nobody listens to me",
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


# A parent, sponsor or relative saying only that their child is sick or hurts (with a caregiver's words).
CHILD_COMPLAINTS = [
    "my son has a toothache",
    "My daughter is sick, what do I do?",
    "my son's tooth hurts",
    "a mi hijo le duele la muela, que hago?",
    "le duele la muela a mi hija",
    "mi hija tiene fiebre",
    "meu filho está com dor de dente",
    "mon fils a mal aux dents",
    "ma fille est malade",
    "pitit mwen malad",
    "pitit gason m gen lafyèv",
    "soy su papá, a mi hijo le duele la muela",  # who writes, then the complaint
    "I'm her mom, she is sick",
]
NOT_ONLY_A_CHILDS_COMPLAINT = [
    "is sick",  # no caregiver's words
    "he has a toothache",
    "she is sick",
    "my son",
    "mi hijo",
    "my son is sick because the guard hit him",
    "mi hijo esta enfermo y lo golpean",
    "my son has a toothache and wants to die",
    "my daughter is sick of the shelter food, can she complain?",
    "my tooth hurts",  # the child's own complaint: only_health_complaint's
]


@pytest.mark.parametrize("text", CHILD_COMPLAINTS)
def test_a_caregiver_who_only_says_the_child_is_sick_or_hurts(text: str) -> None:
    assert only_child_health_complaint(text)


@pytest.mark.parametrize("text", NOT_ONLY_A_CHILDS_COMPLAINT)
def test_a_caregivers_message_that_says_more(text: str) -> None:
    assert not only_child_health_complaint(text)


def test_a_caregivers_message_about_a_sick_child_gets_the_caregivers_health_answer() -> None:
    """CaregiverVoice marks the writer (the answer's for_caregivers form), Feelings the health answer, over a
    crisis guess too; a pain told with a blow keeps the crisis guess."""
    messages = [
        said("a mi hijo le duele la muela, que hago?", "crisis", 0.9),
        said("my daughter has a fever", "caregiver_help", 0.7),
        said("my son is sick because the guard hit him", "crisis", 0.97),
    ]
    CaregiverVoice().process(messages)
    Feelings().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == ["out_of_scope", "out_of_scope", "crisis"]
    assert [health_marked(m) for m in messages] == [True, True, False]
    assert all(any(e["entity"] == "writer" and e["value"] == "caregiver" for e in m.get(ENTITIES)) for m in messages)


def test_no_crisis_training_example_is_only_a_childs_complaint() -> None:
    assert [example for example in examples("crisis") if only_child_health_complaint(example[1])] == []


# A girl who says only that she may be pregnant (QA session 33: "creo que estoy embarazada, me pueden ayudar?" got
# "I can't answer"), and a parent who says only that of their daughter.
PREGNANCY = [
    "creo que estoy embarazada, me pueden ayudar?",
    "I think I'm pregnant",
    "can i get a pregnancy test",
    "no me ha bajado la regla, que hago?",
    "acho que tô grávida",
    "je crois que je suis enceinte",
    "m kwè m ansent",
    "mi hija cree que está embarazada",  # a caregiver's words: the answer's for_caregivers form
    "my daughter is pregnant, what should i do?",
    "pitit fi m ansent",
    "soy su mama, mi hija esta embarazada",  # who writes (QA session 35), then the daughter
    "im her mom, she might be pregnant",
    "mwen se manman l, li ansent",
]
NOT_ONLY_PREGNANCY = [
    "estoy embarazada porque me violaron",  # danger: the classifier and the safety patterns answer it
    "i am pregnant and he hits me",
    "soy su mama, mi hija esta embarazada porque la violaron",
    "she is pregnant",  # no caregiver's words
    "is pregnant",  # no child named
    "ansent",
    "my tooth hurts",
]


@pytest.mark.parametrize("text", PREGNANCY)
def test_a_message_that_only_says_she_may_be_pregnant(text: str) -> None:
    assert only_pregnancy(text)


@pytest.mark.parametrize("text", NOT_ONLY_PREGNANCY)
def test_a_pregnancy_message_that_says_more(text: str) -> None:
    assert not only_pregnancy(text)


def test_pregnancy_gets_its_answer_over_any_guess_and_danger_keeps_the_crisis_guess() -> None:
    messages = [
        said("creo que estoy embarazada, me pueden ayudar?", "nlu_fallback", 0.45),
        said("i think im pregnant", "crisis", 0.8),
        said("estoy embarazada porque me violaron", "crisis", 0.99),
    ]
    Feelings().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == ["out_of_scope", "out_of_scope", "crisis"]
    marked = [[e["value"] for e in m.get(ENTITIES) or [] if e["entity"] == "feeling"] for m in messages]
    assert marked == [["pregnancy"], ["pregnancy"], []]


def test_no_crisis_training_example_is_only_pregnancy() -> None:
    assert [example for example in examples("crisis") if only_pregnancy(example[1])] == []
