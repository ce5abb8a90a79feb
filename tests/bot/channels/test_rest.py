import json

import pytest
from bot.channels.rest import BadRequest, parse_body


@pytest.mark.parametrize("raw, reason", [
    (b"", "JSON"), (b"\xff\xfe", "JSON"), (b"[1, 2]", "object"), (b'{"sender": {"a": 1}, "message": "hi"}', "sender"),
    (b'{"sender": "a b", "message": "hi"}', "sender"), (b'{"sender": "x", "message": 5}', "message"),
    (b'{"sender": "x", "message": "   "}', "message"), (b'{"sender": "x", "message": "a\\u0000b"}', "NUL"),
    (b'{"sender": "x", "message": "hi", "metadata": [1]}', "metadata"),
])
def test_bad_bodies_are_rejected_with_a_reason(raw, reason):
    with pytest.raises(BadRequest, match=reason):
        parse_body(raw)


def test_long_messages_are_cut_to_the_configured_limit(monkeypatch):
    monkeypatch.setenv("KYR_MAX_MESSAGE_CHARS", "10")
    body = parse_body(json.dumps({"sender": "web-abc", "message": "x" * 50, "metadata": {"lang": "es"}}).encode())
    assert body == {"sender": "web-abc", "message": "x" * 10, "metadata": {"lang": "es"}}
