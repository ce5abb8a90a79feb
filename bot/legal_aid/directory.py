"""The legal-aid directory: load ``data/legal_aid/directory.yml`` and refuse a bad entry.

Validation is strict on purpose: a typo in a phone number field name or a webhook without a
secret must fail at start-up with the file, entry id and field, not route a child to nowhere.
``KYR_DIRECTORY_PATH`` overrides the file (tests and e2e use fake organizations).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from bot import settings
from bot.content.sources import as_date

DEFAULT_PATH = settings.PROJECT_ROOT / "data" / "legal_aid" / "directory.yml"

US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR".split()
)
SERVES = frozenset({"youth_in_custody", "released_youth", "caregivers"})
KINDS = frozenset({"legal_services", "child_advocate", "network", "helpline"})
CONTACT_TYPES = frozenset({"phone", "text", "website", "email", "hours"})
ENTRY_FIELDS = frozenset(
    {
        "id",
        "name",
        "kind",
        "serves",
        "where",
        "area",
        "languages",
        "interpreters",
        "contacts",
        "about",
        "handoff",
        "source",
        "sources",
        "last_verified",
        "unverified_since",
        "notes",
    }
)
REQUIRED_FIELDS = ("id", "name", "kind", "serves", "where", "source", "last_verified")
CONTACT_FIELDS = frozenset({"type", "value", "show_to_users", "label"})
HANDOFF_FIELDS = frozenset({"webhook", "email", "respond_within_hours"})
WEBHOOK_FIELDS = frozenset({"url", "secret_env"})
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{1,63}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ENV_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")


class DirectoryError(ValueError):
    """A directory entry is invalid; the message names file, entry and field."""


@dataclass(frozen=True)
class Contact:
    type: str
    value: str
    show_to_users: bool = True
    label: str = ""


@dataclass(frozen=True)
class Handoff:
    webhook_url: str | None = None
    webhook_secret_env: str | None = None
    email: str | None = None
    respond_within_hours: int | None = None

    @property
    def channels(self) -> list[str]:
        return [name for name, on in (("webhook", self.webhook_url), ("email", self.email)) if on]


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    kind: str
    serves: tuple[str, ...]
    where: str | tuple[str, ...]  # "national" or state codes
    source: str
    last_verified: dt.date
    area: str = ""
    languages: tuple[str, ...] = ()
    interpreters: bool = False
    contacts: tuple[Contact, ...] = ()
    about: Mapping[str, str] = field(default_factory=dict)
    handoff: Handoff | None = None
    notes: str = ""
    sources: tuple[str, ...] = ()  # ids in data/sources.yml that confirm this entry (bot.content.source_check)
    # Set when the entry could not be re-verified: users are told to confirm it before relying on it.
    unverified_since: dt.date | None = None

    @property
    def national(self) -> bool:
        return self.where == "national"

    def covers(self, state: str | None) -> bool:
        return self.national or (state is not None and state in self.where)

    def user_contacts(self) -> list[Contact]:
        """Only contacts a user may see (UNVERIFIED ones are hidden)."""
        return [c for c in self.contacts if c.show_to_users]

    @property
    def accepts_handoffs(self) -> bool:
        return bool(self.handoff and self.handoff.channels)


@dataclass(frozen=True)
class Directory:
    orgs: tuple[Org, ...]
    path: Path

    def get(self, org_id: str) -> Org | None:
        return next((o for o in self.orgs if o.id == org_id), None)

    def __iter__(self) -> Iterator[Org]:
        return iter(self.orgs)


def _fail(path: Path, entry_id: str, fld: str, problem: str) -> DirectoryError:
    return DirectoryError(f"{path}: entry '{entry_id}': field '{fld}': {problem}. Fix the entry and restart.")


def _date(path: Path, eid: str, fld: str, value: Any) -> dt.date:
    parsed = as_date(value)
    if parsed is None:
        raise _fail(path, eid, fld, "must be a date YYYY-MM-DD")
    return parsed


def _check_url(path: Path, eid: str, fld: str, value: Any, https_only: bool = False) -> str:
    parsed = urlparse(str(value)) if isinstance(value, str) else None
    ok_schemes = ("https",) if https_only else ("https", "http")
    if not parsed or parsed.scheme not in ok_schemes or not parsed.netloc or " " in str(value):
        raise _fail(path, eid, fld, f"{value!r} is not a valid {'/'.join(ok_schemes)} URL")
    return str(value)


def _webhook_https_required(url: str) -> bool:
    # Plain http only to loopback (tests, the reference receiver); real partners must use TLS.
    host = urlparse(url).hostname or ""
    return host not in ("127.0.0.1", "localhost", "::1")


def _parse_entry(path: Path, raw: Mapping[str, Any], index: int) -> Org:
    eid = str(raw.get("id") or f"#{index + 1}") if isinstance(raw, Mapping) else f"#{index + 1}"
    if not isinstance(raw, Mapping):
        raise _fail(path, eid, "-", "entry must be a mapping")
    _check_keys(path, eid, "", raw, ENTRY_FIELDS)
    for key in REQUIRED_FIELDS:
        if raw.get(key) in (None, "", []):
            raise _fail(path, eid, key, "missing (every entry needs it)")
    if not _ID_RE.match(eid):
        raise _fail(path, eid, "id", "use lowercase letters, digits, '_' or '-'")
    if raw["kind"] not in KINDS:
        raise _fail(path, eid, "kind", f"{raw['kind']!r} not one of {sorted(KINDS)}")
    serves = raw["serves"]
    if not isinstance(serves, list) or any(s not in SERVES for s in serves):
        raise _fail(path, eid, "serves", f"must be a list of {sorted(SERVES)}")
    unverified_since = None
    if raw.get("unverified_since") is not None:
        unverified_since = _date(path, eid, "unverified_since", raw["unverified_since"])
    cited = raw.get("sources") or []
    if not isinstance(cited, list) or not all(isinstance(x, str) for x in cited):
        raise _fail(path, eid, "sources", "must be a list of source ids from data/sources.yml")
    about = raw.get("about") or {}
    if not isinstance(about, Mapping):
        raise _fail(path, eid, "about", "must map language code to text")
    languages = raw.get("languages") or []
    if not isinstance(languages, list):
        raise _fail(path, eid, "languages", "must be a list")
    return Org(
        id=eid,
        name=str(raw["name"]),
        kind=raw["kind"],
        serves=tuple(serves),
        where=_parse_where(path, eid, raw["where"]),
        source=str(raw["source"]),
        last_verified=_date(path, eid, "last_verified", raw["last_verified"]),
        area=str(raw.get("area", "")),
        languages=tuple(str(x) for x in languages),
        interpreters=bool(raw.get("interpreters", False)),
        contacts=tuple(_parse_contact(path, eid, c) for c in raw.get("contacts") or []),
        about=dict(about),
        handoff=_parse_handoff(path, eid, raw.get("handoff")),
        notes=str(raw.get("notes", "")),
        sources=tuple(cited),
        unverified_since=unverified_since,
    )


def _check_keys(path: Path, eid: str, prefix: str, raw: Mapping[str, Any], allowed: Any) -> None:
    for key in raw:
        if key not in allowed:
            hint = f" (allowed: {', '.join(sorted(allowed))})" if not prefix else ""
            raise _fail(path, eid, f"{prefix}{key}", f"unknown field{hint}")


def _parse_where(path: Path, eid: str, where: Any) -> Any:
    if where == "national":
        return "national"
    if not isinstance(where, list) or not where:
        raise _fail(path, eid, "where", "must be 'national' or a list of two-letter state codes")
    for code in where:
        if code not in US_STATES:
            raise _fail(path, eid, "where", f"{code!r} is not a two-letter US state code")
    return tuple(where)


def _parse_contact(path: Path, eid: str, c: Any) -> Contact:
    if not isinstance(c, Mapping):
        raise _fail(path, eid, "contacts", "each contact must be a mapping")
    _check_keys(path, eid, "contacts.", c, CONTACT_FIELDS)
    if c.get("type") not in CONTACT_TYPES:
        raise _fail(path, eid, "contacts.type", f"{c.get('type')!r} not one of {sorted(CONTACT_TYPES)}")
    value = c.get("value")
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, eid, "contacts.value", "missing")
    if c["type"] == "website":
        _check_url(path, eid, "contacts.value", value)
    if c["type"] == "email" and not _EMAIL_RE.match(value):
        raise _fail(path, eid, "contacts.value", f"{value!r} is not an e-mail address")
    return Contact(c["type"], value, bool(c.get("show_to_users", True)), str(c.get("label", "")))


def _parse_handoff(path: Path, eid: str, h: Any) -> Handoff | None:
    if h is None:
        return None
    if not isinstance(h, Mapping):
        raise _fail(path, eid, "handoff", "must be a mapping")
    _check_keys(path, eid, "handoff.", h, HANDOFF_FIELDS)
    url, secret_env = _parse_webhook(path, eid, h["webhook"]) if h.get("webhook") is not None else (None, None)
    email = h.get("email")
    if email is not None and (not isinstance(email, str) or not _EMAIL_RE.match(email)):
        raise _fail(path, eid, "handoff.email", f"{email!r} is not an e-mail address")
    within = h.get("respond_within_hours")
    if within is not None and (not isinstance(within, int) or within <= 0):
        raise _fail(path, eid, "handoff.respond_within_hours", "must be a positive whole number")
    if not url and not email:
        raise _fail(path, eid, "handoff", "needs a webhook or an email (or remove handoff)")
    return Handoff(url, secret_env, email, within)


def _parse_webhook(path: Path, eid: str, w: Any) -> tuple[str, str]:
    if not isinstance(w, Mapping):
        raise _fail(path, eid, "handoff.webhook", "must be a mapping with url and secret_env")
    _check_keys(path, eid, "handoff.webhook.", w, WEBHOOK_FIELDS)
    url = _check_url(path, eid, "handoff.webhook.url", w.get("url"))
    if _webhook_https_required(url) and not url.startswith("https://"):
        raise _fail(path, eid, "handoff.webhook.url", "must be https (http only on loopback)")
    secret_env = w.get("secret_env")
    if not secret_env:
        raise _fail(
            path,
            eid,
            "handoff.webhook.secret_env",
            "missing: name the environment variable that holds the signing secret",
        )
    if not _ENV_RE.match(str(secret_env)):
        raise _fail(path, eid, "handoff.webhook.secret_env", "must be an UPPER_CASE variable name")
    return url, str(secret_env)


def directory_path() -> Path:
    return Path(os.environ.get("KYR_DIRECTORY_PATH") or DEFAULT_PATH)


def load_directory(path: Path | None = None) -> Directory:
    """Load and validate the directory (``path`` > ``KYR_DIRECTORY_PATH`` > the seeded file)."""
    path = Path(path) if path else directory_path()
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DirectoryError(
            f"{path}: not found; set KYR_DIRECTORY_PATH or restore data/legal_aid/directory.yml"
        ) from None
    if not isinstance(doc, Mapping) or not isinstance(doc.get("entries"), list):
        raise DirectoryError(f"{path}: expected a mapping with a list 'entries'")
    orgs: list[Org] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(doc["entries"]):
        org = _parse_entry(path, raw, i)
        if org.id in seen:
            raise _fail(path, org.id, "id", f"duplicate id (also entry #{seen[org.id] + 1})")
        seen[org.id] = i
        orgs.append(org)
    return Directory(tuple(orgs), path)


_cache: dict[tuple[str, float], Directory] = {}


def handoffs_possible() -> bool:
    """Some listed organization takes requests from the bot (none does in the default directory): only then is
    "have a legal aid office contact me" offered."""
    return any(org.accepts_handoffs for org in get_directory())


def get_directory() -> Directory:
    """The current directory, reloaded when the file changes (cheap per-message call)."""
    path = directory_path()
    key = (str(path), path.stat().st_mtime if path.exists() else 0.0)
    if key not in _cache:
        _cache.clear()
        _cache[key] = load_directory(path)
    return _cache[key]
