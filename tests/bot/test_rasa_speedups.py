"""bot.rasa_speedups: the replaced Rasa hot spots behave like the originals."""
from __future__ import annotations

from typing import Any, Dict, List

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot import rasa_speedups


@pytest.fixture(autouse=True)
def installed() -> None:
    rasa_speedups.install()
    rasa_speedups.install()  # idempotent


def remote() -> RemoteAction:
    return RemoteAction("action_more", EndpointConfig("http://127.0.0.1:1/webhook"))


def test_valid_action_server_responses_pass() -> None:
    response = {"events": [{"event": "slot", "name": "language", "value": "es"}], "responses": [{"text": "hola"}]}
    assert remote()._validate_action_result(response) is True


@pytest.mark.parametrize("bad", [{"events": "not a list"}, {"events": [{"no_event_key": 1}]}, {"responses": [1]}])
def test_invalid_responses_fail_with_rasa_hint(bad: Dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as error:
        remote()._validate_action_result(bad)
    assert "Failed to validate Action server response" in error.value.message


class FakeConcrete:
    def __init__(self) -> None:
        self.calls: List[Any] = []

    def __call__(self, batch: Any) -> Dict[str, Any]:
        self.calls.append(batch)
        return {"intent": [[0.9]], "diagnostic_data": {"attention": []}}


class FakeModel:
    """Just what Rasa's _rasa_predict path touches."""

    _run_eagerly = False

    def __init__(self, concrete: FakeConcrete) -> None:
        self.concrete, self.original_calls, self._tf_predict_step = concrete, 0, None

    def _empty_lists_to_none_in_dict(self, data: Dict[str, Any]) -> Dict[str, Any]:
        return {k: (None if v == [] else v) for k, v in data.items()}


def test_prediction_uses_rasa_once_then_the_concrete_function() -> None:
    concrete = FakeConcrete()

    def original(self: FakeModel, batch: Any) -> Dict[str, Any]:
        self.original_calls += 1
        self._tf_predict_step = type("TfFunction", (), {"get_concrete_function": lambda _: concrete})()
        return {"intent": [[0.9]]}

    predict = rasa_speedups._make_rasa_predict(original)
    model = FakeModel(concrete)
    assert predict(model, "batch-1") == {"intent": [[0.9]]}
    out = predict(model, "batch-2")
    assert model.original_calls == 1 and concrete.calls == ["batch-2"]
    assert out["diagnostic_data"] == {"attention": None}  # as Rasa post-processes it
