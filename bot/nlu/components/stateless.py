"""Base of the pipeline's components that learn nothing and take no options: they only rewrite a parse."""

from __future__ import annotations

from typing import Any, Dict

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.ambiguity import offered_pair


class StatelessComponent(GraphComponent):
    """A graph component with nothing to train, persist or configure (subclasses define ``process``)."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> StatelessComponent:
        return cls()


def force_intent(message: Message, name: str, confidence: float, others: float | None = None) -> None:
    """Set the message's intent and put it first in the ranking, so nothing downstream reads the old
    guess; ``others`` replaces the other intents' confidences (None keeps them)."""
    ranking = [
        r if others is None else {**r, "confidence": others}
        for r in message.get(INTENT_RANKING_KEY) or []
        if r.get("name") != name
    ]
    message.set(INTENT, {"name": name, "confidence": confidence}, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [{"name": name, "confidence": confidence}] + ranking, add_to_output=True)


def add_entity(message: Message, entity: str, value: str, extractor: str) -> None:
    """Add an entity that covers the whole message (what a phrase list found in it, not where)."""
    text = message.get(TEXT) or ""
    found = {"entity": entity, "value": value, "start": 0, "end": len(text), "extractor": extractor}
    message.set(ENTITIES, [*(message.get(ENTITIES) or []), found], add_to_output=True)


def offers_both(message: Message) -> bool:
    """True when OfferBoth would show two close answers as buttons for this message (the user picks)."""
    return offered_pair({INTENT_RANKING_KEY: message.get(INTENT_RANKING_KEY) or []}) is not None
