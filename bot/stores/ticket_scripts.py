"""Rasa's ticket lock in Redis, one script per step (used by ``bot.stores.lock_store``).

Rasa 3.6's ``RedisLockStore`` takes a lock with GET, SET, GET and gives it back with GET, SET,
GET, DEL: seven round trips a message on the Rasa server's one event loop, and two replicas
reading the lock at the same moment could both write ticket 0 for the same conversation. Each
script below does one step atomically, with Rasa's rules (``rasa.core.lock.TicketLock``):

* issue: drop expired tickets, add ticket ``last issued + 1`` (0 when none is left) that expires
  ``lifetime`` seconds from now, save, return the number and the lock;
* release: drop expired tickets and this one; delete the lock when none is left, else save it.

The stored lock keeps Rasa's JSON (each ticket itself a JSON string), and "now" is the Rasa
server's clock as in Rasa, so Rasa's own lock store reads, waits on and releases these locks.
This depends on Rasa's lock format: it is used on the release it was checked against only
(``bot.server.rasa_speedups.TESTED_RASA``) and can be turned off with
``KYR_DISABLE_SPEEDUPS=ticket_lock_scripts``; otherwise Rasa's own steps run.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping
from typing import Any

from rasa.core.lock import TicketLock

NAME = "ticket_lock_scripts"

# Tickets still valid at ARGV[now] (Rasa: expired when now > expires), in order.
_KEPT = """
local function kept(raw, now, drop)
  local out = {}
  local tickets = cjson.decode(raw).tickets
  if type(tickets) ~= 'table' then return out end
  for _, item in ipairs(tickets) do
    local ticket = cjson.decode(item)
    if not (now > ticket.expires) and ticket.number ~= drop then table.insert(out, item) end
  end
  return out
end
"""

ISSUE_LUA = (
    _KEPT
    + """
local now = tonumber(ARGV[2])
local raw = redis.call('GET', KEYS[1])
local tickets = raw and kept(raw, now, nil) or {}
local number = 0
if #tickets > 0 then number = cjson.decode(tickets[#tickets]).number + 1 end
table.insert(tickets, cjson.encode({number = number, expires = now + tonumber(ARGV[3])}))
local lock = cjson.encode({conversation_id = ARGV[1], tickets = tickets})
redis.call('SET', KEYS[1], lock)
return {number, lock}
"""
)

RELEASE_LUA = (
    _KEPT
    + """
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local tickets = kept(raw, tonumber(ARGV[2]), tonumber(ARGV[1]))
if #tickets == 0 then
  redis.call('DEL', KEYS[1])
  return 1
end
redis.call('SET', KEYS[1], cjson.encode({conversation_id = cjson.decode(raw).conversation_id, tickets = tickets}))
return 2
"""
)


def fits(rasa_version: str, environ: Mapping[str, str] | None = None) -> bool:
    """True on the Rasa release the scripts were checked against, unless turned off."""
    from bot.server import rasa_speedups

    raw = (environ if environ is not None else os.environ).get(rasa_speedups.DISABLE_ENV, "")
    off = {name.strip() for name in raw.split(",")}
    return rasa_version == rasa_speedups.TESTED_RASA and not off & {NAME, "all"}


class TicketScripts:
    """The two scripts, registered on one Redis client (redis-py sends EVALSHA, loading once)."""

    def __init__(self, client: Any) -> None:
        self._issue = client.register_script(ISSUE_LUA)
        self._release = client.register_script(RELEASE_LUA)

    def issue(self, key: str, conversation_id: str, lifetime: float) -> tuple[int, TicketLock]:
        """A new ticket for the lock at ``key``, and the lock as saved with it."""
        number, raw = self._issue(keys=[key], args=[conversation_id, time.time(), lifetime])
        return int(number), TicketLock.from_dict(json.loads(raw))

    def release(self, key: str, ticket: int) -> None:
        self._release(keys=[key], args=[ticket, time.time()])
