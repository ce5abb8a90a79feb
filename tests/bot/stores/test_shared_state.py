"""State that Rasa replicas share through Redis (KYR_REDIS_URL): rate limits, SMS option memory and
Rasa's lock store behave as in one process, across two "replicas", and degrade safely without Redis."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
import redis
from rasa.core.lock_store import InMemoryLockStore, RedisLockStore

from bot.channels.rate_limit import Decision, RedisSlidingWindowLimiter, SlidingWindowLimiter, make_limiter
from bot.channels.sms_memory import RedisSenderMemory, SenderMemory, SenderState, make_memory
from bot.stores import lock_store, shared

pytestmark = pytest.mark.e2e  # starts a redis-server


@pytest.fixture
def use_redis(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[redis.Redis]:
    monkeypatch.setenv("KYR_REDIS_URL", redis_url)
    shared.client.cache_clear()
    client = shared.client()
    assert client is not None
    client.flushdb()
    yield client
    shared.client.cache_clear()


def test_without_redis_everything_stays_in_the_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KYR_REDIS_URL", raising=False)
    shared.client.cache_clear()
    assert isinstance(make_limiter("sms", 3, 60), SlidingWindowLimiter)
    assert isinstance(make_memory(60), SenderMemory)
    assert isinstance(lock_store.ConfiguredLockStore(), InMemoryLockStore)


def test_with_redis_the_lock_store_is_rasas_own(use_redis: redis.Redis) -> None:
    store = lock_store.ConfiguredLockStore()
    assert isinstance(store, RedisLockStore)
    lock = store.create_lock("conv-1")
    store.save_lock(lock)
    assert store.get_lock("conv-1") is not None  # another replica's store sees it
    assert lock_store.lock_store_for(None).__class__ is InMemoryLockStore


def test_two_replicas_share_one_rate_limit_with_one_notice(use_redis: redis.Redis) -> None:
    first, second = make_limiter("sms", 3, 60), make_limiter("sms", 3, 60)
    assert isinstance(first, RedisSlidingWindowLimiter)
    decisions = [limiter.check("sender-a") for limiter in (first, second, first, second, first)]
    assert decisions == [Decision.ALLOW, Decision.ALLOW, Decision.ALLOW, Decision.NOTIFY, Decision.SILENT]
    assert second.check("sender-b") is Decision.ALLOW  # keys are independent
    first.forget("sender-a")
    assert second.check("sender-a") is Decision.ALLOW


def test_two_replicas_share_the_sms_options(use_redis: redis.Redis) -> None:
    first, second = make_memory(60), make_memory(60)
    assert isinstance(first, RedisSenderMemory)
    first.save("sender-a", SenderState(options=["/therapy_privacy", "/menu"], lang="es"))
    assert second.get("sender-a") == SenderState(options=["/therapy_privacy", "/menu"], lang="es")
    assert second.get("sender-b") == SenderState()
    ttl = use_redis.pttl("kyr:sms:sender-a")
    assert 0 < ttl <= 60_000


def test_without_reachable_redis_limits_allow_options_reset_and_a_line_says_so(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    dead = redis.Redis.from_url("redis://127.0.0.1:9/0", socket_timeout=0.2, socket_connect_timeout=0.2)
    monkeypatch.setattr(shared, "_last_warning", [-1e9])
    with caplog.at_level(logging.WARNING, logger="kyr.shared"):
        assert RedisSlidingWindowLimiter(dead, "sms", 1, 60).check("sender-a") is Decision.ALLOW
        memory = RedisSenderMemory(dead, 60)
        memory.save("sender-a", SenderState(options=["/menu"]))
        assert memory.get("sender-a") == SenderState()
    assert any("Redis unavailable" in r.getMessage() for r in caplog.records)
    assert all("sender-a" not in r.getMessage() for r in caplog.records)


def test_without_reachable_redis_conversation_locks_fall_back_to_the_process(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from scripts.processes import free_port

    monkeypatch.setattr(shared, "_last_warning", [-1e9])
    store = lock_store.lock_store_for(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
    assert isinstance(store, RedisLockStore)

    async def two_turns() -> None:
        for _ in range(2):  # the second turn must not wait for a ticket the first left behind
            async with store.lock("conv-1", wait_time_in_seconds=0.01):
                assert store.get_lock("conv-1") is not None

    with caplog.at_level(logging.WARNING, logger="kyr.shared"):
        asyncio.run(asyncio.wait_for(two_turns(), timeout=5))
    assert store.get_lock("conv-1") is None  # released
    assert any("conversation locks" in r.getMessage() for r in caplog.records)
