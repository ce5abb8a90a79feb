"""A child who says how they feel gets a warm, sourced answer, not "I can't answer that" (QA session 30, row 4)."""

from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import content
from bot.nlu.components.feelings import Feelings
from bot.nlu.feelings import says_feelings
from bot.server.nlg import I18nNLG

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


def said(text: str, intent: str, confidence: float = 0.5, ranking: list | None = None) -> Message:
    data = {TEXT: text, INTENT: {"name": intent, "confidence": confidence}, ENTITIES: []}
    if ranking:
        data[INTENT_RANKING_KEY] = ranking
    return Message(data=data)


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
async def test_the_out_of_scope_answer_to_a_feeling_is_the_feelings_answer(project_content, lang: str) -> None:
    nlg = I18nNLG(domain=DOMAIN)
    feeling = [{"entity": "feeling", "value": "feelings", "start": 0, "end": 1}]
    sms = await nlg.generate("utter_out_of_scope", tracker(lang, feeling), "twilio")
    web = await nlg.generate("utter_out_of_scope", tracker(lang, feeling), "socketio")
    other = await nlg.generate("utter_out_of_scope", tracker(lang, []), "twilio")
    answer = content.answer("feelings", lang)
    assert sms["topic"] == web["topic"] == "feelings" and sms["lang"] == lang
    assert sms["text"] == answer.short.strip()
    assert web["text"].startswith(answer.full.strip()) and content.t("common.sources_label", lang) in web["text"]
    assert other["topic"] == "out_of_scope"
