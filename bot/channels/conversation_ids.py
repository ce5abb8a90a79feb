"""Conversation ids issued by the server: random, unguessable and signed, one form per channel.

A conversation id is the only thing that ties a client to a conversation (its replies, its
handoff summary, "yes" to that summary, "delete my data"), so clients never choose it: the web
page gets one with the page, a socket.io client with ``session_confirm``, an integration from
``GET /webhooks/rest/session``. A channel accepts only ids of its own form that carry a valid
signature, so an SMS pseudonym or another channel's id is refused, and an id cannot be made up.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from bot.privacy.secrets import get_secret

WEB = "web"  # REST: the web page and integrations
SOCKET = "sio"  # socket.io
_FORM = re.compile(r"^(?P<prefix>[a-z]{2,5})-(?P<random>[0-9a-f]{32})\.(?P<sig>[0-9a-f]{16})$")


def _signature(prefix: str, random_part: str) -> str:
    key = get_secret("conversation_id_key").encode()
    return hmac.new(key, f"{prefix}-{random_part}".encode(), hashlib.sha256).hexdigest()[:16]


def issue(prefix: str) -> str:
    """A new id: ``<prefix>-<128 random bits>.<signature>``."""
    random_part = secrets.token_hex(16)
    return f"{prefix}-{random_part}.{_signature(prefix, random_part)}"


def is_valid(value: str | None, prefix: str) -> bool:
    """True for an id this server issued for the channel ``prefix`` (constant-time check)."""
    match = _FORM.match(value) if isinstance(value, str) else None
    if not match or match.group("prefix") != prefix:
        return False
    return hmac.compare_digest(match.group("sig"), _signature(prefix, match.group("random")))
