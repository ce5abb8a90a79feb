"""Short-lived per-sender state of the SMS channel: the numbered options of the last reply.

In memory only, keyed by the hashed sender id, holding nothing the user typed. Entries expire
``ttl_seconds`` after the last message; at most ``max_keys`` are kept (a bounded TTL map from
cachetools).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

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
