"""NLU component: a message that says the child is no longer in a shelter marks the conversation.

Adds the entity ``placement: released`` (bot.nlu.placement), which fills the ``placement`` slot, so the danger
answers from then on speak to a child outside a shelter (their ``for_released`` form, bot.server.nlg). The
intent is left as it is.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components.stateless import StatelessComponent, add_entity
from bot.nlu.placement import PLACEMENT_SLOT, RELEASED, says_out_of_shelter


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class OutOfShelter(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if says_out_of_shelter(message.get(TEXT) or ""):
                add_entity(message, PLACEMENT_SLOT, RELEASED, type(self).__name__)
        return messages
