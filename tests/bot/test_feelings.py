"""A child who says how they feel gets a warm, sourced answer, not "I can't answer that" (QA session 30, row 4)."""

from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ENTITIES, INTENT

from bot import content
from bot.nlu.components.feelings import Feelings
from bot.nlu.feelings import asks_to_call_family, only_misses_family, says_feelings
from bot.server.nlg import I18nNLG
from tests.support.messages import said
from tests.support.training_data import examples

pytestmark = pytest.mark.unit

# What children typed in the blind user test (QA session 30), five languages.
FEELINGS = [
    "me siento triste",
    "i miss my mom",
    "extraño a mi mama",
    "quiero mi mama",
    "sinto falta da minha mae",
    "i hate it here",
    "odio este lugar",
    "im bored",
    "where is my sister",
    "ma famille me manque",
    "manman m manke m",
]
OTHER = ["is my therapy private?", "hola", "can ICE see my notes?", "/out_of_scope", "my sponsor is my aunt"]


@pytest.mark.parametrize("text", FEELINGS)
def test_a_child_saying_how_they_feel(text: str) -> None:
    assert says_feelings(text)


@pytest.mark.parametrize("text", OTHER)
def test_other_messages_do_not(text: str) -> None:
    assert not says_feelings(text)


def test_only_a_message_the_classifier_cannot_place_is_changed() -> None:
    messages = [
        said("me siento triste", "nlu_fallback"),
        said("i miss my mom", "greet"),
        said("odio este lugar", "out_of_scope"),
        said("i miss my mom and i want to die", "crisis", 0.99),  # crisis stands (and patterns run after)
        said("i feel sad, is my therapy private?", "therapy_privacy", 0.9),
        said("hola", "greet", 0.9),
        said("i hate it here", "goodbye", 0.49),
        said("odio este lugar", "inform", 0.47),  # marked; action_form_answer_alone answers it
        # two close answers offered as buttons (OfferBoth) stand
        said(
            "i miss my lawyer",
            "nlu_fallback",
            ranking=[{"name": "right_to_lawyer", "confidence": 0.5}, {"name": "find_legal_aid", "confidence": 0.45}],
        ),
    ]
    Feelings().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == [
        "out_of_scope",
        "out_of_scope",
        "out_of_scope",
        "crisis",
        "therapy_privacy",
        "greet",
        "out_of_scope",
        "inform",
        "nlu_fallback",
    ]
    marked = [any(e["entity"] == "feeling" for e in m.get(ENTITIES)) for m in messages]
    assert marked == [True, True, True, False, True, False, True, True, True]


# Only missing family, in five languages: the feelings answer even over the classifier's crisis guess
# ("sinto falta da minha mae" was crisis at 0.84). Anything more keeps the usual path.
ONLY_MISSING = [
    "sinto falta da minha mãe",
    "i miss my mom so much",
    "extraño a mi mamá",
    "ma famille me manque",
    "manman m manke m",
    "hola, extraño mucho a mi familia",
]
MORE_THAN_MISSING = [
    "i miss my mom and i want to die",
    "me siento sola",
    "i miss my mom, he hits me",
    "i miss my lawyer",
    "sinto falta da minha mae, posso ligar pra ela?",
    "hola",
]


@pytest.mark.parametrize("text", ONLY_MISSING)
def test_a_message_that_only_says_the_child_misses_family(text: str) -> None:
    assert only_misses_family(text)


@pytest.mark.parametrize("text", MORE_THAN_MISSING)
def test_a_message_that_says_more_or_something_else(text: str) -> None:
    assert not only_misses_family(text)


def test_the_classifiers_crisis_guess_on_only_missing_family_becomes_the_feelings_answer() -> None:
    messages = [
        said("sinto falta da minha mae", "crisis", 0.84),
        said("i miss my mom and i want to die", "crisis", 0.99),
    ]
    Feelings().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == ["out_of_scope", "crisis"]
    assert [[e["value"] for e in m.get(ENTITIES)] for m in messages] == [["feelings"], []]


def test_no_crisis_training_example_only_says_the_child_misses_family() -> None:
    assert [example for example in examples("crisis") if only_misses_family(example[1])] == []


DOMAIN = Domain.from_yaml(
    """
version: "3.1"
slots:
  language: {type: categorical, values: [en, es, pt, fr, ht], influence_conversation: false, mappings: [{type: custom}]}
responses:
  utter_out_of_scope: [{text: "answers.out_of_scope"}]
"""
)


def tracker(lang: str, entities: list) -> DialogueStateTracker:
    earlier = [SessionStarted(), ActionExecuted("action_listen"), BotUttered("hi", metadata={"topic": "menu"})]
    t = DialogueStateTracker.from_events("s1", earlier, slots=DOMAIN.slots)
    t.slots["language"].value = lang
    parse = {"intent": {"name": "out_of_scope", "confidence": 0.5}, "entities": entities, "text": "x"}
    t.update(UserUttered("x", parse_data=parse))
    return t


@pytest.mark.asyncio
@pytest.mark.parametrize("lang", ["en", "es", "pt", "fr", "ht"])
@pytest.mark.parametrize("answer_id", ["feelings", "health_care"])
async def test_the_out_of_scope_answer_to_a_feeling_or_complaint_is_its_answer(
    project_content, lang: str, answer_id: str
) -> None:
    nlg = I18nNLG(domain=DOMAIN)
    feeling = [{"entity": "feeling", "value": answer_id, "start": 0, "end": 1}]
    unknown = [{"entity": "feeling", "value": "crisis", "start": 0, "end": 1}]  # only the listed answers
    sms = await nlg.generate("utter_out_of_scope", tracker(lang, feeling), "twilio")
    web = await nlg.generate("utter_out_of_scope", tracker(lang, feeling), "socketio")
    other = await nlg.generate("utter_out_of_scope", tracker(lang, []), "twilio")
    forged = await nlg.generate("utter_out_of_scope", tracker(lang, unknown), "twilio")
    answer = content.answer(answer_id, lang)
    assert sms["topic"] == web["topic"] == answer_id and sms["lang"] == lang
    assert sms["text"] == answer.short.strip()
    assert web["text"].startswith(answer.full.strip()) and content.t("common.sources_label", lang) in web["text"]
    assert other["topic"] == forged["topic"] == "out_of_scope"


# Session 42's blind tests: asking to call family was read as a request to reach a legal-aid office.
CALLS = ["when can i call my mom", "je peux appeler ma mere?", "eske m ka rele manman m", "posso ligar pra minha mae?"]


@pytest.mark.parametrize("text", CALLS)
def test_asking_to_call_family(text: str) -> None:
    assert asks_to_call_family(text)


@pytest.mark.parametrize("text", ["can a lawyer call me", "call the legal aid office", "recall my mom said"])
def test_other_calls_are_not_family_calls(text: str) -> None:
    assert not asks_to_call_family(text)


def test_a_handoff_guess_on_a_family_call_becomes_the_feelings_answer_and_others_stand() -> None:
    messages = [
        said("when can i call my mom", "human_handoff", 0.66),
        said("eske m ka rele manman m", "human_handoff", 0.78),
        said("can a lawyer call me", "human_handoff", 0.9),
        said("if i call my mom they will hurt me", "crisis", 0.95),
    ]
    Feelings().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == ["out_of_scope", "out_of_scope", "human_handoff", "crisis"]
    assert [[e["value"] for e in m.get(ENTITIES) or []] for m in messages][:2] == [["feelings"], ["feelings"]]


def test_an_unplaced_family_call_or_how_many_calls_becomes_the_feelings_answer_and_a_placed_one_stands() -> None:
    """Session 44: "puedo llamar a mi mama" offered the rights answer and a parent's "how do I help my child";
    "how many calls do i get" got "I can't answer". The feelings answer gives the rule on calls with family."""
    offered = said("puedo llamar a mi mama", "nlu_fallback", 0.45)
    messages = [
        offered,
        said("how many calls do i get", "out_of_scope", 0.5),
        said("hola, cuantas llamadas me dan?", "greet", 0.6),
        said("posso ligar pra minha mae?", "rights_in_custody", 0.89),  # the rights answer says it too: stands
        said("can i call my mom? my uncle hits me", "crisis", 0.95),
    ]
    Feelings().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == [
        "out_of_scope",
        "out_of_scope",
        "out_of_scope",
        "rights_in_custody",
        "crisis",
    ]
    assert [[e["value"] for e in m.get(ENTITIES) or []] for m in messages][:3] == [["feelings"]] * 3


def test_someone_to_talk_to_read_as_a_handoff_or_unplaced_becomes_the_feelings_answer() -> None:
    """Session 44's blind test: "i need someone to talk to" (human_handoff 0.91) got the handoff's questions or a list of
    lawyers; "quiero hablar con una persona" (a real person, not a bot) keeps the handoff, which says no person is here
    and where to find one."""
    messages = [
        said("i need someone to talk to", "human_handoff", 0.91),
        said("no tengo con quien hablar", "nlu_fallback", 0.45),
        said("m bezwen pale ak yon moun", "human_handoff", 0.7),
        said("quiero hablar con una persona", "human_handoff", 0.99),
        said("i need someone to talk to, he hurts me", "crisis", 0.95),
    ]
    Feelings().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == [
        "out_of_scope",
        "out_of_scope",
        "out_of_scope",
        "human_handoff",
        "crisis",
    ]
