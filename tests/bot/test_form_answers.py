"""Form buttons answer with a payload the classifier never sees (bot/form_answers.py)."""

from __future__ import annotations

import pytest
import yaml

from bot import form_answers, settings
from bot.channels.inbound import clean_user_text

pytestmark = pytest.mark.unit

DOMAIN = yaml.safe_load((settings.PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
FORM_SLOTS = [slot for form in DOMAIN["forms"].values() for slot in form["required_slots"]]


def _form_buttons() -> list[str]:
    return [
        button["payload"]
        for name, variations in DOMAIN["responses"].items()
        if name.startswith("utter_ask_")
        for variation in variations
        for button in variation.get("buttons") or []
    ]


def test_every_form_question_button_sends_a_form_answer_payload() -> None:
    payloads = _form_buttons()
    assert len(payloads) >= 20
    for payload in payloads:
        assert form_answers.is_form_answer_payload(payload), payload


@pytest.mark.parametrize("value", sorted(form_answers.VALUES))
def test_each_listed_answer_passes_the_channels_as_a_payload(value: str) -> None:
    payload = form_answers.payload(value)
    assert payload == '/inform{"form_answer":"' + value + '"}'
    assert clean_user_text(payload) == (payload, False)


def test_an_unlisted_answer_is_refused_where_the_button_is_built() -> None:
    with pytest.raises(ValueError, match="form_answers.VALUES"):
        form_answers.payload("texas")


@pytest.mark.parametrize("slot", FORM_SLOTS)
def test_every_form_slot_takes_the_button_answer_before_the_text(slot: str) -> None:
    mappings = DOMAIN["slots"][slot]["mappings"]
    first = mappings[0]
    assert (first["type"], first["entity"]) == ("from_entity", form_answers.ENTITY), slot
    assert first["conditions"] == mappings[1]["conditions"], slot  # the same question only
