"""What each of the guarded Rasa speedups (bot/server/rasa_speedups.py) saves, measured on the launched bot.

For every patch, the bot is started as `make run` starts it with only that patch switched off
(KYR_DISABLE_SPEEDUPS=<name>), then with all on and all off, and one conversation sends messages
back to back (no queueing: the figure is the time the server spends per message). Three rounds,
each through every configuration; medians are printed with the noise (the spread of "all on").
A patch whose cost when switched off is within the noise is a candidate to drop.
Prints figures; never passes or fails. Takes several minutes (18 starts of the bot).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

from bench.serving import load
from bot.server.rasa_speedups import DISABLE_ENV, PATCHES

TURNS = 80
ROUNDS = 3
UNLIMITED = {"KYR_RATE_LIMIT_MESSAGES": "100000", "KYR_RATE_LIMIT_CLIENT_MESSAGES": "100000"}


def measure(disabled: str) -> tuple[float, float]:
    """(median ms per message, messages/s) for one conversation with ``disabled`` patches off."""
    from scripts.launcher import launch

    with tempfile.TemporaryDirectory() as tmp:
        launched = launch(Path(tmp), extra_env={**UNLIMITED, DISABLE_ENV: disabled})
        try:
            url = f"{launched.rasa_url}/webhooks/rest/webhook"
            asyncio.run(load(url, 2, 5))  # warm-up
            latencies, served, _ = asyncio.run(load(url, 1, TURNS))
        finally:
            launched.stop()
    return statistics.median(latencies), served


def main(argv: list[str] | None = None) -> int:
    configs = [("all on", ""), *((f"without {name}", name) for name in PATCHES), ("all off (Rasa as shipped)", "all")]
    # Rounds alternate the configurations, so a busy spell of the machine hits all of them alike; the
    # median of the rounds is printed, and the spread of "all on" across rounds is the noise.
    rounds: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in configs}
    for _ in range(ROUNDS):
        for label, disabled in configs:
            rounds[label].append(measure(disabled))
    base = statistics.median(ms for ms, _ in rounds["all on"])
    noise = max(ms for ms, _ in rounds["all on"]) - min(ms for ms, _ in rounds["all on"])
    for label, _ in configs:
        median_ms = statistics.median(ms for ms, _ in rounds[label])
        served = statistics.median(rate for _, rate in rounds[label])
        saving = "" if label == "all on" else f"; switching it off costs {median_ms - base:+.1f} ms per message"
        print(f"{label:38s} p50 {median_ms:5.1f} ms, {served:5.1f} msg/s{saving}", flush=True)
    print(
        f"noise: 'all on' p50 ranged over {noise:.1f} ms across {ROUNDS} rounds; a patch whose cost of"
        " switching off is within that is a candidate to drop"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
