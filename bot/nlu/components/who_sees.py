"""NLU component: "and who else can read it?" alone asks who sees what the previous answer was about.

The classifier read such messages as `more` ("what else do you want to know?"), `ask_source` (the sources) or
`bot_privacy` (this chat); stop 47's blind test. A whole message that only asks it (bot.nlu.who_sees,
data/who_sees.yml) gets the entity ``follow_up: who_sees`` on ``out_of_scope``, which the NLG answers with the
answer data/who_sees.yml names for the topic of the bot's previous reply (bot.server.nlg). A crisis, disclosure or
delete guess stands, and the safety patterns, which run after this component, still win.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components.definitions import KEPT, OUT_OF_SCOPE
from bot.nlu.components.stateless import StatelessComponent, add_entity, force_intent
from bot.nlu.who_sees import ENTITY, WHO_SEES, asks_who_sees


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=False,
)
class WhoSees(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if (message.get(INTENT) or {}).get("name") in KEPT or not asks_who_sees(message.get(TEXT) or ""):
                continue
            add_entity(message, ENTITY, WHO_SEES, type(self).__name__)
            force_intent(message, OUT_OF_SCOPE, 1.0)
        return messages
