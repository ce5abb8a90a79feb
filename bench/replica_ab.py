"""Single process vs one cluster replica, side by side at the same moment (issue #14, item 5).

Starts `make run`'s process (SQLite, in-process locks) and `make cluster` (PostgreSQL, Redis), then
sends the same load (20 conversations x 5 turns, bench.serving's generator) alternately to the
single process and straight to replica 1. Runs taken at different times on a shared machine differ
by more than the gap being measured, hence the interleaving. Prints msg/s, p50 and the CPU seconds
per message of the busiest processes (from /proc), so the cost of PostgreSQL and Redis is visible.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench.serving import load

ENV = {"KYR_RATE_LIMIT_MESSAGES": "100000", "KYR_RATE_LIMIT_CLIENT_MESSAGES": "100000"}
HZ = os.sysconf("SC_CLK_TCK")


def cpu_seconds() -> dict[str, float]:
    """CPU seconds (user + system) of every process, keyed by pid and command line."""
    out: dict[str, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()[:90] or entry.name
        except OSError:  # the process ended meanwhile
            continue
        out[f"{entry.name} {cmd}"] = (int(stat[11]) + int(stat[12])) / HZ
    return out


def measure(label: str, url: str) -> None:
    before = cpu_seconds()
    latencies, served, _ = asyncio.run(load(url, 20, 5))
    after = cpu_seconds()
    loadavg = Path("/proc/loadavg").read_text().split()[0]
    print(f"{label}: {served:5.1f} msg/s, p50 {statistics.median(latencies):.0f} ms, load average {loadavg}")
    used = sorted(((after[k] - before.get(k, 0.0), k) for k in after), reverse=True)[:9]
    for seconds, name in used:
        if seconds > 0.05:
            print(f"    {1000 * seconds / len(latencies):6.2f} ms CPU per message  {name}")


def main() -> int:
    from scripts.launcher import launch, launch_cluster

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tempfile.mkdtemp(prefix="kyr-ab-"))
        os.chmod(base, 0o711)  # as root PostgreSQL runs as `postgres` and must reach its folder
        single = launch(Path(tmp), extra_env=ENV)
        cluster = launch_cluster(base, extra_env=ENV)
        try:
            one = f"{single.rasa_url}/webhooks/rest/webhook"
            replica = f"{cluster.replica_url(0)}/webhooks/rest/webhook"
            for url in (one, replica):  # warm-up: first TensorFlow calls are slow
                asyncio.run(load(url, 2, 5))
            for _ in range(2):
                measure("single process", one)
                measure("1 replica direct", replica)
        finally:
            single.stop()
            cluster.stop()
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
