"""NLU component: a message that says a parent, sponsor or relative is writing marks the conversation.

Adds the entity ``writer: caregiver`` (bot.nlu.caregivers), which fills the ``writer`` slot, so the
answers from then on speak of "your child" (their ``for_caregivers`` form, bot.server.nlg). A message
the classifier cannot place, or takes for a greeting ("yo soy la mama no el", "bonjou, pitit gason m gen
14 an li nan yon abri": QA session 30), gets the caregivers' answer (``caregiver_help``) instead of the
child's greeting or "I can't answer that", unless two close answers are offered as buttons (OfferBoth:
the caregiver picks). So does a message that only says where the child is ("oi, meu filho está num abrigo" was
taken for the case-file question: QA session 38). Every other guess stands, and so do the safety patterns, which run after this
component.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.caregivers import CAREGIVER, CAREGIVER_HELP, WRITER_SLOT, only_says_where_child_is, writes_as_caregiver
from bot.nlu.components.stateless import StatelessComponent, add_entity, force_intent, offers_both

# Guesses that say nothing about what a caregiver asks: a greeting, or nothing the classifier can place.
REPLACED = frozenset({"greet", "nlu_fallback", "out_of_scope"})


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=False,
)
class CaregiverVoice(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not writes_as_caregiver(text):
                continue
            add_entity(message, WRITER_SLOT, CAREGIVER, type(self).__name__)
            intent = message.get(INTENT) or {}
            # Two close answers offered as buttons (OfferBoth) stand: the caregiver picks.
            unplaced = intent.get("name") in REPLACED or only_says_where_child_is(text)
            if unplaced and not offers_both(message):
                force_intent(message, CAREGIVER_HELP, intent.get("confidence", 0.0))
        return messages
