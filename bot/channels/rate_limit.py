"""A small in-memory sliding-window rate limiter, keyed by an opaque id (the hashed sender id).

Why in memory: the limiter exists to protect the bot (and the user's phone bill) from floods,
not to keep a record. Nothing is written anywhere; a restart forgets everything.

Semantics, per key:
- up to ``max_events`` messages are allowed in any ``window_seconds`` window;
- the first message over the limit gets ``Decision.NOTIFY`` (send one polite notice);
- later messages get ``Decision.SILENT`` until an old message leaves the window.
Refused messages do not count towards the window, so a user who keeps typing is not locked
out forever. Memory is bounded: at most ``max_keys`` keys (least recently seen evicted first),
each holding at most ``max_events`` timestamps.
"""

from __future__ import annotations

import enum
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field


class Decision(enum.Enum):
    ALLOW = "allow"
    NOTIFY = "notify"  # over the limit, and the user has not been told yet
    SILENT = "silent"  # over the limit, already told


@dataclass
class _Bucket:
    times: deque[float]
    notified: bool = False
    last_seen: float = field(default=0.0)


class SlidingWindowLimiter:
    def __init__(
        self,
        max_events: int = 15,
        window_seconds: float = 600.0,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_events < 1 or window_seconds <= 0 or max_keys < 1:
            raise ValueError("max_events, window_seconds and max_keys must be positive")
        self.max_events = int(max_events)
        self.window_seconds = float(window_seconds)
        self.max_keys = int(max_keys)
        self._clock = clock
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()  # Sanic handlers are async, but be safe under threads too

    def __len__(self) -> int:
        return len(self._buckets)

    def check(self, key: str) -> Decision:
        """Record an attempt for ``key`` and say whether it may go through."""
        now = self._clock()
        with self._lock:
            self._purge_idle(now)
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = _Bucket(times=deque(maxlen=self.max_events))
                self._buckets[key] = bucket
                while len(self._buckets) > self.max_keys:
                    self._buckets.popitem(last=False)
            self._buckets.move_to_end(key)
            bucket.last_seen = now
            cutoff = now - self.window_seconds
            while bucket.times and bucket.times[0] <= cutoff:
                bucket.times.popleft()
            if len(bucket.times) < self.max_events:
                bucket.times.append(now)
                bucket.notified = False
                return Decision.ALLOW
            if not bucket.notified:
                bucket.notified = True
                return Decision.NOTIFY
            return Decision.SILENT

    def forget(self, key: str) -> None:
        """Drop everything known about ``key`` (e.g. after the user deleted their data)."""
        with self._lock:
            self._buckets.pop(key, None)

    def _purge_idle(self, now: float) -> None:
        # Keys are ordered by last use, so idle ones are at the front: stop at the first live one.
        cutoff = now - self.window_seconds
        while self._buckets:
            oldest_key, oldest = next(iter(self._buckets.items()))
            if oldest.last_seen > cutoff:
                break
            del self._buckets[oldest_key]
