"""Read the launched servers' handoff outbox (read-only): the worker's own record of what it did.

Tests poll it instead of sleeping: once a handoff is marked delivered the worker never sends it
again, and a consented handoff is queued before the bot replies, so an unchanged row count means
nothing was, or ever will be, sent.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any


def rows(data_dir: Path, query: str, *params: Any) -> list[tuple[Any, ...]]:
    path = data_dir / "handoffs.db"  # bot.settings.handoff_db_url's default
    if not path.exists():
        return []
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return db.execute(query, params).fetchall()


def status(data_dir: Path, reference: str) -> tuple[Any, ...]:
    """(status, attempts) of the handoff with ``reference``; () before it is queued."""
    found = rows(data_dir, "SELECT status, attempts FROM handoffs WHERE reference = ?", reference)
    return found[0] if found else ()


def queued(data_dir: Path) -> int:
    """How many handoffs the outbox holds (pending or delivered)."""
    found = rows(data_dir, "SELECT count(*) FROM handoffs")
    return found[0][0] if found else 0
