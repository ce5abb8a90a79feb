"""Rasa's lock store, chosen by configuration: one conversation is processed by one replica at a time.

``endpoints.yml`` names this class; Rasa builds it with the endpoint's settings. With
``KYR_REDIS_URL`` it is Rasa's own ``RedisLockStore`` (several Rasa servers share the locks),
without it Rasa's ``InMemoryLockStore`` (one process, `make run`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore

from bot import settings

KEY_PREFIX = "kyr"


class ConfiguredLockStore(LockStore):
    """A factory in the shape Rasa loads custom lock stores with (``cls(endpoint_config=...)``)."""

    def __new__(cls, endpoint_config: Any = None) -> LockStore:
        # Returns Rasa's own classes rather than a subclass: their behaviour stays exactly Rasa's.
        return lock_store_for(settings.redis_url())


def lock_store_for(url: str | None) -> LockStore:
    if not url:
        return InMemoryLockStore()
    parts = urlparse(url)
    db = int(parts.path.lstrip("/") or 0)
    return RedisLockStore(
        host=parts.hostname or "localhost",
        port=parts.port or 6379,
        db=db,
        username=parts.username,
        password=parts.password,
        use_ssl=parts.scheme == "rediss",
        key_prefix=KEY_PREFIX,
    )
