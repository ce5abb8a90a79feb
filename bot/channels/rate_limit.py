"""A sliding-window rate limiter, keyed by an opaque id (the hashed sender id): in memory for one
process, in Redis (``KYR_REDIS_URL``) when several Rasa servers share the load (``make_limiter``).

Why not a database: the limiter exists to protect the bot (and the user's phone bill) from floods,
not to keep a record. Nothing else is written; keys expire with the window.

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
import uuid
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


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


# One atomic step in Redis, the same semantics as SlidingWindowLimiter.check: a sorted set of the
# allowed messages' times, and a flag that the user was told (cleared when a message is allowed).
_CHECK_LUA = """
local key, flag = KEYS[1], KEYS[2]
local now, window, max_events = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local ttl = math.ceil(window * 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) < max_events then
  redis.call('ZADD', key, now, ARGV[4])
  redis.call('PEXPIRE', key, ttl)
  redis.call('DEL', flag)
  return 'allow'
end
if redis.call('SET', flag, '1', 'NX', 'PX', ttl) then return 'notify' end
return 'silent'
"""


class RedisSlidingWindowLimiter:
    """SlidingWindowLimiter shared by several servers through Redis (keys expire with the window).

    While Redis is unreachable every message is allowed (the limit protects the bot from floods;
    refusing everyone would be worse) and a warning line says so.
    """

    def __init__(self, client: Any, name: str, max_events: int = 15, window_seconds: float = 600.0) -> None:
        if max_events < 1 or window_seconds <= 0:
            raise ValueError("max_events and window_seconds must be positive")
        self.max_events = int(max_events)
        self.window_seconds = float(window_seconds)
        self._prefix = f"kyr:limit:{name}:"
        self._script = client.register_script(_CHECK_LUA)
        self._client = client

    def check(self, key: str) -> Decision:
        from bot.stores.shared import warn_unavailable

        try:
            result = self._script(
                keys=[self._prefix + key, self._prefix + key + ":told"],
                args=[time.time(), self.window_seconds, self.max_events, uuid.uuid4().hex],
            )
        except Exception as exc:  # redis.RedisError and connection errors alike
            warn_unavailable("rate limits", exc)
            return Decision.ALLOW
        return Decision(result.decode() if isinstance(result, bytes) else result)

    def forget(self, key: str) -> None:
        self._client.delete(self._prefix + key, self._prefix + key + ":told")


def make_limiter(name: str, max_events: int, window_seconds: float) -> SlidingWindowLimiter | RedisSlidingWindowLimiter:
    """Shared through Redis when KYR_REDIS_URL is set (several servers), else in this process."""
    from bot.stores.shared import client

    redis_client = client()
    if redis_client is None:
        return SlidingWindowLimiter(max_events, window_seconds)
    return RedisSlidingWindowLimiter(redis_client, name, max_events, window_seconds)
