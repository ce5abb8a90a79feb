"""Consented legal-aid handoffs: payload, encryption and signing, durable outbox, worker, receiver.

``overdue_notice`` is the one call the conversation layer needs: it tells a user, once, that their
handoff has not been delivered yet and gives the organization's direct contact.
"""

from __future__ import annotations

import time
from typing import Any

from cachetools import TLRUCache

# A conversation found with nothing overdue is not asked again for this long: a handoff only
# becomes overdue after KYR_HANDOFF_OVERDUE_MINUTES, so the notice comes at most a minute
# late, and a conversation's later messages skip the database (~1 ms each).
QUIET_SECONDS = 60.0
_QUIET_MAX = 10_000


def _new_quiet_map() -> TLRUCache[str, float]:
    """sender id -> quiet until (monotonic); each entry lives until its own time (bounded map)."""
    return TLRUCache(maxsize=_QUIET_MAX, ttu=lambda _key, until, _now: until, timer=lambda: time.monotonic())


_quiet_until = _new_quiet_map()

# Whether anything is overdue anywhere, asked at most this often per process. Deliveries normally
# succeed within seconds, so nearly always nothing is, and then no message reads the database:
# one query per process every half minute instead of one per new conversation (on PostgreSQL a
# replica paid a pool ping, the SELECT and a ROLLBACK on the first message of every conversation).
ANYWHERE_SECONDS = 30.0
_anywhere: dict[str, float | bool] = {"until": 0.0, "any": True}


def _overdue_anywhere(outbox: Any) -> bool:
    now = time.monotonic()
    if now < float(_anywhere["until"]):
        return bool(_anywhere["any"])
    from bot import settings

    found = outbox.any_overdue_unnoticed()
    # Threads of the same process may both ask once; harmless.
    _anywhere.update(until=now + min(ANYWHERE_SECONDS, settings.handoff_overdue_minutes() * 60), any=found)
    return found


def _remember_quiet(sender_id: str) -> None:
    from bot import settings

    _quiet_until[sender_id] = time.monotonic() + min(QUIET_SECONDS, settings.handoff_overdue_minutes() * 60)


def overdue_notice(sender_id: str, lang: str, now: float | None = None, mark: bool = True) -> str | None:
    """Text to show before the next answer if a handoff of this sender is overdue, else None.

    Cheap enough to call on every user message: nothing is read while nothing is overdue anywhere
    (asked once per process every ``ANYWHERE_SECONDS``), and a conversation found with nothing
    overdue is not asked again for a minute. So the notice comes at most a minute late. With ``mark`` the notice is given once per handoff. ``now`` (tests)
    bypasses that minute. Never raises: a broken outbox must not break the conversation.
    """
    if now is None and _quiet_until.get(sender_id, 0.0) > time.monotonic():
        return None
    try:
        from bot.content import t
        from bot.handoff.outbox import Outbox
        from bot.legal_aid.directory import get_directory

        outbox = Outbox.from_settings()
        if now is None and not _overdue_anywhere(outbox):
            return None
        overdue = outbox.overdue_for_sender(sender_id, now, include_notified=False)
        if not overdue:
            if now is None:
                _remember_quiet(sender_id)
            return None
        item = overdue[0]
        org = get_directory().get(item.org_id)
        contacts = ", ".join(c.value for c in (org.user_contacts() if org else []))
        key = "handoff.overdue_with_contact" if contacts else "handoff.overdue_no_contact"
        text = t(key, lang, reference=item.reference, org=org.name if org else item.org_id, contacts=contacts)
        if mark:
            for row in overdue:
                outbox.mark_overdue_notified(row.id, now if now is not None else time.time())
        return text
    except Exception:
        import logging

        logging.getLogger("kyr.handoff").exception("overdue check failed for a sender (continuing)")
        return None
