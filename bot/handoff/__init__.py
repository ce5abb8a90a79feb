"""Consented legal-aid handoffs: payload, encryption and signing, durable outbox, worker, receiver.

``overdue_notice`` is the one call the conversation layer needs: it tells a user, once, that their
handoff has not been delivered yet and gives the organization's direct contact.
"""
from __future__ import annotations

import time
from typing import Optional


def overdue_notice(sender_id: str, lang: str, now: Optional[float] = None, mark: bool = True) -> Optional[str]:
    """Text to show before the next answer if a handoff of this sender is overdue, else None.

    Cheap enough to call on every user message (one indexed query). With ``mark`` the notice is
    given once per handoff. Never raises: a broken outbox must not break the conversation.
    """
    try:
        from bot.content import t
        from bot.handoff.outbox import Outbox
        from bot.legal_aid.directory import get_directory

        outbox = Outbox.from_settings()
        overdue = outbox.overdue_for_sender(sender_id, now, include_notified=False)
        if not overdue:
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
    except Exception:  # noqa: BLE001 - logged by id only; the answer itself must still go out
        import logging

        logging.getLogger("kyr.handoff").exception("overdue check failed for a sender (continuing)")
        return None
