"""A message that only asks what a word means gets the answer that explains it (session 37, by hand: "what does
sponsor mean" got the history of ORR sharing sponsors' data with ICE, "what is a case manager" the menu)."""

from __future__ import annotations

import pytest
import yaml
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT

from bot import content, settings
from bot.nlu.components.definitions import Definitions
from bot.nlu.components.safety import SafetyOverride
from bot.nlu.definitions import DEFINITIONS_FILE, asked_definition, definition_answers
from bot.nlu.languages import SUPPORTED
from bot.nlu.placed_answers import placed_answer
from tests.support.messages import said
from tests.support.training_data import examples

pytestmark = pytest.mark.unit

CONFIG = settings.PROJECT_ROOT / "config.yml"
DOMAIN = yaml.safe_load((settings.PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
INTENTS = [i if isinstance(i, str) else next(iter(i)) for i in DOMAIN["intents"]]

ASKED = [
    ("what does sponsor mean", "define_sponsor"),
    ("What is a sponsor?", "define_sponsor"),
    ("que es un patrocinador?", "define_sponsor"),
    ("hola, que es un sponsor", "define_sponsor"),
    ("soy la mama, que es un patrocinador?", "define_sponsor"),  # a parent says who they are first
    ("o que é um patrocinador?", "define_sponsor"),
    ("what is a case manager", "define_case_manager"),
    ("who is my case manager?", "define_case_manager"),
    ("c'est quoi un case manager ?", "define_case_manager"),
    ("y que hace el case manager?", "define_case_manager"),  # what it does is what it is
    ("what does a case manager do", "define_case_manager"),
    ("que es el expediente?", "define_case_file"),
    ("no entiendo, que es un expediente", "define_case_file"),
    ("kisa dosye a ye", "define_case_file"),  # Creole's article after the word
    ("kisa yon dosye ye?", "define_case_file"),
    ("what is ORR", "define_orr"),
    ("qu'est-ce que l'ORR ?", "define_orr"),
    ("kisa ORR ye?", "define_orr"),
    ("what is ICE?", "held_by_cbp_ice"),  # a topic whose answer explains the word
    ("que es la migra", "held_by_cbp_ice"),
    ("what is a child advocate?", "child_advocate"),
    ("que es asilo?", "court_and_asylum"),
    ("qu'est-ce que l'asile ?", "court_and_asylum"),
    ("c'est quoi l'ombuds ?", "complaint"),
    ("what is FOIA", "records_request"),
    ("kisa yon rapò ensidan ye?", "incident_reports"),
]
NOT_ONLY_A_DEFINITION = [
    "who can see my case file",
    "what is a sponsor and can ice see it",
    "my son is sick what is ORR",
    "sponsor",
    "my sponsor hits me, what is that",
    "/define_sponsor",
    "",
]


@pytest.mark.parametrize("text,answer", ASKED)
def test_a_message_that_only_asks_what_a_word_means(text: str, answer: str | None) -> None:
    assert asked_definition(text) == answer


@pytest.mark.parametrize("text", NOT_ONLY_A_DEFINITION)
def test_a_question_with_more_in_it(text: str) -> None:
    assert asked_definition(text) is None


def test_a_definition_is_out_of_scope_with_its_answer_a_topic_its_intent_and_safety_guesses_stand() -> None:
    messages = [
        said("what does sponsor mean", "sponsor_privacy", 0.71),
        said("what is ICE?", "therapy_notes_ice", 0.6),
        said("que es un sponsor", "crisis", 0.8),
        said("what is a case manager", "disclosure_guard", 0.9),
    ]
    Definitions().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == [
        "out_of_scope",
        "held_by_cbp_ice",
        "crisis",
        "disclosure_guard",
    ]
    assert placed_answer({ENTITIES: messages[0].get(ENTITIES)}) == "define_sponsor"
    assert [placed_answer({ENTITIES: m.get(ENTITIES) or []}) for m in messages[1:]] == [None, None, None]


def test_the_safety_patterns_run_after_it() -> None:
    pipeline = [step["name"].rsplit(".", 1)[-1] for step in yaml.safe_load(CONFIG.read_text())["pipeline"]]
    assert pipeline.index("Definitions") < pipeline.index("SafetyOverride")
    message = said("what is a sponsor", "out_of_scope", 0.5)
    Definitions().process([message])
    message.set(TEXT, "what is a sponsor, mine hits me")  # a question list that grew danger words by mistake
    SafetyOverride().process([message])
    assert message.get(INTENT)["name"] == "crisis"


@pytest.mark.parametrize("lang", SUPPORTED)
def test_every_definition_and_every_term_has_an_answer_and_words_in_every_language(lang: str) -> None:
    terms = yaml.safe_load(DEFINITIONS_FILE.read_text(encoding="utf-8"))["terms"]
    assert definition_answers() <= set(terms)
    for answer, per_lang in terms.items():
        assert per_lang.get(lang), f"{answer} has no '{lang}' words in data/definitions.yml"
        assert content.has(f"answers.{answer}.short", lang)


def test_training_examples_that_ask_what_a_word_means_are_labelled_with_the_answer_given() -> None:
    """A topic mapped in data/definitions.yml is the one the training data already gives such questions ("what is
    SIJS" is court_and_asylum), so the component only steadies what the classifier was taught."""
    wrong = [
        (intent, text)
        for intent in INTENTS
        for _, text in examples(intent)
        if (answer := asked_definition(text)) and answer != intent
    ]
    assert wrong == []


@pytest.mark.parametrize("intent", ["crisis", "disclosure_guard"])
def test_no_crisis_or_disclosure_training_example_asks_for_a_definition(intent: str) -> None:
    assert [text for _, text in examples(intent) if asked_definition(text)] == []
