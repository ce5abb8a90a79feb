"""The tracker store's per-message statements, as fixed text (building and compiling a select cost ~1 ms).

A conversation's *stamp* is (number of stored rows, highest row id): how a cached window knows
the database still holds what it was built from (``bot.stores.window``).

On PostgreSQL each message costs two statements, each its own transaction (autocommit): the
stamp before the turn, and the turn's rows inserted together with the stamp after them. Through
a session the same work took seven round trips (BEGIN, SELECT, ROLLBACK; BEGIN, INSERT, SELECT,
COMMIT), each ~0.1 ms of the Rasa process's CPU and a wait on its one event loop.

They run on their own engine (:func:`turn_engine`), always in autocommit: switching pooled
connections in and out of it cost a ``SET default_transaction_isolation`` each way. Its commits
are asynchronous (``synchronous_commit=off``), the choice the SQLite store makes too
(``synchronous=NORMAL``): the turn no longer waits for the disk flush (an fdatasync a message);
a power cut can lose the last fraction of a second of turns, never corrupt the database, and
what is committed is visible to every replica at once. Deletions, the sweeper and the handoff
outbox keep synchronous commits (they do not use this engine).
"""

from __future__ import annotations

import functools
from typing import Any

import sqlalchemy as sa

from bot.stores.window import Stamp

STAMP_SQL = sa.text("SELECT count(id), max(id) FROM events WHERE sender_id = :sender_id")
COLUMNS = ("type_name", "timestamp", "intent_name", "action_name", "data")


@functools.lru_cache(maxsize=64)
def insert_with_stamp_sql(rows: int) -> sa.TextClause:  # rows >= 1
    """INSERT ``rows`` events of one sender and return the sender's stamp including them (PostgreSQL).

    The outer SELECTs run on the statement's snapshot, which does not contain the rows being
    inserted: they are added from the INSERT's RETURNING. The rows get their ids in VALUES order,
    as with SQLAlchemy's multi-row insert before.
    """
    values = ", ".join("(:sender_id, " + ", ".join(f":{column}_{i}" for column in COLUMNS) + ")" for i in range(rows))
    return sa.text(
        f"WITH new AS (INSERT INTO events (sender_id, {', '.join(COLUMNS)}) VALUES {values} RETURNING id) "
        "SELECT (SELECT count(id) FROM events WHERE sender_id = :sender_id) + (SELECT count(*) FROM new), "
        "GREATEST((SELECT max(id) FROM events WHERE sender_id = :sender_id), (SELECT max(id) FROM new))"
    )


def insert_params(sender_id: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The bind parameters of :func:`insert_with_stamp_sql` for ``rows`` (dicts with COLUMNS)."""
    params: dict[str, Any] = {"sender_id": sender_id}
    for i, row in enumerate(rows):
        params.update({f"{column}_{i}": row[column] for column in COLUMNS})
    return params


def turn_engine(engine: sa.engine.Engine) -> sa.engine.Engine:
    """The engine for the per-message statements on PostgreSQL (see module doc): same database,
    same pool and schema settings as Rasa's (``create_engine_kwargs``)."""
    from rasa.core.tracker_store import create_engine_kwargs

    kwargs = create_engine_kwargs(engine.url)
    connect_args = dict(kwargs.pop("connect_args", {}))
    connect_args["options"] = f"{connect_args.get('options', '')} -c synchronous_commit=off".strip()
    return sa.create_engine(engine.url, isolation_level="AUTOCOMMIT", connect_args=connect_args, **kwargs)


def stamp_of(conn: Any, sender_id: str) -> Stamp:
    count, last_id = conn.execute(STAMP_SQL, {"sender_id": sender_id}).one()
    return int(count or 0), last_id


def insert_returning_stamp(conn: Any, sender_id: str, rows: list[dict[str, Any]]) -> Stamp:
    """One statement: the rows in, the stamp out (see :func:`insert_with_stamp_sql`)."""
    if not rows:
        return stamp_of(conn, sender_id)
    count, last_id = conn.execute(insert_with_stamp_sql(len(rows)), insert_params(sender_id, rows)).one()
    return int(count or 0), last_id
