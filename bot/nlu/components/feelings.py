"""NLU component: a message the classifier cannot place that says how the child feels gets the feelings answer,
and a message that only says the child is sick or hurts gets the health-care answer.

"me siento triste", "i miss my mom", "odio este lugar" got "Sorry, I can't answer that one" (QA session
30). Such a message (bot.nlu.feelings) gets the entity ``feeling``, and on a greeting, goodbye, ``nlu_fallback``
or ``out_of_scope`` guess the intent becomes ``out_of_scope`` (a form answer with no form asking, "odio este
lugar", is answered the same way by action_form_answer_alone); the NLG answers such an out-of-scope message
with the ``feelings`` answer (bot.server.nlg), so every path that ends in "I can't answer that" gives it,
and right after the crisis answer the crisis rules still run. Two close answers offered as buttons
(OfferBoth) stand, every other guess stands (a crisis guess above all), and the safety patterns, which run
after this component, still win.

"my tooth hurts", "me duele la cabeza" (bot.nlu.health: the whole message is such a complaint) got the crisis
answer from the classifier (QA session 30, row 2: a suicide line for a toothache teaches children to skip the
crisis answer). Such a message gets the entity ``feeling: health_care`` and becomes ``out_of_scope`` whatever the
classifier guessed, crisis included: the NLG gives the ``health_care`` answer (tell staff, a nurse, doctor or
dentist; 911 when it is bad; what to do if someone hurt them). Only a whole-message complaint: "my stomach hurts
because he kicked me" keeps its guess, and the safety patterns still win. A message that only says the child
misses their family ("sinto falta da minha mae" was crisis at 0.84; data/missing_family.yml) gets the feelings
answer the same way. A parent's "my son has a toothache" / "a mi hija le duele la muela" (bot.nlu.health: only a
child's complaint, with a caregiver's words) gets the health-care answer too, in its form for caregivers (the
CaregiverVoice component before this one marks the writer). A message that only says the child may be pregnant
("creo que estoy embarazada, me pueden ayudar?", got "I can't answer": QA session 33) gets the ``pregnancy``
answer the same way (bot.nlu.health.only_pregnancy).

"when can i call my mom", "je peux appeler ma mere?" were read as `human_handoff` (session 42's blind tests: the
child was told that no legal-aid office can receive requests): a message that asks to call family
(data/family_calls.yml) and was read so gets the feelings answer, which gives the rule on calls with family; so does
one the classifier could not place or took for a greeting ("puedo llamar a mi mama" offered the rights answer and a
parent's "how do I help my child": session 44), two answers offered included. So does a request for someone to talk
to (data/someone_to_talk_to.yml: "i need someone to talk to" got the handoff's "Who are you?" or a list of lawyers).
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components.stateless import StatelessComponent, add_entity, force_intent, offers_both
from bot.nlu.feelings import (
    FEELING,
    FEELINGS_ANSWER,
    asks_for_someone_to_talk_to,
    asks_to_call_family,
    only_misses_family,
    says_feelings,
)
from bot.nlu.health import (
    HEALTH_ANSWER,
    PREGNANCY_ANSWER,
    only_child_health_complaint,
    only_health_complaint,
    only_pregnancy,
)

OUT_OF_SCOPE = "out_of_scope"
# A greeting, a goodbye ("i hate it here" was one) or nothing the classifier can place: the feelings answer.
REPLACED = frozenset({"greet", "goodbye", "nlu_fallback", OUT_OF_SCOPE})
# A request to reach a legal-aid office: never what "can i call my mom" asks.
HANDOFF = "human_handoff"
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
            # Only a complaint, or only missing family: whatever the guess, a crisis guess included.
            if only_pregnancy(text):
                only: str | None = PREGNANCY_ANSWER
            elif only_health_complaint(text) or only_child_health_complaint(text):
                only = HEALTH_ANSWER
            else:
                only = FEELINGS_ANSWER if only_misses_family(text) else None
            if only is not None:
                add_entity(message, FEELING, only, type(self).__name__)
                force_intent(message, OUT_OF_SCOPE, intent.get("confidence", 0.0))
                continue
            asks = asks_to_call_family(text) or asks_for_someone_to_talk_to(text)
            if intent.get("name") in REPLACED | {HANDOFF} and asks:
                add_entity(message, FEELING, FEELINGS_ANSWER, type(self).__name__)
                force_intent(message, OUT_OF_SCOPE, intent.get("confidence", 0.0))
                continue
            if intent.get("name") in KEPT or not says_feelings(text):
                continue
            add_entity(message, FEELING, FEELINGS_ANSWER, type(self).__name__)
            if intent.get("name") not in REPLACED:
                continue  # a form answer with no form asking ("odio este lugar"): action_form_answer_alone
            if not offers_both(message):
                force_intent(message, OUT_OF_SCOPE, intent.get("confidence", 0.0))
        return messages
