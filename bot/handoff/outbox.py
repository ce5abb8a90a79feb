"""The durable handoff outbox (SQLAlchemy 1.4 Core; SQLite by default, PostgreSQL by URL).

- ``enqueue`` writes the consent record and the encrypted handoff in ONE transaction: either the
  user's yes and the handoff both exist, or neither does.
- Workers ``claim_due`` rows with an atomic conditional UPDATE that takes a lease. A worker killed
  mid-delivery simply lets its lease expire and another worker retries (at-least-once; the
  handoff ``id`` never changes, so receivers dedupe).
- Rows are never given up on: failures back off (capped) and keep retrying; ``list_stuck`` shows
  what a human should look at. Delivered rows are purged after the retention period.
- The sender id is stored only as a keyed hash; the payload only encrypted (Fernet).
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot import settings
from bot.clock import Moment, to_timestamp
from bot.handoff import crypto
from bot.handoff import payload as payload_mod
from bot.privacy.sqlite_files import prepare_sqlite_file

PENDING = "pending"
DELIVERED = "delivered"
STUCK_ATTEMPTS = 3

metadata = sa.MetaData()
handoffs = sa.Table(
    "handoffs",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("reference", sa.String(16), nullable=False),
    sa.Column("org_id", sa.String(64), nullable=False),
    sa.Column("sender_hash", sa.String(64), index=True),
    sa.Column("status", sa.String(16), nullable=False, index=True),
    sa.Column("channels", sa.Text, nullable=False),  # JSON list: channels to deliver to
    sa.Column("delivered_channels", sa.Text, nullable=False),  # JSON list: channels already done
    sa.Column("payload", sa.LargeBinary, nullable=False),  # Fernet token of the JSON document
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt_at", sa.Float, nullable=False, index=True),
    sa.Column("lease_owner", sa.String(64)),
    sa.Column("lease_until", sa.Float),
    sa.Column("last_error_class", sa.String(64)),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("delivered_at", sa.Float),
    sa.Column("overdue_notified_at", sa.Float),
)
consents = sa.Table(
    "handoff_consents",
    metadata,
    sa.Column("handoff_id", sa.String(36), primary_key=True),
    sa.Column("sender_hash", sa.String(64), index=True),
    sa.Column("given_at", sa.String(32), nullable=False),
    sa.Column("text_id", sa.String(64), nullable=False),
    sa.Column("text_version", sa.String(32), nullable=False),
    sa.Column("recorded_at", sa.Float, nullable=False),
)


@dataclass(frozen=True)
class ForgetResult:
    pending_removed: int
    delivered: int


@dataclass(frozen=True)
class Claimed:
    id: str
    org_id: str
    reference: str
    payload: dict[str, Any]
    attempts: int
    channels: list[str]
    delivered_channels: list[str]
    lease_until: float


@dataclass(frozen=True)
class Status:
    """What operations may see: no payload, no contact value."""

    id: str
    reference: str
    org_id: str
    status: str
    attempts: int
    created_at: float
    next_attempt_at: float
    last_error_class: str | None
    channels: list[str]
    delivered_channels: list[str]
    leased: bool


_engines: dict[str, Engine] = {}


def _secure_delete(dbapi_connection: Any, _record: Any) -> None:
    # Purged and forgotten handoffs are overwritten, not left in the file's free pages (they are
    # ciphertext, but a key that leaks later must not open them), as in the conversation store.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def _engine(url: str) -> Engine:
    if url not in _engines:
        kwargs: dict[str, Any] = {"future": True}
        if url.startswith("sqlite"):
            prepare_sqlite_file(url)
            # Rollback journal with a full fsync per commit (SQLite's default), unlike the
            # conversation store: a consented handoff must survive a power cut.
            # Several processes (action server, workers, ops) share the file: wait for locks.
            kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
            # Keep connections (SQLAlchemy 1.4 would open one per query).
            kwargs["poolclass"] = sa.pool.QueuePool
        else:
            kwargs["pool_pre_ping"] = True
        engine = sa.create_engine(url, **kwargs)
        if url.startswith("sqlite"):
            sa.event.listen(engine, "connect", _secure_delete)
        metadata.create_all(engine)
        _engines[url] = engine
    return _engines[url]


def _overdue(now: Moment) -> Any:
    """Undelivered and older than KYR_HANDOFF_OVERDUE_MINUTES at ``now``."""
    cutoff = to_timestamp(now) - settings.handoff_overdue_minutes() * 60
    return (handoffs.c.status == PENDING) & (handoffs.c.created_at <= cutoff)


class Outbox:
    def __init__(self, url: str, lease_seconds: int = 120) -> None:
        self.url = url
        self.engine = _engine(url)
        self.lease_seconds = lease_seconds

    @classmethod
    def from_settings(cls) -> Outbox:
        return cls(settings.handoff_db_url(), settings.handoff_lease_seconds())

    # --- writing -------------------------------------------------------------------------
    def enqueue(
        self, doc: Mapping[str, Any], sender_id: str | None, channels: Sequence[str], now: Moment = None
    ) -> bool:
        """Record consent + handoff atomically. Returns False if this id was already enqueued
        (an action retried by Rasa must not create a second handoff)."""
        payload_mod.validate(doc)
        if not channels:
            raise ValueError(f"organization {doc['org_id']!r} has no handoff channel; pick one that accepts handoffs")
        now_f = to_timestamp(now)
        shash = crypto.sender_hash(sender_id) if sender_id else None
        with self.engine.begin() as conn:
            exists = conn.execute(sa.select(handoffs.c.id).where(handoffs.c.id == doc["id"])).first()
            if exists:
                return False
            consent = doc["consent"]
            conn.execute(
                consents.insert().values(
                    handoff_id=doc["id"],
                    sender_hash=shash,
                    given_at=consent["given_at"],
                    text_id=consent["text_id"],
                    text_version=consent["text_version"],
                    recorded_at=now_f,
                )
            )
            conn.execute(
                handoffs.insert().values(
                    id=doc["id"],
                    reference=doc["reference"],
                    org_id=doc["org_id"],
                    sender_hash=shash,
                    status=PENDING,
                    channels=json.dumps(list(channels)),
                    delivered_channels="[]",
                    payload=crypto.encrypt(doc),
                    attempts=0,
                    next_attempt_at=now_f,
                    created_at=now_f,
                )
            )
        return True

    def count_created(self, since: Moment, sender_id: str | None = None) -> int:
        """Handoffs created since ``since`` (by this sender only, when given): the caps' input."""
        cond = handoffs.c.created_at >= to_timestamp(since)
        if sender_id:
            cond = cond & (handoffs.c.sender_hash == crypto.sender_hash(sender_id))
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(handoffs).where(cond)).scalar_one())

    # --- delivery ------------------------------------------------------------------------
    def claim_due(self, now: Moment = None, worker_id: str = "worker", limit: int = 10) -> list[Claimed]:
        """Take a lease on up to ``limit`` due rows; safe with several workers at once."""
        now_f = to_timestamp(now)
        lease_until = now_f + self.lease_seconds
        due = (
            (handoffs.c.status == PENDING)
            & (handoffs.c.next_attempt_at <= now_f)
            & (handoffs.c.lease_until.is_(None) | (handoffs.c.lease_until < now_f))
        )
        claimed: list[Claimed] = []
        with self.engine.connect() as conn:
            candidates = [
                r.id
                for r in conn.execute(
                    sa.select(handoffs.c.id).where(due).order_by(handoffs.c.next_attempt_at).limit(limit)
                )
            ]
        for hid in candidates:
            with self.engine.begin() as conn:
                result = conn.execute(
                    handoffs.update()
                    .where((handoffs.c.id == hid) & due)
                    .values(lease_owner=worker_id, lease_until=lease_until, attempts=handoffs.c.attempts + 1)
                )
                if result.rowcount != 1:
                    continue  # another worker won this row
                row = conn.execute(sa.select(handoffs).where(handoffs.c.id == hid)).one()
            claimed.append(
                Claimed(
                    id=row.id,
                    org_id=row.org_id,
                    reference=row.reference,
                    payload=crypto.decrypt(row.payload),
                    attempts=row.attempts,
                    channels=json.loads(row.channels),
                    delivered_channels=json.loads(row.delivered_channels),
                    lease_until=lease_until,
                )
            )
        return claimed

    def mark_delivered(self, handoff_id: str, channel: str, now: Moment = None) -> bool:
        """Record one channel as delivered; the handoff is delivered when all its channels are.
        Returns True when the whole handoff is now delivered."""
        now_f = to_timestamp(now)
        with self.engine.begin() as conn:
            row = conn.execute(
                sa.select(handoffs.c.channels, handoffs.c.delivered_channels, handoffs.c.status).where(
                    handoffs.c.id == handoff_id
                )
            ).first()
            if row is None:
                return False  # forgotten by the user meanwhile
            done = json.loads(row.delivered_channels)
            if channel not in done:
                done.append(channel)
            complete = all(c in done for c in json.loads(row.channels))
            values: dict[str, Any] = {"delivered_channels": json.dumps(done)}
            if complete:
                values.update(
                    status=DELIVERED, delivered_at=now_f, lease_owner=None, lease_until=None, last_error_class=None
                )
            conn.execute(handoffs.update().where(handoffs.c.id == handoff_id).values(**values))
        return complete

    def mark_failed(self, handoff_id: str, error_class: str, next_attempt_at: Moment) -> None:
        """Release the lease and schedule the next try (never gives up; see list_stuck)."""
        with self.engine.begin() as conn:
            conn.execute(
                handoffs.update()
                .where((handoffs.c.id == handoff_id) & (handoffs.c.status == PENDING))
                .values(
                    last_error_class=error_class[:64],
                    next_attempt_at=to_timestamp(next_attempt_at),
                    lease_owner=None,
                    lease_until=None,
                )
            )

    # --- privacy ---------------------------------------------------------------------------
    def forget_sender(self, sender_id: str) -> ForgetResult:
        """Delete this sender's undelivered handoffs (and their consents); count delivered ones,
        which are already with the organization and are purged on schedule."""
        shash = crypto.sender_hash(sender_id)
        with self.engine.begin() as conn:
            pending_ids = [
                r.id
                for r in conn.execute(
                    sa.select(handoffs.c.id).where((handoffs.c.sender_hash == shash) & (handoffs.c.status != DELIVERED))
                )
            ]
            delivered = conn.execute(
                sa.select(sa.func.count())
                .select_from(handoffs)
                .where((handoffs.c.sender_hash == shash) & (handoffs.c.status == DELIVERED))
            ).scalar_one()
            if pending_ids:
                conn.execute(handoffs.delete().where(handoffs.c.id.in_(pending_ids)))
                conn.execute(consents.delete().where(consents.c.handoff_id.in_(pending_ids)))
        return ForgetResult(pending_removed=len(pending_ids), delivered=int(delivered))

    def purge_expired(self, now: Moment = None) -> int:
        """Delete handoffs delivered more than handoff_retention_days() ago; returns how many."""
        cutoff = to_timestamp(now) - settings.handoff_retention_days() * 86400
        with self.engine.begin() as conn:
            ids = [
                r.id
                for r in conn.execute(
                    sa.select(handoffs.c.id).where(
                        (handoffs.c.status == DELIVERED) & (handoffs.c.delivered_at <= cutoff)
                    )
                )
            ]
            if ids:
                conn.execute(handoffs.delete().where(handoffs.c.id.in_(ids)))
                conn.execute(consents.delete().where(consents.c.handoff_id.in_(ids)))
        return len(ids)

    # --- honesty and operations ------------------------------------------------------------
    def overdue_for_sender(self, sender_id: str, now: Moment = None, include_notified: bool = True) -> list[Status]:
        cond = _overdue(now) & (handoffs.c.sender_hash == crypto.sender_hash(sender_id))
        if not include_notified:
            cond = cond & handoffs.c.overdue_notified_at.is_(None)
        return self._statuses(cond)

    def any_overdue_unnoticed(self, now: Moment = None) -> bool:
        """Whether any conversation has an undelivered handoff past the overdue time not yet mentioned."""
        cond = _overdue(now) & handoffs.c.overdue_notified_at.is_(None)
        with self.engine.connect() as conn:
            return conn.execute(sa.select(handoffs.c.id).where(cond).limit(1)).first() is not None

    def mark_overdue_notified(self, handoff_id: str, now: Moment = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                handoffs.update().where(handoffs.c.id == handoff_id).values(overdue_notified_at=to_timestamp(now))
            )

    def list_stuck(self, now: Moment = None) -> list[Status]:
        """Undelivered handoffs that failed STUCK_ATTEMPTS times or are past the overdue time."""
        cutoff = to_timestamp(now) - settings.handoff_overdue_minutes() * 60
        return self._statuses(
            (handoffs.c.status == PENDING)
            & ((handoffs.c.attempts >= STUCK_ATTEMPTS) | (handoffs.c.created_at <= cutoff))
        )

    def list_all(self, limit: int = 100) -> list[Status]:
        return self._statuses(sa.true(), limit=limit)

    def get_status(self, handoff_id: str) -> Status | None:
        rows = self._statuses(handoffs.c.id == handoff_id)
        return rows[0] if rows else None

    def retry_now(self, handoff_id: str, now: Moment = None) -> bool:
        """Make an undelivered handoff due immediately (ops). False if unknown or delivered."""
        with self.engine.begin() as conn:
            result = conn.execute(
                handoffs.update()
                .where((handoffs.c.id == handoff_id) & (handoffs.c.status == PENDING))
                .values(next_attempt_at=to_timestamp(now), lease_owner=None, lease_until=None)
            )
        return result.rowcount == 1

    def _statuses(self, cond: Any, limit: int = 1000) -> list[Status]:
        now_f = time.time()
        cols = [
            handoffs.c[name]
            for name in (
                "id",
                "reference",
                "org_id",
                "status",
                "attempts",
                "created_at",
                "next_attempt_at",
                "last_error_class",
                "channels",
                "delivered_channels",
                "lease_until",
            )
        ]
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(*cols).where(cond).order_by(handoffs.c.created_at).limit(limit)).all()
        return [
            Status(
                r.id,
                r.reference,
                r.org_id,
                r.status,
                r.attempts,
                r.created_at,
                r.next_attempt_at,
                r.last_error_class,
                json.loads(r.channels),
                json.loads(r.delivered_channels),
                bool(r.lease_until and r.lease_until > now_f),
            )
            for r in rows
        ]
