"""Secrets come only from the environment; development keys are created outside the repo.

``get_secret("sender_hash_key")`` reads ``KYR_SENDER_HASH_KEY``. When it is unset and
``KYR_ENV`` is not ``production``, a random key is created once in ``$KYR_SECRETS_DIR``
(default ``~/.config/kyr-bot``) with owner-only permissions and reused afterwards.
"""

from __future__ import annotations

import os
import secrets as _random
from pathlib import Path


class MissingSecret(RuntimeError):
    pass


def secrets_dir() -> Path:
    return Path(os.environ.get("KYR_SECRETS_DIR") or Path.home() / ".config" / "kyr-bot")


def get_secret(name: str) -> str:
    """Return the secret ``name`` (urlsafe text), creating a dev key if allowed."""
    env_name = "KYR_" + name.upper()
    value = os.environ.get(env_name)
    if value:
        return value
    if os.environ.get("KYR_ENV") == "production":
        raise MissingSecret(f"{env_name} is not set; production never generates keys. Set it and restart.")
    path = secrets_dir() / name
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    # Fernet-compatible: 32 random bytes, urlsafe base64.
    import base64

    key = base64.urlsafe_b64encode(_random.token_bytes(32)).decode()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key
