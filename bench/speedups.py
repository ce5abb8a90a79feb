"""What each of the guarded Rasa speedups (bot/rasa_speedups.py) saves, measured on the launched bot.

For every patch, the bot is started as `make run` starts it with only that patch switched off
(KYR_DISABLE_SPEEDUPS=<name>), then with all on and all off, and one conversation sends messages
back to back (no queueing: the figure is the time the server spends per message). A patch whose
saving is within the run-to-run noise (compare "all on" twice) is a candidate to drop.
Prints figures; never passes or fails. Takes a few minutes (one start of the bot per row).
"""
from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
from pathlib import Path
from typing import List, Optional, Tuple

from bench.serving import load
from bot.rasa_speedups import DISABLE_ENV, PATCHES

TURNS = 80
UNLIMITED = {"KYR_RATE_LIMIT_MESSAGES": "100000", "KYR_RATE_LIMIT_CLIENT_MESSAGES": "100000"}


def measure(disabled: str) -> Tuple[float, float]:
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


def main(argv: Optional[List[str]] = None) -> int:
    rows = [("all on", ""), *((f"without {name}", name) for name in PATCHES), ("all off (Rasa as shipped)", "all"),
            ("all on, again (noise)", "")]
    base: Optional[float] = None
    for label, disabled in rows:
        median_ms, served = measure(disabled)
        base = median_ms if base is None else base
        saving = "" if label.startswith("all on") else f"; the patch(es) save {median_ms - base:+.1f} ms per message"
        print(f"{label:38s} p50 {median_ms:5.1f} ms, {served:5.1f} msg/s{saving}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
