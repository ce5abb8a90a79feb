"""The project's source list, ``data/sources.yml``: every public document an answer or a
directory entry relies on, with what it supports and when someone last opened it.

Answers cite sources by id (``sources: [nasw_2020_therapy_notes]``); this module resolves ids to
what the bot shows (title, date in the reader's language, URL). ``bot.content.source_check`` checks the
file and every citation. ``KYR_SOURCES_PATH`` overrides the file (tests).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot import settings

DEFAULT_PATH = settings.PROJECT_ROOT / "data" / "sources.yml"
# A publication date as precise as the source gives it: "2020", "2020-02" or "2020-02-15".
_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class SourceError(ValueError):
    """The source file cannot be read, or an id is unknown."""


@dataclass(frozen=True)
class SourceRecord:
    id: str
    title: str
    publisher: str
    url: str
    date: Mapping[str, str]  # what readers see, per language ("Feb. 2020" / "feb. 2020"; "n.d." / "s. f.")
    published: str | None  # machine-readable publication (or "current to") date; None when undated
    last_checked: dt.date | None
    supports: tuple[str, ...] = ()
    checked: str = ""  # how and where it was last checked
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def published_month(self) -> tuple[int, int] | None:
        return published_month(self.published)


def published_month(value: str | None) -> tuple[int, int] | None:
    """(year, month) of a publication date; a bare year counts as its January (never later than it may be)."""
    m = _PUBLISHED.match(str(value or "").strip())
    if not m:
        return None
    return int(m.group(1)), int(m.group(2) or 1)


def valid_published(value: Any) -> bool:
    m = _PUBLISHED.match(str(value).strip()) if isinstance(value, str) else None
    if not m:
        return False
    try:
        dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return False
    return True


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def sources_path() -> Path:
    return Path(os.environ.get("KYR_SOURCES_PATH") or DEFAULT_PATH)


def read_entries(path: Path) -> list[Mapping[str, Any]]:
    """The raw entries of a source file (SourceError if it is missing or not a list of mappings)."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourceError(f"{path}: cannot read the source list ({exc})") from None
    except yaml.YAMLError as exc:
        raise SourceError(f"{path}: not valid YAML: {exc}".replace("\n", " ")) from None
    entries = doc.get("sources") if isinstance(doc, Mapping) else None
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise SourceError(f"{path}: expected a mapping with a list 'sources' of entries")
    return entries


def record(entry: Mapping[str, Any]) -> SourceRecord:
    """One entry as a record; tolerant of gaps (the check reports them, the bot never crashes on them)."""
    date = entry.get("date")
    return SourceRecord(
        id=str(entry.get("id", "")),
        title=str(entry.get("title") or ""),
        publisher=str(entry.get("publisher") or ""),
        url=str(entry.get("url") or ""),
        date={str(k): str(v) for k, v in date.items()} if isinstance(date, Mapping) else {},
        published=str(entry["published"]) if entry.get("published") not in (None, "") else None,
        last_checked=as_date(entry.get("last_checked")),
        supports=tuple(str(s) for s in entry.get("supports") or ()),
        checked=str(entry.get("checked") or ""),
        raw=entry,
    )


_cache: dict[tuple[str, float], dict[str, SourceRecord]] = {}


def load(path: Path | None = None) -> dict[str, SourceRecord]:
    """id -> record, reloaded when the file changes (cheap to call per message)."""
    path = Path(path) if path else sources_path()
    key = (str(path), path.stat().st_mtime if path.exists() else 0.0)
    if key not in _cache:
        records = {r.id: r for r in map(record, read_entries(path))}
        _cache.clear()
        _cache[key] = records
    return _cache[key]


def get(source_id: str, path: Path | None = None) -> SourceRecord:
    records = load(path)
    if source_id not in records:
        raise SourceError(f"unknown source id '{source_id}'; add it to {path or sources_path()}")
    return records[source_id]
