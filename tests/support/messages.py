"""Parsed messages as the NLU graph hands them to our components, for the components' unit tests."""

from __future__ import annotations

from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message


def said(text: str, intent: str, confidence: float = 0.5, ranking: list | None = None) -> Message:
    """``text`` as the classifier left it: its guess ``intent``, no entities, and ``ranking`` if given."""
    data = {TEXT: text, INTENT: {"name": intent, "confidence": confidence}, ENTITIES: []}
    if ranking:
        data[INTENT_RANKING_KEY] = ranking
    return Message(data=data)
