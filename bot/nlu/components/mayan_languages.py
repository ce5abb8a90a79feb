"""NLU component: saying one speaks a Mayan language gets the Mayan-language answer.

"yo no abla bien espanol yo abla kiche" went to `choose_language` with one model (the menu of the
five languages the bot speaks, no Mayan option) and to `rights_in_custody` with the next (QA session
30). The Mayan-language answer (an interpreter, and legal aid that works with one) now also goes to:
- a `choose_language` guess on a message that names a Mayan language (any usual spelling,
  data/legal_aid/phrases.yml);
- any guess under ``SURE`` on a message that names one with a word of speaking ("abla", "idioma").
A sure guess stands ("can my aunt who speaks mam be a sponsor?" is a sponsor question), and so do
crisis, disclosure and delete guesses; the safety patterns, which run after this component, still win.
"""

from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.legal_aid.phrases import asks_mayan_interpreter, mayan_language_named, says_speaks_mayan
from bot.nlu.components.stateless import StatelessComponent, force_intent

CHOOSE_LANGUAGE = "choose_language"
MAYAN_LANGUAGE = "mayan_language"
KEPT = frozenset({"crisis", "disclosure_guard", "delete_my_data", MAYAN_LANGUAGE})
SURE = 0.8


def is_mayan_language_message(text: str, intent: str | None, confidence: float) -> bool:
    if text.startswith("/") or intent in KEPT:
        return False
    if intent == CHOOSE_LANGUAGE:
        return mayan_language_named(text) is not None
    # An interpreter asked for in a Mayan language is this answer whatever the classifier's confidence.
    return (confidence < SURE and says_speaks_mayan(text)) or asks_mayan_interpreter(text)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class MayanLanguages(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            text = message.get(TEXT) or ""
            if is_mayan_language_message(text, intent.get("name"), intent.get("confidence", 0.0)):
                force_intent(message, MAYAN_LANGUAGE, intent.get("confidence", 0.0))
        return messages
