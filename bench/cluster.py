"""Cluster figures through the balancer (prints figures; never passes or fails).

Starts scripts/cluster.sh as `make cluster` does (PostgreSQL, Redis, 2 Rasa replicas, 2 action
servers, 2 workers, the sweeper, HAProxy), then prints: messages/s and p50/p95/p99 at 20, 50 and
200 concurrent REST conversations (saturation: each sends its next message when the reply
arrives) through the balancer (2 replicas) and straight to one replica (1 replica, same
databases); a burst of 200 phones texting at once (Twilio-signed webhooks, the SMS budget is
Twilio's ~15 s); resident memory per process. On a 2-core machine two replicas share the same two
cores, so 2 vs 1 replica is bounded by the cores: the per-core figure is what scales with hosts.
The single-process figures (scripts/run.sh, SQLite) are bench.serving's.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.serving import load, pct

CONCURRENCY = (20, 50, 200)
TURNS = 5  # per conversation at each level
SMS_PHONES, SMS_TURNS = 200, 2
SMS_MESSAGES = ["can ICE see my therapy notes?", "1"]


def figures(label: str, latencies: list[float], served: float) -> str:
    return (
        f"{label}: {served:5.1f} msg/s, p50 {statistics.median(latencies):5.0f} ms, p95 {pct(latencies, 0.95):5.0f} ms,"
        f" p99 {pct(latencies, 0.99):5.0f} ms, max {max(latencies):5.0f} ms ({len(latencies)} messages)"
    )


def memory_by_process(pgid: int) -> list[tuple[str, float]]:
    """(name, resident MB) of every process in the cluster's process group."""
    found = []
    for proc_dir in Path("/proc").iterdir():
        if not proc_dir.name.isdigit():
            continue
        try:
            if os.getpgid(int(proc_dir.name)) != pgid:
                continue
            argv = (proc_dir / "cmdline").read_bytes().decode(errors="replace").split("\0")
            rss = next(
                int(line.split()[1]) / 1024
                for line in (proc_dir / "status").read_text().splitlines()
                if line.startswith("VmRSS:")
            )
        except (OSError, StopIteration, ValueError):
            continue
        if "-m" in argv[:-1]:
            name = " ".join(a for a in argv[argv.index("-m") + 1 : argv.index("-m") + 3] if not a.startswith("-"))
        else:
            name = Path(argv[0]).name
        if name not in ("bash", "sleep", "cluster.sh", "runuser"):
            found.append((name, rss))
    return sorted(found, key=lambda item: -item[1])


async def sms_burst(url: str, signed_url: str, token: str) -> tuple[list[float], float, int]:
    """Latencies (ms) of SMS_PHONES phones sending SMS_TURNS messages each, all at once."""
    from twilio.request_validator import RequestValidator

    validator = RequestValidator(token)

    async def phone(session: aiohttp.ClientSession, number: str) -> tuple[list[float], int]:
        latencies, errors = [], 0
        for text in SMS_MESSAGES[:SMS_TURNS]:
            sid = f"SM{random.getrandbits(128):032x}"
            form = {
                "AccountSid": "AC" + "0" * 32,
                "MessageSid": sid,
                "From": number,
                "To": "+15555550100",
                "Body": text,
            }
            headers = {"X-Twilio-Signature": validator.compute_signature(signed_url, form)}
            started = time.perf_counter()
            async with session.post(url, data=form, headers=headers) as response:
                await response.read()
                errors += response.status != 200
            latencies.append((time.perf_counter() - started) * 1000)
        return latencies, errors

    numbers = [f"+1555555{n:04d}" for n in range(SMS_PHONES)]  # fake 555 numbers
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as session:
        started = time.perf_counter()
        results = await asyncio.gather(*(phone(session, number) for number in numbers))
        elapsed = time.perf_counter() - started
    latencies = [value for result, _ in results for value in result]
    return latencies, len(latencies) / elapsed, sum(errors for _, errors in results)


def _until_both_replicas_serve(public: str, timeout: float = 60.0) -> None:
    """HAProxy marks a replica up on its first passing health check: wait for both (round robin)."""
    import requests

    deadline, ok = time.time() + timeout, 0
    while ok < 4 and time.time() < deadline:
        try:
            ok = ok + 1 if requests.get(f"{public}/webhooks/rest/session", timeout=10).status_code == 200 else 0
        except requests.RequestException:
            ok = 0
        time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    from scripts import train_if_needed
    from scripts.launcher import launch_cluster

    if not (shutil.which("haproxy") and shutil.which("redis-server")):
        print("skipped: run `scripts/setup.sh cluster` first (PostgreSQL, Redis and HAProxy from Debian)")
        return 0
    train_if_needed.model_path()
    base = Path(tempfile.mkdtemp(prefix="kyr-bench-cluster-"))
    os.chmod(base, 0o711)  # as root PostgreSQL runs as `postgres` and must reach its folder
    started = time.perf_counter()
    cluster = launch_cluster(
        base, extra_env={"KYR_RATE_LIMIT_MESSAGES": "100000", "KYR_RATE_LIMIT_CLIENT_MESSAGES": "100000"}
    )
    print(f"cluster ready in {time.perf_counter() - started:.0f} s; {os.cpu_count()} cores")
    try:
        balancer = f"{cluster.rasa_url}/webhooks/rest/webhook"
        one = f"{cluster.replica_url(0)}/webhooks/rest/webhook"
        _until_both_replicas_serve(cluster.rasa_url)
        asyncio.run(load(balancer, 4, 3))  # warm-up: both replicas' first TensorFlow calls
        for label, url in (("2 replicas via HAProxy", balancer), ("1 replica direct", one)):
            for conversations in CONCURRENCY:
                latencies, served, _ = asyncio.run(load(url, conversations, TURNS))
                print(figures(f"{label}, {conversations:3d} conversations", latencies, served))
        latencies, served, errors = asyncio.run(
            sms_burst(
                f"{cluster.rasa_url}/webhooks/twilio/webhook", cluster.twilio_webhook_url, cluster.twilio_auth_token()
            )
        )
        print(figures(f"SMS burst, {SMS_PHONES} phones at once via HAProxy", latencies, served) + f", {errors} errors")
        print("memory per process: " + ", ".join(f"{n} {mb:.0f} MB" for n, mb in memory_by_process(cluster.proc.pid)))
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
