"""The handoff document (docs/CONTRACTS.md section 3): build it and check it against the schema.

Only the listed fields exist. Free text never goes in: ``topics`` are topic IDs read from bot
events' metadata, ``contact.value`` is only what the user typed when asked for a way to reach them.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import secrets
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import jsonschema
import phonenumbers

from bot import catalogue, settings
from bot.catalogue import REFERENCE_ALPHABET
from bot.conversation import topics_answered
from bot.handoff.fields import AGE_GROUPS, CONTACT_METHODS, METHODS_WITH_VALUE, ROLES
from bot.legal_aid.directory import US_STATES

SCHEMA_VERSION = 1
FIELDS = (
    "id",
    "reference",
    "created_at",
    "org_id",
    "language",
    "interpreter",
    "topics",
    "role",
    "in_custody",
    "state",
    "age_group",
    "contact",
    "consent",
)
REFERENCE_RE = re.compile(rf"^KYR-[{REFERENCE_ALPHABET}]{{5}}$")
_RFC3339_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_TEXT = re.compile(r"\+?[\d\s().\-]{7,25}")


class PayloadError(ValueError):
    """The handoff document does not match docs/CONTRACTS.md section 3."""


def new_reference() -> str:
    return "KYR-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(5))


def rfc3339(moment: dt.datetime | None = None) -> str:
    moment = (moment or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def topics_from_events(events: Iterable[Mapping[str, Any]]) -> list[str]:
    """Topic IDs of the bot's answers in this conversation, first-asked first, no text."""
    return [topic for topic in topics_answered(events) if topic in catalogue.topic_ids()]


def normalize_phone(text: str) -> str | None:
    """The number in E.164 ("+15555550123"), or None when the text is not a whole phone number.

    Parsed by ``phonenumbers`` with the US as the default region (numbers typed without a country
    code); only a possible full number passes, so a local 7-digit number is asked again.
    """
    raw = text.strip()
    if not _PHONE_TEXT.fullmatch(raw):
        return None  # words around the digits ("call me at ..."): not an answer to "which number?"
    try:
        number = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_possible_number_with_reason(number) != phonenumbers.ValidationResult.IS_POSSIBLE:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_email(text: str) -> str | None:
    value = text.strip()
    return value if _EMAIL_RE.match(value) and len(value) <= 254 else None


@dataclass(frozen=True)
class Request:
    """What the user agreed to send (the summary's lines), before ids and consent are added."""

    org_id: str
    language: str
    topics: list[str]
    role: str
    in_custody: bool | None
    state: str | None
    age_group: str | None
    contact_method: str
    contact_value: str | None
    interpreter: str | None = None  # a language the user needs an interpreter in ("kiche", "mam" ...)


@dataclass(frozen=True)
class Consent:
    given_at: str  # RFC 3339, UTC
    text_id: str  # which summary text the user said yes to
    text_version: str


def build(
    request: Request,
    consent: Consent,
    handoff_id: str | None = None,
    reference: str | None = None,
    created_at: str | None = None,
) -> dict[str, Any]:
    """The payload of docs/CONTRACTS.md section 3 (validated before it is returned)."""
    value = request.contact_value if request.contact_method in METHODS_WITH_VALUE else None
    doc = {
        "id": handoff_id or str(uuid.uuid4()),
        "reference": reference or new_reference(),
        "created_at": created_at or rfc3339(),
        "org_id": request.org_id,
        "language": request.language,
        "interpreter": request.interpreter,
        "topics": list(request.topics),
        "role": request.role,
        "in_custody": request.in_custody,
        "state": request.state,
        "age_group": request.age_group,
        "contact": {"method": request.contact_method, "value": value},
        "consent": {"given_at": consent.given_at, "text_id": consent.text_id, "text_version": consent.text_version},
    }
    validate(doc)
    return doc


def validate(doc: Mapping[str, Any]) -> None:
    """Raise PayloadError naming the field that breaks the contract."""
    if not isinstance(doc, Mapping):
        raise PayloadError("handoff must be a JSON object")
    extra = set(doc) - set(FIELDS)
    missing = set(FIELDS) - set(doc)
    if extra or missing:
        raise PayloadError(
            f"fields differ from docs/CONTRACTS.md section 3: extra={sorted(extra)} missing={sorted(missing)}"
        )
    try:
        uuid.UUID(str(doc["id"]))
    except ValueError:
        raise PayloadError("id must be a UUID") from None
    if not isinstance(doc["reference"], str) or not REFERENCE_RE.match(doc["reference"]):
        raise PayloadError("reference must look like KYR-7F3Q9 (no 0, O, 1, I, L)")
    if not isinstance(doc["created_at"], str) or not _RFC3339_UTC.match(doc["created_at"]):
        raise PayloadError("created_at must be RFC 3339 UTC (YYYY-MM-DDTHH:MM:SSZ)")
    if not isinstance(doc["org_id"], str) or not doc["org_id"]:
        raise PayloadError("org_id must be the directory id")
    if not isinstance(doc["language"], str) or not re.match(r"^[a-z]{2}$", doc["language"]):
        raise PayloadError("language must be a lowercase ISO 639-1 code")
    if doc["interpreter"] is not None and (
        not isinstance(doc["interpreter"], str) or not re.match(r"^[a-z]{2,12}$", doc["interpreter"])
    ):
        raise PayloadError("interpreter must be a language id (data/legal_aid/phrases.yml) or null")
    if not isinstance(doc["topics"], list) or any(t not in catalogue.topic_ids() for t in doc["topics"]):
        raise PayloadError("topics must be a list of topic IDs from topics.yml")
    if doc["role"] not in ROLES:
        raise PayloadError(f"role must be one of {ROLES}")
    if doc["in_custody"] not in (True, False, None):
        raise PayloadError("in_custody must be true, false or null")
    if doc["state"] is not None and doc["state"] not in US_STATES:
        raise PayloadError("state must be a two-letter US state or null")
    if doc["age_group"] not in AGE_GROUPS + (None,):
        raise PayloadError(f"age_group must be one of {AGE_GROUPS} or null")
    contact = doc["contact"]
    if not isinstance(contact, Mapping) or set(contact) != {"method", "value"}:
        raise PayloadError("contact must be {method, value}")
    method, value = contact["method"], contact["value"]
    if method not in CONTACT_METHODS:
        raise PayloadError(f"contact.method must be one of {CONTACT_METHODS}")
    if method in ("sms", "phone") and (not isinstance(value, str) or not normalize_phone(value)):
        raise PayloadError("contact.value must be a phone number for sms/phone")
    if method == "email" and (not isinstance(value, str) or not normalize_email(value)):
        raise PayloadError("contact.value must be an e-mail address for email")
    if method not in METHODS_WITH_VALUE and value is not None:
        raise PayloadError("contact.value must be null for through_caseworker/none")
    consent = doc["consent"]
    if not isinstance(consent, Mapping) or set(consent) != {"given_at", "text_id", "text_version"}:
        raise PayloadError("consent must be {given_at, text_id, text_version}")
    if not isinstance(consent["given_at"], str) or not _RFC3339_UTC.match(consent["given_at"]):
        raise PayloadError("consent.given_at must be RFC 3339 UTC")
    if not consent["text_id"] or not consent["text_version"]:
        raise PayloadError("consent.text_id and consent.text_version are required")
    _check_schema(doc)


# The published contract (docs/PARTNERS.md): partners validate what they receive with the same file.
SCHEMA_FILE = settings.PROJECT_ROOT / "docs" / "handoff.schema.json"


@functools.lru_cache(maxsize=1)
def schema_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _check_schema(doc: Mapping[str, Any]) -> None:
    """The last gate: the document matches docs/handoff.schema.json. The message names the field and
    the rule broken, never the value (it may be a phone number)."""
    error = jsonschema.exceptions.best_match(schema_validator().iter_errors(doc))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "handoff"
        raise PayloadError(f"{where} breaks docs/handoff.schema.json ({error.validator})")
