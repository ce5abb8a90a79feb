"""State that several Rasa servers must share, in Redis when ``KYR_REDIS_URL`` is set.

One client per process (redis-py reconnects by itself after Redis restarts). While Redis is
unreachable, callers degrade as their docstrings say and one warning line a minute says so; the
line names no conversation and no user data.
"""

from __future__ import annotations

import functools
import logging
import time

import redis

from bot import settings

logger = logging.getLogger("kyr.shared")
PREFIX = "kyr:"
_WARN_EVERY_SECONDS = 60.0
_last_warning = [0.0]


@functools.lru_cache(maxsize=1)
def client() -> redis.Redis | None:
    """The Redis client, or None when the bot runs as one process (no KYR_REDIS_URL)."""
    url = settings.redis_url()
    if not url:
        return None
    return redis.Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0, health_check_interval=10)


def warn_unavailable(what: str, exc: Exception) -> None:
    """One log line a minute while Redis is down (recovery needs no manual step)."""
    now = time.monotonic()
    if now - _last_warning[0] >= _WARN_EVERY_SECONDS:
        _last_warning[0] = now
        logger.warning("Redis unavailable (%s) for %s; retrying on every message", type(exc).__name__, what)
