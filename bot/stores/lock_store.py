"""Rasa's lock store, chosen by configuration: one conversation is processed by one replica at a time.

``endpoints.yml`` names this class; Rasa builds it with the endpoint's settings. With
``KYR_REDIS_URL`` it is Rasa's own ``RedisLockStore`` (several Rasa servers share the locks),
without it Rasa's ``InMemoryLockStore`` (one process, `make run`).

While Redis is unreachable, locks fall back to this process's memory (each replica still
serialises its own messages; two replicas could then process one conversation at once) and
``bot.stores.shared`` logs one line a minute. Refusing every message instead would leave a child
in danger without an answer for as long as Redis is down. The three storage methods of Rasa's
public ``LockStore`` interface are wrapped (checked against Rasa 3.6.21).

Taking and releasing a conversation's lock are one Redis script each (``ticket_scripts``): Rasa's
ticket lock made seven round trips a message (GET, SET, GET to take it; GET, SET, GET, DEL to
release it), and between its GET and SET another replica could take the same ticket. The lock
in Redis keeps Rasa's format and rules, so replicas with and without the scripts share locks.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlparse

import rasa
import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockError, LockStore, RedisLockStore

from bot import settings
from bot.stores import ticket_scripts
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
        self._scripts = ticket_scripts.TicketScripts(self.red) if ticket_scripts.fits(rasa.__version__) else None

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncGenerator[TicketLock, None]:
        """Rasa's ``LockStore.lock``: a ticket, wait for its turn, give it back; one script each way."""
        if self._scripts is None:  # another Rasa release: Rasa's own way
            async with super().lock(conversation_id, lock_lifetime, wait_time_in_seconds) as lock:
                yield lock
            return
        key = self.key_prefix + conversation_id
        try:
            ticket, lock = self._scripts.issue(key, conversation_id, lock_lifetime)
        except _REDIS_DOWN as exc:
            warn_unavailable("conversation locks", exc)
            async with self.fallback.lock(conversation_id, lock_lifetime, wait_time_in_seconds) as lock:
                yield lock
            return
        try:
            yield await self._wait_for_turn(conversation_id, ticket, lock, wait_time_in_seconds)
        finally:
            try:
                self._scripts.release(key, ticket)
            except _REDIS_DOWN as exc:  # the ticket expires with its lifetime
                warn_unavailable("conversation locks", exc)

    async def _wait_for_turn(
        self, conversation_id: str, ticket: int, lock: TicketLock | None, wait_time_in_seconds: float
    ) -> TicketLock:
        """Rasa's ``_acquire_lock`` loop, starting from the lock the ticket script returned."""
        while lock is not None:
            if not lock.is_locked(ticket):
                return lock
            await asyncio.sleep(wait_time_in_seconds)
            self.update_lock(conversation_id)
            lock = self.get_lock(conversation_id)
        raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")

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
