"""NLU component: when the top two intents are a listed pair and close, mark the message as unsure.

Runs after the FallbackClassifier (and before the safety override, which still wins). The
intent becomes ``nlu_fallback``, as the FallbackClassifier's own ambiguity case does, with the
ranking kept; the rule for ``nlu_fallback`` then runs ``action_offer_both``, which offers both
answers as buttons (the decision is ``bot.nlu.ambiguity.offered_pair``, data/ambiguous_pairs.yml).
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.ambiguity import FALLBACK_INTENT, offered_pair
from bot.nlu.components.stateless import StatelessComponent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class OfferBoth(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get("name") == FALLBACK_INTENT:
                continue  # already unsure; the action decides between offering both and out_of_scope
            ranking = message.get(INTENT_RANKING_KEY) or []
            if offered_pair({INTENT_RANKING_KEY: ranking}) is None:
                continue
            message.set(
                INTENT, {"name": FALLBACK_INTENT, "confidence": intent.get("confidence", 0.0)}, add_to_output=True
            )
        return messages
