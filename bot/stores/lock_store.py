"""Rasa's lock store, chosen by configuration: one conversation is processed by one replica at a time.

``endpoints.yml`` names this class; Rasa builds it with the endpoint's settings. With
``KYR_REDIS_URL`` it is Rasa's own ``RedisLockStore`` (several Rasa servers share the locks),
without it Rasa's ``InMemoryLockStore`` (one process, `make run`).

While Redis is unreachable, locks fall back to this process's memory (each replica still
serialises its own messages; two replicas could then process one conversation at once) and
``bot.stores.shared`` logs one line a minute. Refusing every message instead would leave a child
in danger without an answer for as long as Redis is down. Only the three storage methods of
Rasa's public ``LockStore`` interface are wrapped (checked against Rasa 3.6.21).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore

from bot import settings
from bot.stores.shared import warn_unavailable

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
    return RedisLockStoreWithFallback(
        host=parts.hostname or "localhost",
        port=parts.port or 6379,
        db=db,
        username=parts.username,
        password=parts.password,
        use_ssl=parts.scheme == "rediss",
        key_prefix=KEY_PREFIX,
    )


_REDIS_DOWN = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)


class RedisLockStoreWithFallback(RedisLockStore):
    """Rasa's ``RedisLockStore``; while Redis is down, this process's memory keeps the locks."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fallback = InMemoryLockStore()

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        try:
            return super().get_lock(conversation_id)
        except _REDIS_DOWN as exc:
            warn_unavailable("conversation locks", exc)
            return self.fallback.get_lock(conversation_id)

    def delete_lock(self, conversation_id: str) -> None:
        try:
            super().delete_lock(conversation_id)
        except _REDIS_DOWN as exc:
            warn_unavailable("conversation locks", exc)
        self.fallback.delete_lock(conversation_id)

    def save_lock(self, lock: TicketLock) -> None:
        try:
            super().save_lock(lock)
        except _REDIS_DOWN as exc:
            warn_unavailable("conversation locks", exc)
            self.fallback.save_lock(lock)
