"""Property-based abuse of every HTTP endpoint: random Unicode, control characters, huge, empty
and malformed bodies. No 5xx, no crash, and the bot keeps answering afterwards."""

from __future__ import annotations

import json

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def url(stack) -> str:
    return stack.rasa_url


def post(url: str, **kwargs) -> requests.Response:
    return requests.post(url, timeout=60, **kwargs)


@FUZZ
@given(
    body=st.one_of(
        st.binary(max_size=2000),
        json_values.map(lambda v: json.dumps(v).encode()),
        st.fixed_dictionaries({"sender": any_text, "message": any_text}).map(lambda v: json.dumps(v).encode()),
        st.fixed_dictionaries({"sender": json_values, "message": json_values, "metadata": json_values}).map(
            lambda v: json.dumps(v).encode()
        ),
    )
)
def test_rest_webhook_never_fails_on_garbage(url, body):
    response = post(f"{url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code < 500, (response.status_code, body[:200])


@FUZZ
@given(
    form=st.dictionaries(
        st.sampled_from(["From", "Body", "To", "AccountSid", "MessageSid", "FromZip", "x"]) | any_text,
        any_text,
        max_size=6,
    ),
    signature=st.none() | st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), max_size=60),
)
def test_sms_webhook_never_fails_and_rejects_unsigned(url, form, signature):
    headers = {} if signature is None else {"X-Twilio-Signature": signature}
    response = post(f"{url}/webhooks/twilio/webhook", data=form, headers=headers)
    assert response.status_code in (400, 403), response.status_code


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["lang", "topic", "org"]) | any_text, any_text, max_size=4))
def test_chat_page_never_errors_on_odd_links(url, params):
    response = requests.get(f"{url}/chat", params=params, timeout=30)
    assert response.status_code == 200
    assert "set-cookie" not in {k.lower() for k in response.headers}


def test_huge_and_empty_bodies(stack):
    huge = json.dumps({"sender": "fuzz-huge", "message": "a" * 200_000}).encode()
    assert (
        post(
            f"{stack.rasa_url}/webhooks/rest/webhook", data=huge, headers={"Content-Type": "application/json"}
        ).status_code
        == 413
    )
    assert post(f"{stack.rasa_url}/webhooks/rest/webhook", data=b"").status_code < 500
    assert post(f"{stack.rasa_url}/webhooks/twilio/webhook", data=b"x" * 100_000).status_code in (400, 403, 413)


def test_bot_still_answers_after_the_fuzzing(stack):
    sender = stack.new_sender("after-fuzz")
    replies = stack.rest(sender, "do I have a right to a lawyer?")
    assert replies and stack.bot_events(sender)[-1]["metadata"]["topic"] == "right_to_lawyer"


def test_rest_rejects_bad_bodies_with_a_reason_and_ignores_a_claimed_channel(stack):
    bad = post(f"{stack.rasa_url}/webhooks/rest/webhook", data=b"[1]", headers={"Content-Type": "application/json"})
    assert bad.status_code == 400 and "object" in bad.json()["error"]
    sender = stack.new_sender("claims-sms")
    ok = post(
        f"{stack.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": "hi", "input_channel": "twilio"}
    )
    assert ok.status_code == 200
    assert stack.tracker(sender)["latest_input_channel"] == "rest"
