"""Helpers for tests that start the bot's real processes (tests/e2e, tests/acceptance)."""

from __future__ import annotations

import random
import socket
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

import requests

# Servers the tests start listen outside the kernel's ephemeral range: a port the kernel may give any outgoing
# connection (a test's HTTP client, a replica's database connection) can be taken between this check and the
# server's bind, which once stopped a cluster replica with "address already in use".
LOWEST_PORT = 20000
_EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")
# Not the `random` module's shared generator: a plugin that seeds it per test would give every xdist worker
# the same ports.
_PICK = random.SystemRandom()


def ephemeral_range() -> tuple[int, int]:
    """The kernel's range for outgoing connections' local ports (Linux's default where it cannot be read)."""
    try:
        low, high = (int(part) for part in _EPHEMERAL_RANGE.read_text().split()[:2])
    except (OSError, ValueError):
        return 32768, 60999
    return low, high


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_port(offsets: Sequence[int] = (0,)) -> int:
    """A port free now and outside the ephemeral range; with ``offsets``, a base whose ``base + offset`` ports
    all are (ports are not reserved: another process choosing the same one at random is unlikely)."""
    low, high = ephemeral_range()
    top = 65535 - max(offsets)
    # Below the range the whole block must fit under it too (a base just under ``low`` put base + 90 inside it).
    below = range(LOWEST_PORT, min(low - max(offsets), top + 1))
    candidates = [r for r in (below, range(max(high + 1, LOWEST_PORT), top + 1)) if r]
    if not candidates:
        raise RuntimeError(f"no ports outside the ephemeral range {low}-{high}: see {_EPHEMERAL_RANGE}")
    for _ in range(200):
        base = _PICK.choice(_PICK.choice(candidates))
        if all(_port_free(base + offset) for offset in offsets):
            return base
    raise RuntimeError("no free ports for the test servers: are many test stacks still running?")


def wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 180) -> None:
    """Wait until ``url`` answers (any status below 500) while ``proc`` keeps running."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited early ({proc.returncode}); log tail:\n{log_tail(log)}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not up after {timeout}s; log tail:\n{log_tail(log)}")


def log_tail(log: Path, chars: int = 3000) -> str:
    return log.read_text(errors="replace")[-chars:] if log.exists() else f"({log} not written)"
