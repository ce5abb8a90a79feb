"""Fictional phone numbers (555-0100..0199) for SMS users, one per conversation in the whole test session.

The acceptance journeys and the e2e tests talk to the same launched bot (tests/conftest.py's ``live``),
where a phone number is a conversation: a number used twice continues another test's conversation.
"""

from __future__ import annotations

import random

_AREAS = ("202", "305", "415", "512", "617", "713", "956")
_free = [f"+1{area}5550{n}" for area in _AREAS for n in range(100, 200)]
random.shuffle(_free)


def fake_phone() -> str:
    """A fictional number no other test of this session has been given."""
    return _free.pop()
