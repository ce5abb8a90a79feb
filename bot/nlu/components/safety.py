"""NLU component: rule-based safety net that overrides the classifier.

Messages about suicide, self-harm, or abuse or danger happening now always get the
``crisis`` intent, whatever the model said; messages where the user starts telling
the details of their past get ``disclosure_guard`` (unless they are a crisis). The
patterns are data (``data/safety/patterns.yml``, read by ``bot.nlu.safety_patterns``).
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import safety_patterns
from bot.nlu.components.stateless import StatelessComponent, force_intent

CRISIS = "crisis"
DISCLOSURE = "disclosure_guard"


def override_intent(text: str) -> str | None:
    """The intent the safety net forces for ``text``, or None to keep the classifier's."""
    if not text or text.startswith("/"):
        return None
    if safety_patterns.is_crisis(text):
        return CRISIS
    if safety_patterns.is_disclosure(text):
        return DISCLOSURE
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyOverride(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            forced = override_intent(message.get(TEXT) or "")
            if forced is None:
                continue
            # The classifier's guesses stay visible for analysis but with no weight, so nothing
            # downstream can read the forced intent as ambiguous.
            force_intent(message, forced, 1.0, others=0.0)
            message.set("safety_override", forced, add_to_output=True)
        return messages
