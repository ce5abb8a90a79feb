"""docs/handoff.schema.json is the published contract: what the bot builds matches it, and
``payload.validate`` refuses what breaks it without repeating the value."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest

from bot.handoff import payload

SCHEMA = json.loads(payload.SCHEMA_FILE.read_text(encoding="utf-8"))


def test_the_schema_file_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("method", ["sms", "phone", "email", "through_caseworker", "none"])
def test_every_built_document_matches_the_published_schema(make_doc: Any, method: str) -> None:
    value = {"sms": "+15555550123", "phone": "+15555550199", "email": "fake@example.org"}.get(method)
    doc = make_doc(contact_method=method, contact_value=value)
    jsonschema.validate(doc, SCHEMA)  # what a partner runs on what it receives


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(extra="x"),
        lambda d: d["contact"].update(value="+1 555 555 0123 ext"),
        lambda d: d["consent"].update(text_version=""),
        lambda d: d.update(topics=["therapy_privacy", "therapy_privacy"]),
    ],
)
def test_a_document_breaking_the_schema_is_refused_without_its_values(make_doc: Any, change: Any) -> None:
    doc = copy.deepcopy(make_doc())
    change(doc)
    with pytest.raises(payload.PayloadError) as refused:
        payload.validate(doc)
    assert "555" not in str(refused.value)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, SCHEMA)
