"""NLU component: saying one speaks a language this chat does not ("je parle pulaar", "i speak wolof") gets the
answer on asking for an interpreter in it.

Session 40's blind test: "je parle pular et francais" got the crisis answer (the classifier learned "pular", to
jump, from Portuguese crisis examples), "je parle peul" the goodbye, "soussou" "I can't answer that". A message that
names such a language (bot.legal_aid.phrases.says_speaks_unspoken: data/legal_aid/phrases.yml, other_languages
without the chat's own five) with a word of speaking or an interpreter gets ``out_of_scope`` with the entity
``follow_up: other_language``, which the NLG answers with that answer (bot.content.replies.ASKED_BY_ENTITY), when the
classifier was unsure, guessed a language choice or nothing it can place, or guessed crisis on a message of a few
words: a longer message may tell of danger, and keeps its guess. The safety patterns, which run after this
component, still win; a Mayan language is the MayanLanguages component's. A whole message that only asks for an
interpreter, no language named ("ayuda interprete", "i need an interpreter": "I can't answer" or the greeting; session
43's blind test; bot.nlu.whole_requests), gets the same answer over any guess but crisis, disclosure and delete, and so
does a message written mostly in a script none of the chat's languages uses (Arabic, Pashto: the French greeting; session
45's blind test; bot.nlu.language_detection.in_another_script), in the chat's default language.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.legal_aid.phrases import OTHER_LANGUAGE_ANSWER, mayan_language_named, says_speaks_unspoken
from bot.nlu.components.definitions import OUT_OF_SCOPE
from bot.nlu.components.stateless import StatelessComponent, add_entity, force_intent
from bot.nlu.language_detection import in_another_script
from bot.nlu.languages import words
from bot.nlu.who_sees import ENTITY as FOLLOW_UP
from bot.nlu.whole_requests import asks_only_for_interpreter

KEPT = frozenset({"disclosure_guard", "delete_my_data", "mayan_language"})
PLACED = frozenset({"choose_language", "greet", "goodbye", "nlu_fallback", OUT_OF_SCOPE})
SURE = 0.8
CRISIS_AT_MOST_WORDS = 6  # "je parle pular et francais": a language, not danger


def is_other_language_message(text: str, intent: str | None, confidence: float) -> bool:
    if text.startswith("/") or intent in KEPT or mayan_language_named(text):
        return False
    if in_another_script(text):
        return intent != "crisis"  # "اريد محامي مجاني": the French greeting (session 45); a crisis guess stands
    if asks_only_for_interpreter(text):
        return intent != "crisis"
    if not says_speaks_unspoken(text):
        return False
    if intent == "crisis":
        return len(words(text).split()) <= CRISIS_AT_MOST_WORDS
    return intent in PLACED or confidence < SURE


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=False,
)
class OtherLanguages(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            text = message.get(TEXT) or ""
            if is_other_language_message(text, intent.get("name"), intent.get("confidence", 0.0)):
                add_entity(message, FOLLOW_UP, OTHER_LANGUAGE_ANSWER, type(self).__name__)
                force_intent(message, OUT_OF_SCOPE, 1.0)
        return messages
