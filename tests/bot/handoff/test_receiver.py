from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from bot.handoff import crypto
from bot.handoff.receiver import Receiver

PARTNER_SECRET = "test-partner-secret-not-real"  # same as the conftest fixture


def _post(url: str, body: bytes, headers: dict) -> tuple:
    req = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_accepts_signed_and_dedupes_on_id(receiver: Receiver, make_doc):
    body = crypto.body_bytes(make_doc())
    status, reply = _post(receiver.url, body, crypto.signed_headers(PARTNER_SECRET, body))
    assert status == 200 and reply["status"] == "accepted"
    status, reply = _post(receiver.url, body, crypto.signed_headers(PARTNER_SECRET, body))
    assert status == 200 and reply["status"] == "duplicate"
    assert len(receiver.received) == 1


def test_rejects_tampered_body_with_401(receiver: Receiver, make_doc):
    body = crypto.body_bytes(make_doc())
    headers = crypto.signed_headers(PARTNER_SECRET, body)
    status, _ = _post(receiver.url, body.replace(b'"TX"', b'"AZ"'), headers)
    assert status == 401
    assert receiver.received == []


def test_rejects_wrong_secret_and_stale_timestamp(receiver: Receiver, make_doc):
    body = crypto.body_bytes(make_doc())
    assert _post(receiver.url, body, crypto.signed_headers("wrong", body))[0] == 401
    import time

    assert _post(receiver.url, body, crypto.signed_headers(PARTNER_SECRET, body, now=time.time() - 600))[0] == 401
    assert _post(receiver.url, body, {"Content-Type": "application/json"})[0] == 401


def test_rejects_signed_document_that_breaks_the_schema(receiver: Receiver, make_doc):
    doc = make_doc()
    doc["story"] = "free text"
    body = crypto.body_bytes(doc)
    status, _ = _post(receiver.url, body, crypto.signed_headers(PARTNER_SECRET, body))
    assert status == 422


def test_store_directory_keeps_one_file_per_id(tmp_path, make_doc):
    r = Receiver(PARTNER_SECRET, store=tmp_path / "in").start()
    try:
        doc = make_doc()
        body = crypto.body_bytes(doc)
        for _ in range(2):
            assert _post(r.url, body, crypto.signed_headers(PARTNER_SECRET, body))[0] == 200
    finally:
        r.stop()
    files = list((tmp_path / "in").glob("*.json"))
    assert [f.name for f in files] == [f"{doc['id']}.json"]
    assert (files[0].stat().st_mode & 0o777) == 0o600  # a stored handoff holds contact details
    # A restarted receiver with the same store still dedupes.
    r2 = Receiver(PARTNER_SECRET, store=tmp_path / "in")
    assert r2.handle({crypto.TIMESTAMP_HEADER: None}, body)[0] == 401
    h = crypto.signed_headers(PARTNER_SECRET, body)
    assert r2.handle(h, body)[1]["status"] == "duplicate"


@pytest.mark.parametrize("length", ["-1", "abc"])
def test_a_bad_content_length_is_refused_at_once(receiver: Receiver, length: str):
    """A negative length made the reference receiver read until the client closed (issue #15, low)."""
    import http.client
    from urllib.parse import urlsplit

    url = urlsplit(receiver.url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=5)
    conn.putrequest("POST", url.path)
    conn.putheader("Content-Length", length)
    conn.endheaders()
    response = conn.getresponse()
    assert response.status == 400 and json.loads(response.read()) == {"error": "bad Content-Length"}
    conn.close()
