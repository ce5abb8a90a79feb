"""Start-up check for ``KYR_ENV=production``: every key given and well formed, no development value.

Outside production the bot creates development keys and uses fake Twilio settings so that
``make run`` needs no setup. In production that would fail open: a container restart would
create new keys (and lose every pending handoff), and fake Twilio settings would drop every SMS.
Each process that needs them calls :func:`refuse_to_start_if_unsafe` first.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping

from cryptography.fernet import Fernet

# Keys every production deployment must set (bot.privacy.secrets names them KYR_<NAME>).
REQUIRED_KEYS = ("sender_hash_key", "handoff_key", "action_secret", "conversation_id_key")
MIN_KEY_CHARS = 32
_TWILIO_SID = re.compile(r"^AC[0-9a-f]{32}$")
# The North American fictional range 555-0100..0199 that scripts/env.sh and the tests use.
_FICTIONAL_NUMBER = re.compile(r"^\+1\d{3}55501\d{2}$")


def problems(environ: Mapping[str, str] | None = None) -> list[str]:
    """What is missing or unsafe for production (nothing outside production)."""
    env = os.environ if environ is None else environ
    if env.get("KYR_ENV") != "production":
        return []
    found: list[str] = []
    for name in REQUIRED_KEYS:
        variable = f"KYR_{name.upper()}"
        value = env.get(variable, "")
        if not value:
            found.append(f"{variable} is not set (production never generates keys)")
        elif name == "handoff_key":
            for key in (k.strip() for k in value.split(",")):
                try:
                    Fernet(key.encode())
                except ValueError:
                    found.append(
                        f"{variable}: every comma-separated key must be a Fernet key "
                        "(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
                    )
                    break
        elif len(value) < MIN_KEY_CHARS:
            found.append(f"{variable} must be at least {MIN_KEY_CHARS} random characters")
    sid = env.get("TWILIO_ACCOUNT_SID", "")
    if not _TWILIO_SID.match(sid) or set(sid[2:]) == {"0"}:
        found.append("TWILIO_ACCOUNT_SID must be your Twilio account SID (AC + 32 hex characters), not the placeholder")
    if len(env.get("TWILIO_AUTH_TOKEN", "")) < 32:
        found.append("TWILIO_AUTH_TOKEN must be your Twilio auth token")
    number = env.get("TWILIO_NUMBER", "")
    if not re.match(r"^\+\d{8,15}$", number) or _FICTIONAL_NUMBER.match(number):
        found.append("TWILIO_NUMBER must be your Twilio number in +E.164 form, not the 555 placeholder")
    for variable in ("KYR_PUBLIC_URL", "KYR_TWILIO_WEBHOOK_URL"):
        if not env.get(variable, "").startswith("https://"):
            found.append(f"{variable} must be the public https:// address (TLS at the proxy)")
    return found


def refuse_to_start_if_unsafe(process: str) -> None:
    """Exit with a message naming every problem (values are never printed)."""
    found = problems()
    if found:
        print(f"Refusing to start the {process} with KYR_ENV=production:", file=sys.stderr)
        for line in found:
            print(f"  - {line}", file=sys.stderr)
        sys.exit(2)
