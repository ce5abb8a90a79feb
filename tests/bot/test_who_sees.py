"""\"And who else can read it?\" right after an answer asks who sees what that answer was about (stop 47's blind
test: it got "what else do you want to know?", the sources, or the answer about this chat)."""

from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ENTITIES, INTENT

from bot.nlu.components.who_sees import WhoSees
from bot.nlu.who_sees import asks_who_sees, who_sees_answer
from bot.server.nlg import I18nNLG
from tests.support.messages import said

pytestmark = pytest.mark.unit

ASKS = [
    "and who else can read it?",
    "who can see it",
    "y quien mas lo puede leer",
    "quien mas?",
    "e quem mais pode ler?",
    "qui peut le lire ?",
    "et qui d'autre peut lire?",
    "ki lòt moun ki ka li l?",
    # session 42: the same question about ICE
    "so can ice see it or not",
    "e ICE?",
    "isso vai pro ice?",
    "y ice lo puede ver?",
]
MORE = [
    "who can read my therapy notes?",  # names what it asks about: a question of its own
    "quien puede ver mi expediente",
    "who else is in the shelter with me",
    "/case_file_access",
    "who",
    "can ice see my therapy notes",  # names what it asks about
]


@pytest.mark.parametrize("text", ASKS)
def test_only_who_else_can_read_it(text: str) -> None:
    assert asks_who_sees(text)


@pytest.mark.parametrize("text", MORE)
def test_a_question_of_its_own_is_not_only_that(text: str) -> None:
    assert not asks_who_sees(text)


def test_the_answer_follows_the_previous_topic() -> None:
    assert who_sees_answer("therapy_privacy") == "case_file_access"
    assert who_sees_answer("bot_privacy") == "bot_privacy"  # this chat: who sees it
    assert who_sees_answer(None) == "case_file_access"


def test_the_component_marks_it_on_out_of_scope_and_keeps_a_crisis_guess() -> None:
    messages = [
        said("e quem mais pode ler?", "more", 0.8),
        said("who else knows", "crisis", 0.9),
        said("who can read my therapy notes?", "therapy_privacy", 0.9),
    ]
    WhoSees().process(messages)
    assert [m.get(INTENT)["name"] for m in messages] == ["out_of_scope", "crisis", "therapy_privacy"]
    marks = [[e["value"] for e in m.get(ENTITIES) or [] if e["entity"] == "follow_up"] for m in messages]
    assert marks == [["who_sees"], [], []]


DOMAIN = Domain.from_yaml(
    'version: "3.1"\nslots:\n  language: {type: categorical, values: [en, es, pt, fr, ht], '
    "influence_conversation: false, mappings: [{type: custom}]}\n"
)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("previous", "expected"), [("therapy_privacy", "case_file_access"), ("bot_privacy", "bot_privacy")]
)
async def test_the_nlg_answers_who_sees_what_the_previous_answer_was_about(project_content, previous, expected) -> None:
    asked = UserUttered("x", parse_data={"intent": {"name": previous, "confidence": 1.0}, "entities": [], "text": "x"})
    t = DialogueStateTracker.from_events(
        "s1",
        [SessionStarted(), ActionExecuted("action_listen"), asked, BotUttered("...", metadata={"topic": previous})],
        slots=DOMAIN.slots,
    )
    t.slots["language"].value = "pt"
    entity = {"entity": "follow_up", "value": "who_sees", "start": 0, "end": 21}
    text = "e quem mais pode ler?"
    t.update(UserUttered(text, parse_data={"text": text, "intent": {"name": "out_of_scope"}, "entities": [entity]}))
    message = await I18nNLG(domain=DOMAIN).generate("utter_out_of_scope", t, "rest")
    assert message["topic"] == expected and message["lang"] == "pt"
