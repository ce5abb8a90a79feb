"""Short-lived per-sender state of the SMS channel: the numbered options of the last reply.

Keyed by the hashed sender id, holding nothing the user typed. Entries expire ``ttl_seconds``
after the last message: in this process (a bounded cachetools TTL map, at most ``max_keys``), or in
Redis when several Rasa servers share the load (``KYR_REDIS_URL``, ``make_memory``).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from cachetools import TTLCache


@dataclass
class SenderState:
    options: list[str] = field(default_factory=list)  # button payloads of the last reply, in order
    lang: str | None = None  # language of the last reply (for notices sent without Rasa)
    told_too_long: bool = False


class SenderMemory:
    """The state of each sender, forgotten ``ttl_seconds`` after their last message."""

    def __init__(
        self, ttl_seconds: float = 900.0, max_keys: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._items: TTLCache[str, SenderState] = TTLCache(maxsize=int(max_keys), ttl=float(ttl_seconds), timer=clock)
        self._lock = threading.Lock()  # the channel's handlers run in threads of the server too

    def __len__(self) -> int:
        with self._lock:
            self._items.expire()
            return len(self._items)

    def keys(self) -> list[str]:
        with self._lock:
            self._items.expire()
            return list(self._items)

    def get(self, key: str) -> SenderState:
        """The live state of ``key`` (a fresh, unsaved one when unknown or expired)."""
        with self._lock:
            state = self._items.get(key)
            return state if state is not None else SenderState()

    def save(self, key: str, state: SenderState) -> None:
        """Keep ``state`` for another ``ttl_seconds`` (the oldest sender goes when full)."""
        with self._lock:
            self._items[key] = state


class RedisSenderMemory:
    """SenderMemory shared by several servers: one JSON value per sender with the same expiry.

    While Redis is unreachable a sender gets a fresh state (numbered picks are read as text) and a
    warning line says so; nothing breaks for good.
    """

    def __init__(self, client: Any, ttl_seconds: float = 900.0) -> None:
        self._client = client
        self._ttl_ms = max(1, int(float(ttl_seconds) * 1000))

    def get(self, key: str) -> SenderState:
        from bot.stores.shared import warn_unavailable

        try:
            raw = self._client.get(_KEY + key)
        except Exception as exc:
            warn_unavailable("SMS option memory", exc)
            return SenderState()
        return SenderState(**json.loads(raw)) if raw else SenderState()

    def save(self, key: str, state: SenderState) -> None:
        from bot.stores.shared import warn_unavailable

        try:
            self._client.set(_KEY + key, json.dumps(asdict(state)), px=self._ttl_ms)
        except Exception as exc:
            warn_unavailable("SMS option memory", exc)


_KEY = "kyr:sms:"  # + the pseudonymous sender id (never the phone number)


def make_memory(ttl_seconds: float) -> SenderMemory | RedisSenderMemory:
    """Shared through Redis when KYR_REDIS_URL is set (several servers), else in this process."""
    from bot.stores.shared import client

    redis_client = client()
    return SenderMemory(ttl_seconds) if redis_client is None else RedisSenderMemory(redis_client, ttl_seconds)
