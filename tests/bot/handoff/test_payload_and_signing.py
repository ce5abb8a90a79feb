from __future__ import annotations

import json
import time

import pytest

from bot.handoff import crypto, payload
from bot.handoff.payload import PayloadError


def test_built_document_has_exactly_the_contract_fields(make_doc):
    doc = make_doc()
    assert tuple(doc) == payload.FIELDS
    assert doc["contact"] == {"method": "sms", "value": "+15555550123"}
    assert set(doc["consent"]) == {"given_at", "text_id", "text_version"}
    assert doc["created_at"].endswith("Z")


def test_reference_has_no_ambiguous_characters():
    for _ in range(500):
        ref = payload.new_reference()
        assert payload.REFERENCE_RE.match(ref)
        assert not set(ref[4:]) & set("0O1IL")


@pytest.mark.parametrize(
    "field,value",
    [
        ("role", "child"),
        ("state", "XX"),
        ("age_group", "12"),
        ("in_custody", "yes"),
        ("topics", ["free text the user typed"]),
        ("language", "Spanish"),
        ("reference", "KYR-0OIL1"),
    ],
)
def test_validate_rejects_values_outside_the_contract(make_doc, field, value):
    doc = make_doc()
    doc[field] = value
    with pytest.raises(PayloadError):
        payload.validate(doc)


def test_validate_rejects_extra_fields_like_a_name(make_doc):
    doc = make_doc()
    doc["name"] = "Fake Person"
    with pytest.raises(PayloadError, match="extra"):
        payload.validate(doc)


def test_contact_value_must_match_method(make_doc):
    with pytest.raises(PayloadError):
        make_doc(contact_method="email", contact_value="not-an-email")
    doc = make_doc(contact_method="through_caseworker", contact_value="ignored")
    assert doc["contact"] == {"method": "through_caseworker", "value": None}


def test_topics_come_only_from_bot_event_metadata():
    events = [
        {"event": "user", "text": "my story with names", "metadata": {"topic": "therapy_privacy"}},
        {"event": "bot", "text": "...", "metadata": {"topic": "therapy_privacy", "lang": "es"}},
        {"event": "bot", "text": "...", "metadata": {"topic": "menu", "lang": "es"}},
        {"event": "bot", "text": "...", "metadata": {"topic": "right_to_lawyer", "lang": "es"}},
        {"event": "bot", "text": "...", "metadata": {"topic": "therapy_privacy", "lang": "es"}},
    ]
    assert payload.topics_from_events(events) == ["therapy_privacy", "right_to_lawyer"]


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("(555) 555-0123", "+15555550123"),
        ("555 555 0123", "+15555550123"),
        ("+1 555-555-0123", "+15555550123"),
        ("call me", None),
        ("12", None),
    ],
)
def test_normalize_phone(typed, expected):
    assert payload.normalize_phone(typed) == expected


def test_signature_round_trip_and_tamper_detection(make_doc):
    body = crypto.body_bytes(make_doc())
    headers = crypto.signed_headers("s3cret", body)
    ts, sig = headers[crypto.TIMESTAMP_HEADER], headers[crypto.SIGNATURE_HEADER]
    assert sig.startswith("sha256=") and len(sig) == 7 + 64
    assert crypto.verify("s3cret", ts, sig, body)
    assert not crypto.verify("other", ts, sig, body)
    assert not crypto.verify("s3cret", ts, sig, body.replace(b"TX", b"AZ"))
    assert not crypto.verify("s3cret", str(int(ts) + 1), sig, body)


def test_signature_is_hmac_sha256_over_timestamp_dot_body():
    import hashlib
    import hmac

    body = b'{"a":1}'
    expected = hmac.new(b"k", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert crypto.sign("k", "1700000000", body) == "sha256=" + expected


def test_timestamp_skew_over_five_minutes_is_rejected():
    body = b"{}"
    old = str(int(time.time()) - 301)
    assert not crypto.verify("k", old, crypto.sign("k", old, body), body)
    recent = str(int(time.time()) - 299)
    assert crypto.verify("k", recent, crypto.sign("k", recent, body), body)


def test_encryption_round_trip(env, make_doc):
    doc = make_doc()
    token = crypto.encrypt(doc)
    assert b"5555550123" not in token
    assert crypto.decrypt(token) == json.loads(json.dumps(doc))


def test_the_handoff_key_rotates_without_losing_stored_handoffs(monkeypatch):
    """Issue 15 (low): a new key first encrypts; the old one still opens what it wrote."""
    from cryptography.fernet import Fernet

    from bot.handoff import crypto

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv("KYR_HANDOFF_KEY", old)
    stored, sealed = crypto.encrypt({"id": "x"}), crypto.seal("+15555550123")
    monkeypatch.setenv("KYR_HANDOFF_KEY", f"{new},{old}")
    assert crypto.decrypt(stored) == {"id": "x"} and crypto.unseal(sealed) == "+15555550123"
    fresh = crypto.encrypt({"id": "y"})
    monkeypatch.setenv("KYR_HANDOFF_KEY", new)  # the old key dropped: what the new one wrote still opens
    assert crypto.decrypt(fresh) == {"id": "y"}
    assert crypto.unseal(sealed) is None
