"""A message that only asks when the child will leave the shelter, or says they want to go back to their country, gets
that answer (QA session 44: "cuando me van a soltar" got the crisis answer, "i want to go back to my country" the
disclosure guard, "how long will i be in the shelter" the caregivers' answer)."""

from __future__ import annotations

import pytest
import yaml
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT

from bot import content, settings
from bot.nlu.components.everyday_questions import EverydayQuestions
from bot.nlu.components.safety import SafetyOverride
from bot.nlu.everyday_questions import asked_everyday_question, everyday_answers
from bot.nlu.languages import SUPPORTED
from bot.nlu.placed_answers import PLACED_ANSWERS, placed_answer
from tests.support.messages import said

pytestmark = pytest.mark.unit

CONFIG = settings.PROJECT_ROOT / "config.yml"

ASKED = [
    ("cuando me van a soltar?", "leaving_the_shelter"),
    ("how long until i get released", "leaving_the_shelter"),
    ("how long will i be in the shelter", "leaving_the_shelter"),
    ("hola, cuando salgo?", "leaving_the_shelter"),
    ("quanto tempo meu filho vai ficar no abrigo", "leaving_the_shelter"),
    ("quand est-ce que je vais sortir ?", "leaving_the_shelter"),
    ("kilè m ap soti", "leaving_the_shelter"),
    ("i want to go back to my country", "going_home"),
    ("i want to go back to guatemala", "going_home"),
    ("Quiero regresar a mi país", "going_home"),
    ("quiero regresar a honduras con mi familia", "going_home"),
    ("prefiero que me deporten", "going_home"),
    ("quero voltar pro meu pais", "going_home"),
    ("je veux rentrer chez moi", "going_home"),
    ("m vle retounen ayiti", "going_home"),
    # QA46: fell back in pt, fr, ht; "puedo?" after the question got the answer on what to tell a therapist
    ("oi quando eu vou sair do abrigo", "leaving_the_shelter"),
    ("bonjour, quand est ce que je vais sortir du centre?", "leaving_the_shelter"),
    ("quiero regresar a mi pais, puedo?", "going_home"),
    ("mwen vle tounen ayiti", "going_home"),
]
NOT_ONLY_THE_QUESTION = [
    "when do i get out, they hit me here",
    "i want to go back to the shelter",
    "when can i call my mom",
    "quiero regresar a mi pais porque alla me querian matar",
    "/leaving_the_shelter",
    "puedo",
    "",
]


@pytest.mark.parametrize("text,answer", ASKED)
def test_a_message_that_only_asks_the_question(text: str, answer: str) -> None:
    assert asked_everyday_question(text) == answer


@pytest.mark.parametrize("text", NOT_ONLY_THE_QUESTION)
def test_a_message_with_more_in_it(text: str) -> None:
    assert asked_everyday_question(text) is None


def test_every_question_has_an_answer_in_every_language_and_is_placed() -> None:
    assert everyday_answers() == {"leaving_the_shelter", "going_home"}
    assert everyday_answers() <= PLACED_ANSWERS
    for answer in everyday_answers():
        for lang in SUPPORTED:
            assert content.answer(answer, lang).short


def test_any_guess_but_a_delete_request_becomes_the_answer() -> None:
    messages = [
        said("cuando me van a soltar", "crisis", 0.71),
        said("i want to go back to my country", "disclosure_guard", 0.58),
        said("how long will i be in the shelter", "caregiver_help", 0.97),
        said("i want to go home", "delete_my_data", 0.6),
    ]
    EverydayQuestions().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == ["out_of_scope"] * 3 + ["delete_my_data"]
    assert [placed_answer({ENTITIES: m.get(ENTITIES) or []}) for m in messages] == [
        "leaving_the_shelter",
        "going_home",
        "leaving_the_shelter",
        None,
    ]


def test_the_safety_patterns_run_after_it() -> None:
    pipeline = [step["name"].rsplit(".", 1)[-1] for step in yaml.safe_load(CONFIG.read_text())["pipeline"]]
    assert pipeline.index("EverydayQuestions") < pipeline.index("SafetyOverride")
    message = said("when do i get out", "out_of_scope", 0.5)
    EverydayQuestions().process([message])
    message.set(TEXT, "when do i get out, the guard hits me")  # danger words in the same message
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] == "crisis"
