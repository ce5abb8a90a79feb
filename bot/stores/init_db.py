"""``python -m bot init-db``: create the conversation and handoff tables once, before replicas start.

Several Rasa servers, workers or sweepers starting together against one PostgreSQL would each try
to create the tables and race (PostgreSQL refuses concurrent CREATE of the same type); running
this first (scripts/cluster.sh, deploy/) leaves them nothing to create. Safe to run again.
"""

from __future__ import annotations


def main(argv: list[str]) -> int:
    from bot.handoff.outbox import Outbox
    from bot.stores.tracker_store import RedactingTrackerStore

    if argv:
        print("usage: python -m bot init-db   (reads KYR_TRACKER_DB_URL and KYR_HANDOFF_DB_URL)")
        return 2
    RedactingTrackerStore.from_settings()
    Outbox.from_settings()
    print("databases ready: conversations and handoff outbox")
    return 0
