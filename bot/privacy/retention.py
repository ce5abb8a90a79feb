"""Retention sweeper: ``python -m bot sweep [--loop SECONDS]``.

Deletes every conversation whose latest event is older than
``settings.conversation_retention_hours()`` (whole conversations only, never part of one), and
purges delivered handoffs past their retention through ``bot.handoff.outbox``. Prints counts
only: never a sender id or a message.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot import settings
from bot.clock import Moment, to_timestamp

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SweepResult:
    conversations_deleted: int
    events_deleted: int
    handoffs_purged: int | None  # None when the handoff outbox is not installed
    handoff_error: str | None = None  # what went wrong with the outbox, without data

    def summary(self) -> str:
        handoffs = "n/a (no handoff outbox)" if self.handoffs_purged is None else str(self.handoffs_purged)
        line = (
            f"sweep: {self.conversations_deleted} conversations ({self.events_deleted} events) deleted, "
            f"{handoffs} handoffs purged"
        )
        return line + (f"; handoff purge failed: {self.handoff_error}" if self.handoff_error else "")


def _store():
    from bot.stores.tracker_store import RedactingTrackerStore

    return RedactingTrackerStore.from_settings()


def purge_handoffs(now: float) -> tuple[int | None, str | None]:
    """(purged, error). The outbox belongs to the handoff feature; it may not be installed."""
    try:
        from bot.handoff.outbox import Outbox
    except ImportError:
        return None, None
    try:
        return int(Outbox.from_settings().purge_expired(now)), None
    except AttributeError:
        return None, (
            "bot.handoff.outbox.Outbox has no from_settings()/purge_expired(now); "
            "update the handoff module to that interface"
        )
    except Exception as exc:
        return None, f"{type(exc).__name__} (see the handoff database settings, KYR_HANDOFF_DB_URL)"


def sweep(now: Moment = None, store=None) -> SweepResult:
    """Delete expired conversations and handoffs once."""
    now_ts = to_timestamp(now)
    cutoff = now_ts - settings.conversation_retention_hours() * 3600
    conversations, events = (store or _store()).delete_inactive_before(cutoff)
    purged, error = purge_handoffs(now_ts)
    return SweepResult(conversations, events, purged, error)


def run_loop(
    interval: float,
    once: Callable[[], SweepResult] = sweep,
    stop: threading.Event | None = None,
    out: Callable[[str], None] = print,
) -> int:
    """Sweep every ``interval`` seconds until ``stop`` is set (SIGTERM/SIGINT set it from main)."""
    stop = stop or threading.Event()
    store = None
    while not stop.is_set():
        try:
            if once is sweep:
                store = store or _store()
                result = sweep(store=store)
            else:
                result = once()
            out(result.summary())
        except Exception as exc:
            out(f"sweep failed: {type(exc).__name__}; retrying in {interval:.0f} s (check KYR_TRACKER_DB_URL)")
        # Short waits: a signal delivered to another of the process's threads (Rasa's imports start
        # some) does not wake the main thread's wait, which is where Python runs the handler; one
        # 600 s wait made every stop of the stack hang until run.sh's timeouts.
        deadline = time.monotonic() + interval
        while not stop.is_set() and (left := deadline - time.monotonic()) > 0:
            stop.wait(min(left, 1.0))
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot sweep", description="Delete expired conversations and handoffs."
    )
    parser.add_argument(
        "--loop",
        type=float,
        metavar="SECONDS",
        help="keep running, sweeping every SECONDS (e.g. 600); default: sweep once and exit",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    print(
        f"retention: conversations {settings.conversation_retention_hours()} h after the last message, "
        f"delivered handoffs {settings.handoff_retention_days()} days",
        flush=True,
    )
    if args.loop is None:
        result = sweep()
        print(result.summary(), flush=True)
        return 1 if result.handoff_error else 0
    if args.loop <= 0:
        parser.error("--loop needs a positive number of seconds")
    stop = threading.Event()
    stop_on_signals(stop)
    return run_loop(args.loop, stop=stop, out=lambda line: print(line, flush=True))


def stop_on_signals(stop: threading.Event) -> None:
    """SIGTERM or SIGINT sets ``stop``; later ones are ignored.

    Ctrl+C on `make run` sends SIGINT to every process and run.sh then sends SIGTERM: a second handler
    running inside the first one's ``Event.set`` (which holds the event's lock) deadlocked the sweeper,
    and every stop of the stack waited for run.sh's timeouts. So the handler ignores both signals
    before it takes the lock.
    """

    def _stop(*_: Any) -> None:
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, signal.SIG_IGN)
        stop.set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, _stop)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
