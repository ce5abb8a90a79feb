"""NLU component: a message that only gives the writer's name gets the note that the bot does not need it.

"my name is Jo Fakeperson" got the disclosure guard's "I'm sorry you went through hard things" (QA session 35):
the classifier puts a name next to the stories it was taught to stop. A whole message that is greetings and a
name (bot.nlu.introductions) becomes ``out_of_scope``, whose action gives every message with a name the bot could
not place the personal-details note: no name, number or case number is needed, and how to reach a lawyer
(actions/clarify.py, actions/privacy.py). A crisis guess stands; the Feelings component after this one and the
safety patterns, which run last, still answer what they find.

A message with two or more kinds of personal details and a birth date or an age ("im Dario Mendez 555-555-0123
A-222-333-444 born 01/05/2011") got the turning-18 answer (session 42's blind test): when it does not speak of
turning 18 (bot.nlu.introductions.details_not_about_age), it becomes ``out_of_scope`` too, for the same note.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components.stateless import StatelessComponent, force_intent
from bot.nlu.introductions import details_not_about_age, only_introduction

OUT_OF_SCOPE = "out_of_scope"
# Safety first; out_of_scope is already the answer; a greeting ("hola, me llamo Ana") gets the menu, which also
# says no name is needed.
KEPT = frozenset({"crisis", OUT_OF_SCOPE, "greet"})
TURNING_18 = "turning_18"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class Introductions(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            text = message.get(TEXT) or ""
            if (
                intent.get("name") not in KEPT
                and only_introduction(text)
                or intent.get("name") == TURNING_18
                and details_not_about_age(text)
            ):
                force_intent(message, OUT_OF_SCOPE, 1.0)
        return messages
