"""SQLite files of the bot are owner-only (0600), created so before any database opens them.

SQLite creates its write-ahead log and shared-memory files with the main file's permissions,
so this covers them too. A file left group- or world-readable by an older install is tightened.
"""

from __future__ import annotations

import os
import stat

import sqlalchemy as sa


def prepare_sqlite_file(url: str) -> None:
    """For a file-backed SQLite URL: create the file (and its folder) owner-only, or tighten it."""
    try:
        parsed = sa.engine.url.make_url(url)
    except Exception:
        return
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return
    path = parsed.database
    os.makedirs(os.path.dirname(os.path.abspath(path)), mode=0o700, exist_ok=True)
    if not os.path.exists(path):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for name in (path, path + "-wal", path + "-shm", path + "-journal"):
        if os.path.exists(name) and stat.S_IMODE(os.stat(name).st_mode) & 0o077:
            os.chmod(name, 0o600)
