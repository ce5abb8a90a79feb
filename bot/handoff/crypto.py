"""Encryption at rest, the keyed sender hash, and webhook signatures (docs/CONTRACTS.md section 3)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from bot.catalogue import SEALED_PREFIX, is_sealed  # noqa: F401 - is_sealed re-exported for callers of crypto
from bot.privacy.secrets import get_secret

SIGNATURE_HEADER = "X-KYR-Signature"
TIMESTAMP_HEADER = "X-KYR-Timestamp"
MAX_SKEW_SECONDS = 300


def _fernet() -> MultiFernet:
    """``KYR_HANDOFF_KEY`` may list several keys, comma-separated: the first encrypts, every one
    decrypts. To rotate: put a new key first, keep the old one until the outbox holds nothing
    written with it (``python -m bot handoffs``), then drop it."""
    keys = [k.strip() for k in get_secret("handoff_key").split(",") if k.strip()]
    return MultiFernet([Fernet(k.encode()) for k in keys])


def encrypt(doc: Mapping[str, Any]) -> bytes:
    return _fernet().encrypt(json.dumps(doc, separators=(",", ":"), sort_keys=True).encode())


def decrypt(token: bytes) -> Any:
    try:
        return json.loads(_fernet().decrypt(bytes(token)))
    except InvalidToken:
        raise RuntimeError(
            "handoff payload cannot be decrypted: KYR_HANDOFF_KEY differs from the key "
            "it was written with; restore the old key to deliver it"
        ) from None


def seal(value: str | None) -> str | None:
    """Encrypt a contact value typed for a handoff so it can sit in a slot (and the tracker store)
    without being readable there; only the action server, which has the key, opens it."""
    if not value:
        return value
    return SEALED_PREFIX + _fernet().encrypt(value.encode()).decode()


def unseal(value: str | None) -> str | None:
    """The clear value of ``seal``; other values are returned unchanged (None stays None)."""
    if not isinstance(value, str) or not value.startswith(SEALED_PREFIX):
        return value
    try:
        return _fernet().decrypt(value[len(SEALED_PREFIX) :].encode()).decode()
    except InvalidToken:
        return None  # key rotated since: the user is asked again


def sender_hash(sender_id: str) -> str:
    """Keyed hash of the conversation id: lets us find a sender's handoffs without storing the id."""
    key = get_secret("sender_hash_key").encode()
    return hmac.new(key, b"handoff:" + sender_id.encode(), hashlib.sha256).hexdigest()


def body_bytes(doc: Mapping[str, Any]) -> bytes:
    """The exact bytes that are signed and sent."""
    return json.dumps(doc, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode("utf-8")


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return "sha256=" + mac


def signed_headers(secret: str, body: bytes, now: float | None = None) -> dict:
    timestamp = str(int(now if now is not None else time.time()))
    return {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: sign(secret, timestamp, body),
    }


def verify(
    secret: str,
    timestamp: str | None,
    signature: str | None,
    body: bytes,
    now: float | None = None,
    max_skew: int = MAX_SKEW_SECONDS,
) -> bool:
    """True only for a matching signature with a timestamp within ``max_skew`` seconds."""
    if not timestamp or not signature:
        return False
    try:
        ts = int(timestamp)
    except ValueError:
        return False
    if abs((now if now is not None else time.time()) - ts) > max_skew:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)
