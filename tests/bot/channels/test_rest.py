import json

import pytest

from bot.channels import conversation_ids
from bot.channels.rest import BadRequest, parse_body


def body(**fields) -> bytes:
    return json.dumps({"sender": conversation_ids.issue(conversation_ids.WEB), **fields}).encode()


@pytest.mark.parametrize(
    "raw, reason",
    [
        (b"", "JSON"),
        (b"\xff\xfe", "JSON"),
        (b"[1, 2]", "object"),
        (b'{"sender": {"a": 1}, "message": "hi"}', "sender"),
        (b'{"sender": "a b", "message": "hi"}', "sender"),
    ],
)
def test_bad_bodies_are_rejected_with_a_reason(raw, reason):
    with pytest.raises(BadRequest, match=reason):
        parse_body(raw)


@pytest.mark.parametrize(
    "fields, reason",
    [
        ({"message": 5}, "message"),
        ({"message": "   "}, "message"),
        ({"message": "a\u0000b"}, "NUL"),
        ({"message": "hi", "metadata": [1]}, "metadata"),
    ],
)
def test_bad_fields_are_rejected_with_a_reason(fields, reason):
    with pytest.raises(BadRequest, match=reason):
        parse_body(body(**fields))


@pytest.mark.parametrize(
    "sender",
    [
        "web-" + "a" * 32,  # the old client-made form
        "web-" + "a" * 32 + ".0123456789abcdef",  # a made-up signature
        "sms-" + "b" * 32,  # an SMS pseudonym
        "socket.io",  # an id this server issued for socket.io, made inside the test (below)
    ],
)
def test_only_ids_this_server_issued_for_rest_are_accepted(sender):
    """Issue 15 (medium 4): the sender id is the only credential, so clients never choose it."""
    if sender == "socket.io":
        # Issued here, not at collection: with the test's own key, and the same test names in every
        # pytest-xdist worker.
        sender = conversation_ids.issue(conversation_ids.SOCKET)
    with pytest.raises(BadRequest, match="GET /webhooks/rest/session"):
        parse_body(json.dumps({"sender": sender, "message": "hi"}).encode())


def test_long_messages_are_cut_to_the_configured_limit(monkeypatch):
    monkeypatch.setenv("KYR_MAX_MESSAGE_CHARS", "10")
    sender = conversation_ids.issue(conversation_ids.WEB)
    parsed = parse_body(json.dumps({"sender": sender, "message": "x" * 50, "metadata": {"lang": "es"}}).encode())
    assert parsed == {"sender": sender, "message": "x" * 10, "metadata": {"lang": "es"}}


class FakeRequest:
    def __init__(self, body: bytes = b"", ip: str = "198.51.100.7") -> None:
        self.body, self.remote_addr, self.ip = body, "", ip


def route(blueprint, uri: str):
    return next(r.handler for r in blueprint._future_routes if r.uri == uri)


async def test_rest_limits_each_conversation_and_each_client_with_429(monkeypatch):
    """Issue 15 (medium 6): a flood from one conversation or one address is refused before NLU."""
    from bot.channels.rest import SafeRestInput

    monkeypatch.setenv("KYR_RATE_LIMIT_MESSAGES", "2")
    monkeypatch.setenv("KYR_RATE_LIMIT_CLIENT_MESSAGES", "5")
    seen = []

    async def on_new_message(message):
        seen.append(message.sender_id)

    blueprint = SafeRestInput().blueprint(on_new_message)
    receive, session = route(blueprint, "/webhook"), route(blueprint, "/session")
    first = conversation_ids.issue(conversation_ids.WEB)
    statuses = [
        (await receive(FakeRequest(json.dumps({"sender": first, "message": "hi"}).encode()))).status for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    limited = await receive(FakeRequest(json.dumps({"sender": first, "message": "hi"}).encode()))
    assert limited.status == 429 and limited.headers["Retry-After"] == "300" and b"wait" in limited.body
    second = json.loads((await session(FakeRequest())).body)["sender"]  # 5th request of this address: the last allowed
    assert (await receive(FakeRequest(json.dumps({"sender": second, "message": "hi"}).encode()))).status == 429
    other_address = await receive(
        FakeRequest(json.dumps({"sender": second, "message": "hi"}).encode(), ip="203.0.113.9")
    )
    assert other_address.status == 200
    assert seen == [first, first, second]
