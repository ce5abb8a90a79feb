"""NLU component: a message that is exactly a form's skip phrase is a form answer, not an alarm.

The legal-aid and handoff forms let the user skip any question in words ("i'd rather not say",
"prefiero no decir"; data/legal_aid/phrases.yml). A form reads any typed answer except `crisis`
and `disclosure_guard`, which interrupt it. Twice a new training sent "i'd rather not say" to
`crisis` (0.46, 0.66), so the form answered a skipped question with the crisis text (the acceptance
journeys caught both). A message that is a skip phrase and nothing else says no danger, so the
classifier's crisis or disclosure guess on it becomes `inform`. Only the whole message counts
("i don't know what to do, he hits me" is not a skip), and the safety patterns, which run after
this component, still override it.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.legal_aid.phrases import is_exact_skip
from bot.nlu.components.stateless import StatelessComponent

# The intents that interrupt a form (data/stories: rules for crisis and disclosure_guard).
INTERRUPTING = frozenset({"crisis", "disclosure_guard"})
FORM_ANSWER = "inform"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SkipAnswers(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get("name") in INTERRUPTING and is_exact_skip(message.get(TEXT) or ""):
                message.set(
                    INTENT, {"name": FORM_ANSWER, "confidence": intent.get("confidence", 0.0)}, add_to_output=True
                )
        return messages
