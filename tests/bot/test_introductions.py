"""A child who only gives their name gets the note that no name is needed (out_of_scope's answer to a name), not
the disclosure guard's "I'm sorry you went through hard things" (QA session 35: "my name is Jo Fakeperson")."""

from __future__ import annotations

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, TEXT

from bot import settings
from bot.nlu.components.introductions import Introductions
from bot.nlu.components.safety import SafetyOverride
from bot.nlu.introductions import details_not_about_age, only_introduction
from tests.support.messages import said
from tests.support.training_data import examples

pytestmark = pytest.mark.unit

CONFIG = settings.PROJECT_ROOT / "config.yml"

INTRODUCTIONS = [
    "my name is Jo Fakeperson",
    "Hi, my name is Jo.",
    "good morning, my name is Jo",
    "hola, me llamo Ana María",
    "mi nombre es Brayan",
    "meu nome é João",
    "oi, eu me chamo Ana",
    "je m'appelle Ana",
    "Bonjour ! Mon nom est Jo",
    "mwen rele Jo",
    "bonjou, non mwen se Jo",
    "hi im Jo",
    "soy Maria",
]
# A name and anything else keeps its usual path.
NOT_ONLY_AN_INTRODUCTION = [
    "me llamo Brayan y cruce por el rio",
    "my name is Jo and i need a lawyer",
    "me llamo Ana, me pegan",  # another clause
    "me llamo Ana tengo miedo",  # more than a two-word name
    "my name is Jo, hi",
    "my name is 555",
    "my name is Jo my number is 555-0100",
    "soy hondureña",
    "im scared",
    "anota mi nombre y cuando naci para que lo tengas",
    "do you keep my name",
    "hi",
    "/greet",
    "",
]


@pytest.mark.parametrize("text", INTRODUCTIONS)
def test_a_message_that_only_gives_a_name(text: str) -> None:
    assert only_introduction(text)


@pytest.mark.parametrize("text", NOT_ONLY_AN_INTRODUCTION)
def test_a_name_with_something_else(text: str) -> None:
    assert not only_introduction(text)


def test_a_name_is_out_of_scope_over_the_disclosure_guess_and_a_crisis_guess_stands() -> None:
    messages = [
        said("my name is Jo Fakeperson", "disclosure_guard", 0.51),
        said("me llamo Ana", "inform", 0.6),
        said("me llamo Ana", "crisis", 0.7),
        said("hola, me llamo Ana", "greet", 0.7),  # the menu, which says no name is needed
        said("me llamo Ana tengo miedo", "disclosure_guard", 0.6),
    ]
    Introductions().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == [
        "out_of_scope",
        "out_of_scope",
        "crisis",
        "greet",
        "disclosure_guard",
    ]


def test_the_feelings_and_safety_components_run_after_it() -> None:
    """config.yml runs Feelings and SafetyOverride after Introductions: what they find still decides."""
    pipeline = [step["name"].rsplit(".", 1)[-1] for step in yaml.safe_load(CONFIG.read_text())["pipeline"]]
    assert pipeline.index("Introductions") < pipeline.index("Feelings") < pipeline.index("SafetyOverride")
    message = said("me llamo Ana", "inform", 0.5)
    Introductions().process([message])
    assert message.get(INTENT)["name"] == "out_of_scope"
    message.set(TEXT, "me llamo Ana, me pegan")  # a pattern list that grew a name by mistake still ends in crisis
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] == "crisis"


@pytest.mark.parametrize("intent", ["crisis", "disclosure_guard"])
def test_no_crisis_or_disclosure_training_example_is_only_an_introduction(intent: str) -> None:
    assert [text for _, text in examples(intent) if only_introduction(text)] == []


# Session 42's blind test: personal details with a birth date or an age got the turning-18 answer.
def test_personal_details_with_a_birth_date_are_not_a_turning_18_question() -> None:
    messages = [
        said("im Dario Mendez 555-555-0123 A-222-333-444 born 01/05/2011 at Brightwater shelter", "turning_18", 0.88),
        said("me llamo Fernanda Ruiz, tengo 13, mi A es A 301 222 999, estoy en casa sol", "turning_18", 0.75),
        said("im Dario Mendez A-222-333-444 and i turn 18 next month what happens", "turning_18", 0.9),
        said("what happens when i turn 18", "turning_18", 0.95),
    ]
    Introductions().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == ["out_of_scope", "out_of_scope", "turning_18", "turning_18"]
    assert details_not_about_age("my name is Jo Fakeperson, my number is 555-555-0142, born 3/14/2010")
    assert not details_not_about_age("my name is Jo Fakeperson")
