"""NLU component: a message the classifier cannot place that says how the child feels gets the feelings answer.

"me siento triste", "i miss my mom", "odio este lugar" got "Sorry, I can't answer that one" (QA session
30). Such a message (bot.nlu.feelings) gets the entity ``feeling``, and on a greeting, goodbye, ``nlu_fallback``
or ``out_of_scope`` guess the intent becomes ``out_of_scope`` (a form answer with no form asking, "odio este
lugar", is answered the same way by action_form_answer_alone); the NLG answers such an out-of-scope message
with the ``feelings`` answer (bot.server.nlg), so every path that ends in "I can't answer that" gives it,
and right after the crisis answer the crisis rules still run. Two close answers offered as buttons
(OfferBoth) stand, every other guess stands (a crisis guess above all), and the safety patterns, which run
after this component, still win.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components.stateless import StatelessComponent, add_entity, force_intent, offers_both
from bot.nlu.feelings import FEELING, FEELINGS_ANSWER, says_feelings

OUT_OF_SCOPE = "out_of_scope"
# A greeting, a goodbye ("i hate it here" was one) or nothing the classifier can place: the feelings answer.
REPLACED = frozenset({"greet", "goodbye", "nlu_fallback", OUT_OF_SCOPE})
# Never marked: safety first, and a delete request keeps its own check.
KEPT = frozenset({"crisis", "disclosure_guard", "delete_my_data"})


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=False,
)
class Feelings(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = message.get(INTENT) or {}
            if intent.get("name") in KEPT or not says_feelings(text):
                continue
            add_entity(message, FEELING, FEELINGS_ANSWER, type(self).__name__)
            if intent.get("name") not in REPLACED:
                continue  # a form answer with no form asking ("odio este lugar"): action_form_answer_alone
            if not offers_both(message):
                force_intent(message, OUT_OF_SCOPE, intent.get("confidence", 0.0))
        return messages
