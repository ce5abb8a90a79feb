"""Rasa 3.6 server hot spots replaced by equivalent, cached versions (installed by ``bot.nlg``).

* Rasa validates every action-server response with ``jsonschema.validate``, which re-checks
  the (constant) schema itself on each call: ~25-50 ms per custom action on this machine, more
  than the whole rest of a turn. The schema is now compiled once; the instance is validated
  exactly as before and errors carry Rasa's own hint.
* DIET's prediction goes through a ``tf.function`` with a fixed input signature, yet TensorFlow
  matches the inputs against it on every call (~0.5 ms of ~2.8 ms). After Rasa's own first call
  builds it, its one concrete function is called directly: same graph, same outputs.
"""
from __future__ import annotations

from typing import Any, Dict, Optional, Text

_validator: Optional[Any] = None


def _validate_action_result(self: Any, result: Dict[Text, Any]) -> bool:
    from jsonschema import ValidationError
    from jsonschema.validators import validator_for

    global _validator
    if _validator is None:
        schema = self.action_response_format_spec()
        cls = validator_for(schema)
        cls.check_schema(schema)
        _validator = cls(schema)
    try:
        _validator.validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the "
            "Action endpoint is valid. For more information about the format visit https://rasa.com/docs/rasa/custom-actions"
        )
        raise error


_CONCRETE = "_kyr_concrete_predict_step"


def _make_rasa_predict(original: Any) -> Any:
    def _rasa_predict(self: Any, batch_in: Any) -> Dict[Text, Any]:
        concrete = getattr(self, _CONCRETE, None)
        if concrete is None:
            outputs = original(self, batch_in)  # Rasa's path; builds the tf.function on first use
            if getattr(self, "_tf_predict_step", None) is not None and not self._run_eagerly:
                setattr(self, _CONCRETE, self._tf_predict_step.get_concrete_function())
            return outputs
        from keras.utils import tf_utils  # as rasa.utils.tensorflow.models uses it
        from rasa.shared.constants import DIAGNOSTIC_DATA

        self._training = False
        outputs = tf_utils.sync_to_numpy_or_python_type(concrete(batch_in))
        if DIAGNOSTIC_DATA in outputs:
            outputs[DIAGNOSTIC_DATA] = self._empty_lists_to_none_in_dict(outputs[DIAGNOSTIC_DATA])
        return outputs

    _rasa_predict._kyr_original = original  # type: ignore[attr-defined]
    return _rasa_predict


def install() -> None:
    """Idempotent; only touches the Rasa server (the action server never imports rasa.core)."""
    from rasa.core.actions.action import RemoteAction
    from rasa.utils.tensorflow.models import RasaModel

    RemoteAction._validate_action_result = _validate_action_result
    if not hasattr(RasaModel._rasa_predict, "_kyr_original"):
        RasaModel._rasa_predict = _make_rasa_predict(RasaModel._rasa_predict)

