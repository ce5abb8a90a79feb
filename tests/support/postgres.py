"""A throw-away PostgreSQL server for tests (Debian's postgresql package; `make test` installs it).

initdb refuses to run as root, so as root the cluster is run by the `postgres` system user.
Only a Unix socket in a private temporary folder is opened: no TCP port, nothing on the network.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _binary(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or (
        [shutil.which(name)] if shutil.which(name) else []
    )
    if not found:
        pytest.fail(
            f"PostgreSQL server binaries ({name}) not found: install Debian's 'postgresql' package "
            "(scripts/setup.sh test does it when run as root)"
        )
    return found[-1]


def _as_db_user(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    base = Path(tempfile.mkdtemp(prefix="kyr-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    data = base / "data"
    run = lambda args: subprocess.run(_as_db_user(args), check=True, capture_output=True, timeout=120)  # noqa: E731
    run([_binary("initdb"), "-D", str(data), "-A", "trust", "-U", "kyr", "--no-sync"])
    run(
        [
            _binary("pg_ctl"),
            "-D",
            str(data),
            "-w",
            "-l",
            str(base / "server.log"),
            "-o",
            f"-c listen_addresses='' -k {base} -c fsync=off",
            "start",
        ]
    )
    try:
        run([_binary("createdb"), "-h", str(base), "-U", "kyr", "kyr_test"])
        yield f"postgresql://kyr@/kyr_test?host={base}"
    finally:
        subprocess.run(
            _as_db_user([_binary("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(base, ignore_errors=True)
