"""NLU component: detects the message language and proposes it for the sticky ``language`` slot.

Registered as a featurizer so that it also runs over the training data (the tokenizer
after it picks the spaCy pipeline of each example's language). At inference it sets
``detected_language`` on the message (visible in ``tracker.latest_message``) and, when
the detection is decisive, a ``language`` entity that fills the slot.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu import language_model
from bot.nlu.fingerprint import nlu_fingerprint
from bot.nlu.language_detection import detect, detect_many, is_decisive
from bot.nlu.languages import SUPPORTED

DETECTED_LANGUAGE = "detected_language"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class LanguageDetector(GraphComponent):
    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        # Rasa's cache sees our config, not our code or word lists: without this, a change to the
        # detector's rules would train on the old tokens and features (bot.nlu.fingerprint).
        return nlu_fingerprint()

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"languages": list(SUPPORTED), "min_words": 2, "min_confidence": 0.85}

    def __init__(self, config: Dict[str, Any]) -> None:
        self._config = config
        self._languages = tuple(config["languages"])

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageDetector:
        language_model.warm()  # fitted or loaded now, while the server loads, not on a first message
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        examples = training_data.training_examples
        detections = detect_many([example.get(TEXT) or "" for example in examples], self._languages)
        for example, detection in zip(examples, detections):
            if detection:
                example.set(DETECTED_LANGUAGE, {"code": detection.code, "confidence": detection.confidence})
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            # Explicit choices from channels (web language switch, deep links, SMS AYUDA) arrive
            # as payloads with a language entity, which Rasa applies itself; metadata "lang" is
            # only the page's display language, so it must not override what the user writes.
            text: str = message.get(TEXT) or ""
            detection = detect(text, self._languages) if text else None
            if detection is None:
                continue
            message.set(
                DETECTED_LANGUAGE,
                {"code": detection.code, "confidence": round(detection.confidence, 3), "explicit": detection.explicit},
                add_to_output=True,
            )
            if is_decisive(text, detection, self._config["min_words"], self._config["min_confidence"]):
                entity = {
                    "entity": "language",
                    "value": detection.code,
                    "start": 0,
                    "end": max(len(text), 1),
                    "confidence_entity": round(detection.confidence, 3),
                    "extractor": "LanguageDetector",
                }
                message.set(
                    ENTITIES,
                    [e for e in message.get(ENTITIES, []) if e.get("entity") != "language"] + [entity],
                    add_to_output=True,
                )
        return messages
