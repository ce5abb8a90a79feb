"""KnownExamples: a whole message that is a training example gets that example's intent (config.yml)."""

from __future__ import annotations

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.components.known_examples import KnownExamples, learn

EXAMPLES = [
    ("de donde sacaste eso", "ask_source"),
    ("¿Cómo sabes?", "ask_source"),
    ("necesito un abogado", "right_to_lawyer"),
    ("ok", "affirm"),
    ("ok", "inform"),  # two intents: not known
    ("/therapy_privacy", "therapy_privacy"),  # a payload is never a typed example
]


def ranking(*guesses: tuple[str, float]) -> list[dict]:
    return [{"name": name, "confidence": confidence} for name, confidence in guesses]


def parse(component: KnownExamples, text: str, *guesses: tuple[str, float]) -> dict:
    message = Message(data={TEXT: text})
    first, confidence = guesses[0]
    message.set(INTENT, {"name": first, "confidence": confidence})
    message.set(INTENT_RANKING_KEY, ranking(*guesses))
    component.process([message])
    return message.get(INTENT)


@pytest.fixture
def trained(tmp_path) -> KnownExamples:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("known_examples")
    context = ExecutionContext(graph_schema=None, model_id="test")  # type: ignore[arg-type]
    config = KnownExamples.get_default_config()
    component = KnownExamples.create(config, storage, resource, context)
    component.train(TrainingData([Message(data={TEXT: t, INTENT: i}) for t, i in EXAMPLES]))
    return KnownExamples.load(config, storage, resource, context)  # what the server loads


def test_learns_folded_texts_and_leaves_out_conflicts_and_payloads():
    assert learn(EXAMPLES) == {
        "de donde sacaste eso": "ask_source",
        "como sabes": "ask_source",
        "necesito un abogado": "right_to_lawyer",
    }


def test_an_example_the_classifier_missed_gets_its_intent(trained):
    assert parse(trained, "De dónde sacaste eso?", ("out_of_scope", 0.6), ("ask_source", 0.3)) == {
        "name": "ask_source",
        "confidence": 1.0,
    }


def test_an_example_the_classifier_was_unsure_of_gets_its_intent(trained):
    assert parse(trained, "como sabes", ("ask_source", 0.40), ("menu", 0.38))["confidence"] == 1.0


def test_a_confident_agreeing_guess_is_left_alone(trained):
    assert parse(trained, "como sabes", ("ask_source", 0.7), ("menu", 0.2)) == {"name": "ask_source", "confidence": 0.7}


def test_a_message_that_is_not_an_example_is_left_alone(trained):
    assert parse(trained, "de donde sacaste eso de ICE", ("out_of_scope", 0.6))["name"] == "out_of_scope"
    assert parse(trained, "ok", ("crisis", 0.6))["name"] == "crisis"  # "ok" has two intents in the data


def test_an_agreeing_guess_too_close_to_the_second_gets_its_intent(trained):
    # The FallbackClassifier would call 0.47 / 0.46 unsure (ambiguity threshold 0.05).
    assert parse(trained, "como sabes", ("ask_source", 0.47), ("menu", 0.46))["confidence"] == 1.0


def test_where_offer_both_would_offer_the_examples_answer_it_still_does(trained):
    # right_to_lawyer / find_legal_aid is listed in data/ambiguous_pairs.yml and close: the bot offers both.
    guess = parse(trained, "necesito un abogado", ("find_legal_aid", 0.5), ("right_to_lawyer", 0.45))
    assert guess["name"] == "find_legal_aid"


def test_a_listed_partner_far_ahead_is_overruled(trained):
    # Listed pair, but 0.1 < 0.3 x 0.8: OfferBoth would not offer both, so the example's intent is given.
    assert parse(trained, "necesito un abogado", ("find_legal_aid", 0.8), ("right_to_lawyer", 0.1))["name"] == (
        "right_to_lawyer"
    )
