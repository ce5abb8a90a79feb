"""NLU component: typing a button's title does what pressing it does.

Users copy or retype what they see: "buscar abogado gratis" and "find a free lawyer" (the legal-help
button) got "I can help with both" with the same two buttons again, one of them the one they had typed
(QA session 30). A whole message that is a button title, in any language and folded like typed form
answers (case, accents, punctuation), gets that button's intent (bot.content.replies.typed_titles: the
answers' titles and the flows' labels, read from data/locales at start, so editing a title needs a
restart, not a training). Crisis and disclosure guesses stand, and the safety patterns, which run after
this component, still win. A title only one language uses also says the user's language when the detector was
not sure enough to switch: "¿Qué guarda este chat?" typed after "hi" was answered in English (session 42).
"""

from __future__ import annotations

import functools
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.content.replies import ASKED_BY_ENTITY, title_languages, typed_titles
from bot.nlu.components.definitions import OUT_OF_SCOPE
from bot.nlu.components.stateless import StatelessComponent, add_entity, force_intent
from bot.nlu.languages import words
from bot.nlu.who_sees import ENTITY as FOLLOW_UP

KEPT = frozenset({"crisis", "disclosure_guard"})
LANGUAGE = "language"  # the entity (domain.yml) that sets the conversation's language


@functools.cache
def _titles() -> dict[str, str]:
    return typed_titles()


@functools.cache
def _languages() -> dict[str, str]:
    return title_languages()


def title_language(text: str) -> str | None:
    """The one language whose button title ``text`` is, or None."""
    return None if not text or text.startswith("/") else _languages().get(words(text))


def title_intent(text: str, classified: str | None) -> str | None:
    """The intent of the button whose title ``text`` is, or None to keep the classifier's guess."""
    if not text or text.startswith("/") or classified in KEPT:
        return None
    return _titles().get(words(text))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ButtonTitles(StatelessComponent):
    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            name = title_intent(message.get(TEXT) or "", intent.get("name"))
            if name in ASKED_BY_ENTITY:  # a dialogue answer: what its button sends (bot.content.replies)
                add_entity(message, FOLLOW_UP, name, type(self).__name__)
                force_intent(message, OUT_OF_SCOPE, 1.0)
            elif name and name != intent.get("name"):
                force_intent(message, name, 1.0)
            lang = title_language(message.get(TEXT) or "") if name else None
            if lang and not any(e.get("entity") == LANGUAGE for e in message.get(ENTITIES) or []):
                add_entity(message, LANGUAGE, lang, type(self).__name__)
        return messages
