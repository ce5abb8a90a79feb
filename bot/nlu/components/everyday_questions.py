"""NLU component: a message that only asks when the child will leave the shelter, or whether they can go back to
their country, gets the answer to that question (bot.nlu.everyday_questions, data/everyday_questions.yml).

Like a definition, the answer is no intent: the entity ``term`` on ``out_of_scope`` names it, and the NLG and the
actions answer with it (bot.nlu.placed_answers). Any guess is replaced but a delete request: the message is only the
question ("cuando me van a soltar" was read as a crisis, "i want to go back to my country" as the start of a story);
the safety patterns, which run after this component, still win.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components.stateless import StatelessComponent, add_entity, force_intent
from bot.nlu.definitions import TERM
from bot.nlu.everyday_questions import asked_everyday_question

OUT_OF_SCOPE = "out_of_scope"
KEPT = frozenset({"delete_my_data"})


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=False,
)
class EverydayQuestions(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if (message.get(INTENT) or {}).get("name") in KEPT:
                continue
            answer = asked_everyday_question(message.get(TEXT) or "")
            if answer is not None:
                add_entity(message, TERM, answer, type(self).__name__)
                force_intent(message, OUT_OF_SCOPE, 1.0)
        return messages
