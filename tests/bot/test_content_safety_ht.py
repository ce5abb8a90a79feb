"""The safety contract of tests/bot/test_content_safety.py, checked on the Haitian Creole answers.

The shared tests keep their phrases per language in dicts that know en and es; these are the ht
phrases (the lead may fold them into those dicts). Same rules: tell staff before any phone number,
never promise that counseling is private, the lawyer-first advice always carries the safety exception.
"""

from __future__ import annotations

import re

import pytest

from bot import content

NUMBER = re.compile(r"\b(911|988|1-8\d\d-\d{3}-\d{4})\b")
STAFF = r"\b(anplwaye|konseye)\b"
SAFETY_FIRST = "sekirite ou vini anvan"
OWN_LAWYER = "pwòp avoka ou"
FEAR = "pè kote w pral viv"


@pytest.fixture(autouse=True)
def _real_content() -> None:
    content.load(content.LOCALES_DIR, force=True)


def texts(answer_id: str) -> dict[str, str]:
    answer = content.answer(answer_id, "ht")
    params = content.dynamic_params()
    return {"short": content.fill(answer.short, **params), "full": content.fill(answer.full, **params)}


@pytest.mark.parametrize("form", ["short", "full"])
def test_crisis_says_tell_staff_before_any_phone_number(form: str) -> None:
    text = texts("crisis")[form]
    staff, number = re.search(STAFF, text, re.IGNORECASE), NUMBER.search(text)
    assert staff and number and staff.start() < number.start(), text
    assert SAFETY_FIRST in text.lower() and "233733" in text and re.search(r"\bs[eè]ks", text)
    assert re.search(r"ekri sa (ou|w) di", text)  # staff may write it down, and that is OK
    assert "entèprèt" in text and "angle ak panyòl" in text  # what 988 offers a Kreyol speaker


def test_mandatory_reporting_promises_nothing_and_names_the_orr_file() -> None:
    for form, text in texts("mandatory_reporting").items():
        assert not re.search(r"(rete|se) (prive|konfidansyèl)\b(?! nèt)", text, re.IGNORECASE), form
        assert re.search(r"dosye (ORR ou|ou nan ORR)", text), form
        assert re.search(r"rapò ensidan|rapò bay ORR", text), form


@pytest.mark.parametrize("answer_id", ["therapy_privacy", "what_to_share", "disclosure_guard"])
def test_lawyer_first_advice_has_the_safety_exception(answer_id: str) -> None:
    for form, text in texts(answer_id).items():
        assert SAFETY_FIRST in text.lower() and FEAR in text and OWN_LAWYER in text.lower(), form


def test_disclosure_guard_always_carries_a_safety_line() -> None:
    for form, text in texts("disclosure_guard").items():
        assert re.search(STAFF, text, re.IGNORECASE), form
        assert "911" in text and "988" in text and "1-800-422-4453" in text, form


def test_lawyer_privacy_and_bot_privacy_promise_only_what_is_true() -> None:
    for text in texts("lawyer_privacy").values():
        assert OWN_LAWYER in text.lower() and "gouvènman an gen pwòp avoka pa l" in text
    for form, text in texts("bot_privacy").items():
        assert not re.search(r"tout non yo|mwen pa sove mesaj", text, re.IGNORECASE), form
        assert re.search(r"pa (di m non ou ni istwa ou|rakonte m istwa ou)", text, re.IGNORECASE), form
        assert "Moun ki jere sèvis sa a ka wè" in text, form


def test_no_answer_promises_counseling_is_confidential() -> None:
    promise = re.compile(r"(terapi|konsèy|nòt\w*)( \w+){0,2} (se|rete) (toujou |nèt )?(prive|konfidansyèl)\b(?! nèt)")
    for answer_id in content.answer_ids("ht"):
        answer = content.answer(answer_id, "ht")
        assert not promise.search(f"{answer.short} {answer.full}".lower()), answer_id
