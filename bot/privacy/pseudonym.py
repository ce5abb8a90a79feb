"""SMS senders are known to the bot only by a keyed hash of their number."""

from __future__ import annotations

import hashlib
import hmac

from bot.privacy.secrets import get_secret


def sender_id_for_phone(phone: str) -> str:
    """Stable, non-reversible conversation id for a phone number (HMAC-SHA256, key from env)."""
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    key = get_secret("sender_hash_key").encode()
    return "sms-" + hmac.new(key, digits.encode(), hashlib.sha256).hexdigest()[:32]
