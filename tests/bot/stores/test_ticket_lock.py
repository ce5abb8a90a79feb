"""The conversation lock in Redis taken and released by one script each (bot.stores.ticket_scripts):
the same rules and stored format as Rasa's own RedisLockStore (which runs here unpatched, side by side),
two round trips a message instead of seven, and no ticket issued twice."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
import redis
from rasa.core.lock_store import RedisLockStore

from bot.stores import lock_store, ticket_scripts

pytestmark = pytest.mark.e2e  # starts a redis-server


@pytest.fixture
def client(redis_url: str) -> redis.Redis:
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    return client


def ours(url: str) -> lock_store.RedisLockStoreWithFallback:
    store = lock_store.lock_store_for(url)
    assert isinstance(store, lock_store.RedisLockStoreWithFallback) and store._scripts is not None
    return store


def rasas(url: str) -> RedisLockStore:
    """Rasa's own lock store, as shipped, on the same keys."""
    return RedisLockStore(host="127.0.0.1", port=int(url.rsplit(":", 1)[1].split("/")[0]), db=0, key_prefix="kyr")


def test_one_turn_is_two_round_trips_and_leaves_nothing(
    redis_url: str, client: redis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ours(redis_url)
    seen: list[str] = []

    async def turn() -> None:
        async with store.lock("conv-1"):
            assert rasas(redis_url).get_lock("conv-1").tickets[0].number == 0  # Rasa reads it

    asyncio.run(turn())  # loads the scripts
    send = store.red.execute_command

    def counted(*args: object, **kwargs: object) -> object:
        seen.append(str(args[0]))
        return send(*args, **kwargs)

    monkeypatch.setattr(store.red, "execute_command", counted)
    asyncio.run(turn())
    assert seen == ["EVALSHA", "EVALSHA"]  # Rasa's own steps: GET SET GET, GET SET GET DEL
    assert client.keys("*") == []


def test_rasas_store_and_ours_wait_for_each_other(redis_url: str, client: redis.Redis) -> None:
    order: list[str] = []

    async def hold(store: RedisLockStore, name: str, seconds: float) -> None:
        async with store.lock("conv-1", wait_time_in_seconds=0.02):
            order.append(f"{name} in")
            await asyncio.sleep(seconds)
            order.append(f"{name} out")

    async def main() -> None:
        first = asyncio.create_task(hold(ours(redis_url), "ours", 0.2))
        await asyncio.sleep(0.05)
        second = asyncio.create_task(hold(rasas(redis_url), "rasa", 0.0))
        await asyncio.sleep(0.05)
        third = asyncio.create_task(hold(ours(redis_url), "ours again", 0.0))
        await asyncio.gather(first, second, third)

    asyncio.run(main())
    assert order == ["ours in", "ours out", "rasa in", "rasa out", "ours again in", "ours again out"]
    assert client.keys("*") == []


def test_expired_tickets_are_dropped_as_rasa_does(redis_url: str, client: redis.Redis) -> None:
    rasa_store = rasas(redis_url)
    assert rasa_store.issue_ticket("conv-1", lock_lifetime=0.05) == 0  # a replica that died holding it
    time.sleep(0.1)
    scripts = ticket_scripts.TicketScripts(client)
    number, lock = scripts.issue("kyr:lock:conv-1", "conv-1", 60)
    assert number == 0 and not lock.is_locked(0)  # the dead one's ticket expired: served at once
    assert rasa_store.issue_ticket("conv-1") == 1 and rasa_store.get_lock("conv-1").is_locked(1)
    scripts.release("kyr:lock:conv-1", 0)
    assert not rasa_store.get_lock("conv-1").is_locked(1)  # Rasa's waiter is next
    scripts.release("kyr:lock:conv-1", 1)
    assert client.keys("*") == []


def test_tickets_issued_at_the_same_moment_are_all_different(redis_url: str, client: redis.Redis) -> None:
    scripts = [ticket_scripts.TicketScripts(redis.Redis.from_url(redis_url)) for _ in range(8)]
    numbers: list[int] = []

    def issue(script: ticket_scripts.TicketScripts) -> None:
        for _ in range(25):
            numbers.append(script.issue("kyr:lock:conv-1", "conv-1", 60)[0])

    threads = [threading.Thread(target=issue, args=(s,)) for s in scripts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(numbers) == list(range(200))


def test_other_rasa_releases_and_the_switch_use_rasas_own_steps(
    redis_url: str, client: redis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ticket_scripts.fits("3.6.21", {})
    assert not ticket_scripts.fits("3.7.0", {})
    assert not ticket_scripts.fits("3.6.21", {"KYR_DISABLE_SPEEDUPS": "ticket_lock_scripts"})
    monkeypatch.setenv("KYR_DISABLE_SPEEDUPS", "all")
    store = lock_store.lock_store_for(redis_url)
    assert isinstance(store, lock_store.RedisLockStoreWithFallback) and store._scripts is None

    async def turn() -> None:
        async with store.lock("conv-1"):
            assert store.get_lock("conv-1") is not None

    client.config_resetstat()
    asyncio.run(turn())
    assert "cmdstat_evalsha" not in client.info("commandstats") and client.keys("*") == []
