"""NLU component: a message that is exactly one of the training examples gets that example's intent.

The classifier (12 epochs, kept short for training time) does not fit all of its own training data: on
main's model of session 35 it answered 1.3-2.2 % of the examples of fr, es and ht wrongly, most of them short
everyday turns children type word for word ("de donde sacaste eso" and "como sabes" -> "I can't answer",
"tout a fait" -> the crisis answer, "que va" -> yes), and which of them it misses changes with every training,
so an editor who adds a phrase could not count on it being understood, and acceptance turns moved when
unrelated lines were added (docs/NLU.md, session 35). This component learns, at training, each example's
text folded as typed answers are compared (bot.nlu.languages.words: no case, accents or punctuation) and
its intent; texts labelled with two intents are left out. At run time a whole message that is such a text
gets that intent (confidence 1.0) when the classifier chose another one or was unsure (below
``unsure_below``, or within ``ambiguity_below`` of its second guess: the FallbackClassifier's threshold and
ambiguity threshold). It changes nothing when the classifier already agrees with confidence, or when OfferBoth
would offer two answers a user could both want, one of them the example's (data/ambiguous_pairs.yml).

It runs right after DIETClassifier; everything after it (the fallback, the phrase lists and, last, the
safety patterns, which still win) sees its result. Messages that are not training examples, which is
what cross-validation and the held-out sets measure, are untouched.
"""

from __future__ import annotations

from typing import Any, Dict, List

import rasa.shared.utils.io
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.ambiguity import FALLBACK_INTENT, offered_pair
from bot.nlu.components.stateless import force_intent
from bot.nlu.languages import words

FILE_NAME = "known_examples.json"


def learn(examples: List[tuple[str, str]]) -> Dict[str, str]:
    """Folded text -> intent for (text, intent) pairs; a text with two intents, or a button payload, is left out."""
    seen: Dict[str, set[str]] = {}
    for text, intent in examples:
        key = words(text)
        if key and not text.startswith("/"):
            seen.setdefault(key, set()).add(intent)
    return {key: next(iter(intents)) for key, intents in seen.items() if len(intents) == 1}


def known_intent(
    known: Dict[str, str], text: str, ranking: List[Dict[str, Any]], unsure_below: float, ambiguity_below: float
) -> str | None:
    """The intent to give ``text`` (a whole training example the classifier missed or was unsure of), or None."""
    if not text or text.startswith("/"):
        return None
    label = known.get(words(text))
    guesses = [r for r in ranking if r.get("name") != FALLBACK_INTENT]
    if label is None or not guesses:
        return None
    first = guesses[0].get("confidence", 0.0)
    second = guesses[1].get("confidence", 0.0) if len(guesses) > 1 else 0.0
    if guesses[0].get("name") == label and first >= unsure_below and first - second >= ambiguity_below:
        return None
    offered = offered_pair({INTENT_RANKING_KEY: guesses})
    if offered is not None and label in offered:
        return None  # two answers a user could both want, one of them this one: OfferBoth offers both
    return label


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class KnownExamples(GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # The FallbackClassifier's threshold and ambiguity threshold: where the classifier's own guess would not
        # be answered.
        return {"unsure_below": 0.45, "ambiguity_below": 0.05}

    def __init__(
        self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource, known: Dict[str, str]
    ) -> None:
        self._unsure_below = float(config["unsure_below"])
        self._ambiguity_below = float(config["ambiguity_below"])
        self._storage = model_storage
        self._resource = resource
        self._known = known

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> KnownExamples:
        return cls(config, model_storage, resource, {})

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> KnownExamples:
        with model_storage.read_from(resource) as directory:
            known = rasa.shared.utils.io.read_json_file(directory / FILE_NAME)
        return cls(config, model_storage, resource, known)

    def train(self, training_data: TrainingData) -> Resource:
        self._known = learn([(m.get(TEXT) or "", m.get(INTENT)) for m in training_data.intent_examples])
        with self._storage.write_to(self._resource) as directory:
            rasa.shared.utils.io.dump_obj_as_json_to_file(directory / FILE_NAME, self._known)
        return self._resource

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            ranking = message.get(INTENT_RANKING_KEY) or []
            text = message.get(TEXT) or ""
            name = known_intent(self._known, text, ranking, self._unsure_below, self._ambiguity_below)
            if name is not None:
                force_intent(message, name, 1.0)
        return messages
