"""NLU component: a message that only asks what a word means gets the answer that explains it.

"what does sponsor mean" got the history of ORR sharing sponsors' data with ICE, "what is a case manager" the menu,
"what is ORR" who can see the case file (session 37, by hand). A whole message that asks what a listed word means
(bot.nlu.definitions, data/definitions.yml) gets that word's answer whatever the classifier guessed: a definition
(``define_*``: no intent) through the entity ``term`` on ``out_of_scope``, which the NLG and the actions answer
with it (bot.nlu.placed_answers), a topic ("what is ICE": held_by_cbp_ice) as its intent. A crisis, disclosure or
delete guess stands, and the safety patterns, which run after this component, still win.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components.stateless import StatelessComponent, add_entity, force_intent
from bot.nlu.definitions import DEFINITION_PREFIX, TERM, asked_definition

OUT_OF_SCOPE = "out_of_scope"
KEPT = frozenset({"crisis", "disclosure_guard", "delete_my_data"})


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=False,
)
class Definitions(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if (message.get(INTENT) or {}).get("name") in KEPT:
                continue
            answer = asked_definition(message.get(TEXT) or "")
            if answer is None:
                continue
            if answer.startswith(DEFINITION_PREFIX):
                add_entity(message, TERM, answer, type(self).__name__)
                force_intent(message, OUT_OF_SCOPE, 1.0)
            else:
                force_intent(message, answer, 1.0)
        return messages
