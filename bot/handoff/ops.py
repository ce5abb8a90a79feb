"""``python -m bot handoffs list|retry ID|retry-all-stuck``: operate the outbox.

Prints ids, references, organizations, status, attempts and error classes. Never a payload or
a contact value (it does not even decrypt them).
"""

from __future__ import annotations

import argparse
import datetime as dt

from bot.handoff.outbox import Outbox, Status


def _when(ts: float | None) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ") if ts else "-"


def _line(s: Status) -> str:
    done = ",".join(s.delivered_channels) or "-"
    return (
        f"{s.id}  {s.reference}  {s.org_id:<24} {s.status:<9} attempts={s.attempts:<3} "
        f"created={_when(s.created_at)} next={_when(s.next_attempt_at) if s.status == 'pending' else '-'} "
        f"channels={','.join(s.channels)} done={done} error={s.last_error_class or '-'}"
        f"{' leased' if s.leased else ''}"
    )


def main(argv: list[str], outbox: Outbox | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot handoffs", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_list = sub.add_parser("list", help="list handoffs (newest last)")
    p_list.add_argument("--stuck", action="store_true", help="only those failing or overdue")
    p_retry = sub.add_parser("retry", help="make one undelivered handoff due now")
    p_retry.add_argument("id")
    sub.add_parser("retry-all-stuck", help="make every stuck handoff due now")
    args = parser.parse_args(argv)
    outbox = outbox or Outbox.from_settings()
    if args.command == "list":
        rows = outbox.list_stuck() if args.stuck else outbox.list_all(limit=1000)
        for row in rows:
            print(_line(row))
        print(f"{len(rows)} handoff(s)")
        return 0
    if args.command == "retry":
        if outbox.retry_now(args.id):
            print(f"{args.id} is due now; a running worker will deliver it within its poll interval")
            return 0
        status = outbox.get_status(args.id)
        print(f"{args.id}: " + ("already delivered" if status else "not found (check the id with `handoffs list`)"))
        return 1
    stuck = outbox.list_stuck()
    for row in stuck:
        outbox.retry_now(row.id)
        print(f"{row.id}  {row.reference}  {row.org_id}  due now")
    print(f"{len(stuck)} stuck handoff(s) made due; check `handoffs list` after the worker ran")
    return 0
