"""The handoff's values as types: one set of constants for the form, its summary and the payload.

Every enum is a ``str`` enum whose values are exactly the strings stored in slots and sent in the
payload (docs/CONTRACTS.md section 3), so trackers and partners see no change.
"""

from __future__ import annotations

from enum import Enum


class Role(str, Enum):
    YOUTH = "youth"
    CAREGIVER = "caregiver"
    CASEWORKER = "caseworker"


class AgeGroup(str, Enum):
    UNDER_18 = "under_18"
    ADULT = "18_plus"


class ContactMethod(str, Enum):
    SMS = "sms"
    PHONE = "phone"
    EMAIL = "email"
    THROUGH_CASEWORKER = "through_caseworker"
    NONE = "none"

    @property
    def has_value(self) -> bool:
        """Whether the method needs a number or an address."""
        return self in (ContactMethod.SMS, ContactMethod.PHONE, ContactMethod.EMAIL)


class InCustody(str, Enum):
    """The ``handoff_in_custody`` slot (the payload sends a boolean)."""

    YES = "yes"
    NO = "no"


class Mark(str, Enum):
    """What a slot holds when it has no real value."""

    UNKNOWN = "unknown"  # skipped or not understood
    REMOVED = "removed"  # the user removed the line from the summary
    NOT_NEEDED = "n/a"  # a contact value for a method without one


class Decision(str, Enum):
    """The user's answer to the summary."""

    YES = "yes"
    NO = "no"
    CHANGE = "change"
    REMOVE = "remove"
    CANCEL = "cancel"
    UNKNOWN = "unknown"


ROLES = tuple(r.value for r in Role)
AGE_GROUPS = tuple(a.value for a in AgeGroup)
CONTACT_METHODS = tuple(m.value for m in ContactMethod)
METHODS_WITH_VALUE = tuple(m.value for m in ContactMethod if m.has_value)
NO_VALUE = frozenset(m.value for m in Mark)  # slot contents that mean "nothing to send"

# The form's slots, and the ones it asks for (domain.yml, handoff_form).
SLOTS = (
    "handoff_role",
    "handoff_in_custody",
    "handoff_state",
    "handoff_age_group",
    "handoff_contact_method",
    "handoff_contact_value",
    "handoff_topics_removed",
    "handoff_confirm",
    "handoff_key",
)
REQUIRED = (
    "handoff_role",
    "handoff_in_custody",
    "handoff_state",
    "handoff_age_group",
    "handoff_contact_method",
    "handoff_contact_value",
    "handoff_confirm",
)
# Summary lines, numbered for "2" / "remove 2": (field, slots it resets, removable).
SUMMARY_FIELDS: list[tuple[str, tuple[str, ...], bool]] = [
    ("role", ("handoff_role",), False),
    ("contact", ("handoff_contact_method", "handoff_contact_value"), True),
    ("in_custody", ("handoff_in_custody",), True),
    ("state", ("handoff_state",), True),
    ("age_group", ("handoff_age_group",), True),
    ("topics", (), True),
    ("language", (), False),
]
