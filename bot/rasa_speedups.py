"""Rasa 3.6 server hot spots replaced by equivalent, cached versions (installed by ``bot.nlg``).

Rasa validates every action-server response with ``jsonschema.validate``, which re-checks
the (constant) schema itself on each call: ~25-50 ms per custom action on this machine, more
than the whole rest of a turn. The schema is now compiled once; the instance is validated
exactly as before and errors carry Rasa's own hint.
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


def install() -> None:
    """Idempotent; only touches the Rasa server (the action server never imports rasa.core)."""
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = _validate_action_result
