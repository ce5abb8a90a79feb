"""The conversation store: Rasa's SQL tracker store, but nothing personal is ever written.

``endpoints.yml``::

    tracker_store:
      type: bot.stores.tracker_store.RedactingTrackerStore
      # url: postgresql://user:pass@host/db   (optional; else KYR_TRACKER_DB_URL, else SQLite under var/)

Every event passes through ``bot.stores.stored_events.redact_event`` before it is written (or published to an
event broker): user text, NLU text and entities and string slot values are redacted with
``bot.privacy.redact``; a message classified ``disclosure_guard`` (the user started telling their
story) is stored as a fixed marker; channel metadata (Twilio location fields, web customData,
message ids) is dropped except ``lang``/``topic``; bot messages keep their text (our own) and
only ``topic``/``lang``/``utter_action`` metadata.

When the events being saved contain ``action_delete_my_data``, the sender's whole conversation
is deleted and nothing new is stored, so the next message starts a fresh conversation.

The server works on a bounded window of each conversation (``bot.stores.window``), kept in
memory as the stored (redacted) JSON for the most recent ``KYR_WINDOW_CACHE_SIZE``
conversations, so a message costs the same at turn 100 as at turn 1 and is not re-read and
re-parsed from the database every time. Before each use the window is checked against the
database (row count and last row id of the conversation, one indexed query), so a deletion by
the sweeper or another process is seen at once. ``retrieve_full_tracker`` (tracker API, export)
still reads every stored event.
``delete_conversation`` / ``last_activity`` / ``delete_inactive_before`` serve ``bot.privacy.retention``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm
from cachetools import LRUCache
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import settings
from bot.privacy.sqlite_files import prepare_sqlite_file
from bot.stores.events_sql import insert_returning_stamp, stamp_of, turn_engine
from bot.stores.stored_events import is_delete_request, is_flagged_turn, storable_events
from bot.stores.window import ConversationWindow, Stamp

logger = logging.getLogger(__name__)

# Attribute on a tracker this store handed out: how many of its events are already stored.
_STORED_MARK = "_kyr_stored_events"


# ---------------------------------------------------------------------------------------------
def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # Overwrite deleted rows with zeros: "deleted" must not mean "still in the file's free pages".
    cursor.execute("PRAGMA secure_delete=ON")
    # The sweeper and Rasa share the file: wait for each other's locks instead of failing.
    cursor.execute("PRAGMA busy_timeout=30000")
    # Write-ahead log without an fsync per commit (~1.5 ms a message): a power cut can lose the
    # last messages, never corrupt the file. Deletions checkpoint and truncate the log
    # (_truncate_log), so deleted conversations do not live on in it.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class RedactingTrackerStore(SQLTrackerStore):
    """SQL tracker store that redacts before writing and deletes on request (see module doc)."""

    engine: sa.engine.Engine  # set by SQLTrackerStore.__init__

    def __init__(
        self,
        domain: Domain | None = None,
        host: str | None = None,
        url: str | None = None,
        event_broker: EventBroker | None = None,
        **kwargs: Any,
    ) -> None:
        db_url = url or host or settings.tracker_db_url()
        if "://" not in db_url:
            raise ValueError(
                "RedactingTrackerStore needs a full database URL (sqlite:///path or postgresql://...); "
                "set `url:` under tracker_store in endpoints.yml or KYR_TRACKER_DB_URL."
            )
        try:
            prepare_sqlite_file(db_url)
            super().__init__(domain=domain, host=db_url, event_broker=event_broker, **kwargs)
        except (ImportError, AttributeError) as exc:
            # Rasa would silently fall back to an in-memory store on these; fail loudly instead.
            raise RuntimeError(
                f"RedactingTrackerStore could not start ({type(exc).__name__}); check the database driver "
                f"for this URL is installed (psycopg2-binary for PostgreSQL)."
            ) from exc
        if self.engine.dialect.name == "sqlite":
            # SQLAlchemy 1.4 opens (and pragma-configures) a new SQLite connection for every
            # session of a file database; a small pool keeps them: ~2 ms less per message.
            self.engine.dispose()
            self.engine = sa.create_engine(
                self.engine.url,
                poolclass=sa.pool.QueuePool,
                pool_size=2,
                max_overflow=4,
                connect_args={"check_same_thread": False},
            )
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        # PostgreSQL: the per-message statements run without a session, each its own transaction
        # (bot.stores.events_sql); SQLite (in process, no round trips) keeps the session.
        self._autocommit: sa.engine.Engine | None = (
            turn_engine(self.engine) if self.engine.dialect.name == "postgresql" else None
        )
        # The most recently used conversations' windows (bounded LRU map; 0 turns the cache off).
        self._window_cache_size = settings.window_cache_size()
        self._windows: LRUCache[str, ConversationWindow] = LRUCache(maxsize=max(1, self._window_cache_size))

    @classmethod
    def from_settings(cls, domain: Domain | None = None) -> RedactingTrackerStore:
        return cls(domain=domain, host=settings.tracker_db_url())

    # -- reading ---------------------------------------------------------------------------
    def _stamp(self, session: Any, sender_id: str) -> Stamp:
        return stamp_of(session, sender_id)

    def _cache(self, sender_id: str, window: ConversationWindow) -> None:
        if self._window_cache_size > 0:
            self._windows[sender_id] = window

    def _forget(self, sender_id: str) -> None:
        self._windows.pop(sender_id, None)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The latest session as a bounded window (see module doc); None when nothing is stored."""
        if self.domain is None:
            return await super().retrieve(sender_id)
        if self._autocommit is not None:  # PostgreSQL: one statement when the cached window is current
            with self._autocommit.connect() as conn:
                stamp = stamp_of(conn, sender_id)
            window = self._windows.get(sender_id)
            if window is not None and window.stamp == stamp:
                return self._hand_out(sender_id, window)
        with self.session_scope() as session:
            stamp = self._stamp(session, sender_id)
            window = self._windows.get(sender_id)
            if window is None or window.stamp != stamp:
                rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).all()
                if not rows:
                    self._forget(sender_id)
                    return None
                window = ConversationWindow(stamp, [row.data for row in rows])
                window.compact(sender_id, self.domain.slots)
        return self._hand_out(sender_id, window)

    def _hand_out(self, sender_id: str, window: ConversationWindow) -> DialogueStateTracker:
        assert self.domain is not None
        self._cache(sender_id, window)
        tracker = window.tracker(sender_id, self.domain.slots, self.max_event_history)
        setattr(tracker, _STORED_MARK, len(tracker.events))
        return tracker

    def init_tracker(self, sender_id: str) -> DialogueStateTracker:
        tracker = super().init_tracker(sender_id)
        setattr(tracker, _STORED_MARK, 0)
        return tracker

    # -- writing ---------------------------------------------------------------------------
    @staticmethod
    def _stored_count(tracker: DialogueStateTracker) -> int | None:
        """How many of the tracker's events are stored, if this store handed it out; else None."""
        return None if tracker._max_event_history else getattr(tracker, _STORED_MARK, None)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Write the new events, redacted; or wipe the conversation when deletion was asked for."""
        sender_id = tracker.sender_id
        stored = self._stored_count(tracker)
        handed_out = stored is not None
        if stored is not None and self._autocommit is not None:  # PostgreSQL, the usual turn: one statement
            new_events = list(tracker.events)[stored:]
            serialized: list[Mapping[str, Any]] = [event.as_dict() for event in new_events]
            if not any(is_delete_request(d) for d in serialized):
                rows, stored_json, cleaned = self._storable_rows(tracker, new_events, serialized)
                with self._autocommit.connect() as conn:
                    after = insert_returning_stamp(conn, sender_id, rows)
                await self._saved(tracker, new_events, stored_json, cleaned, after, handed_out)
                return
        with self.session_scope() as session:
            if handed_out:
                new_events = list(tracker.events)[stored:]
            else:  # e.g. the HTTP API replacing events: Rasa's way, counting the session's rows
                new_events = list(self._additional_events(session, tracker))
            serialized = [event.as_dict() for event in new_events]
            if any(is_delete_request(d) for d in serialized):
                self._forget(sender_id)
                removed = self._delete_sender(session, sender_id)
                session.commit()
                self._truncate_log()
                logger.info("Deleted a conversation on the user's request (%d events).", removed)
                return
            rows, stored_json, cleaned = self._storable_rows(tracker, new_events, serialized)
            if rows:  # a Core insert: the ORM's unit of work cost ~2 ms a message
                session.execute(self.SQLEvent.__table__.insert(), rows)
            after = self._stamp(session, sender_id)
            session.commit()
        await self._saved(tracker, new_events, stored_json, cleaned, after, handed_out)

    async def _saved(
        self,
        tracker: DialogueStateTracker,
        new_events: list[Event],
        stored_json: list[str],
        cleaned: list[dict[str, Any]],
        after: Stamp,
        handed_out: bool,
    ) -> None:
        """After the rows are in: the cached window follows the database; brokers get the redacted events."""
        self._update_window(tracker.sender_id, tracker, new_events, stored_json, after, handed_out)
        if self.event_broker is not None and cleaned:
            await self._stream_new_events(self.event_broker, cleaned, tracker.sender_id)

    def _storable_rows(
        self, tracker: DialogueStateTracker, new_events: list[Event], serialized: list[Mapping[str, Any]]
    ) -> tuple[list[dict[str, Any]], list[str], list[dict[str, Any]]]:
        """The rows to insert, their stored JSON, and the redacted events (see module doc)."""
        rows, stored_json = [], []
        flagged = is_flagged_turn(self._last_user_event(tracker, len(new_events)))
        slots = {slot.name: slot for slot in self.domain.slots} if self.domain is not None else {}
        cleaned = storable_events(serialized, flagged, slots)
        for event, clean in zip(new_events, cleaned):
            intent = (clean.get("parse_data") or {}).get("intent", {}) if clean.get("event") == "user" else {}
            stored_json.append(json.dumps(clean))
            rows.append(
                {
                    "sender_id": tracker.sender_id,
                    "type_name": event.type_name,
                    "timestamp": clean.get("timestamp"),
                    "intent_name": intent.get("name") if isinstance(intent, Mapping) else None,
                    "action_name": clean.get("name"),
                    "data": stored_json[-1],
                }
            )
        return rows, stored_json, cleaned

    @staticmethod
    def _last_user_event(tracker: DialogueStateTracker, new_count: int) -> dict[str, Any] | None:
        """The user message of the turn the first new event belongs to, when it was stored before."""
        events = list(tracker.events)
        for event in reversed(events[: len(events) - new_count]):
            if isinstance(event, UserUttered):
                return event.as_dict()
        return None

    def _update_window(
        self,
        sender_id: str,
        tracker: DialogueStateTracker,
        new_events: list[Event],
        stored_json: list[str],
        after: Stamp,
        handed_out: bool,
    ) -> None:
        """Keep the cached window equal to what the database now holds, or drop it.

        ``after`` is the conversation's stamp once the new rows are in: the window may grow
        only if that is exactly its own stamp plus these rows (nobody else wrote or deleted).
        """
        if not tracker._max_event_history:
            setattr(tracker, _STORED_MARK, len(tracker.events))  # Rasa may save this tracker again
        window = self._windows.get(sender_id)
        if not handed_out or self.domain is None or any(isinstance(e, SessionStarted) for e in new_events):
            self._forget(sender_id)  # a new session or an unknown tracker: read afresh next time
            return
        known = window.stamp if window is not None else (0, None)
        grew_by_ours = after[0] == known[0] + len(stored_json) and (
            not stored_json or (after[1] or 0) > (known[1] or 0)
        )
        if not grew_by_ours:
            self._forget(sender_id)  # the database changed under us (e.g. the sweeper deleted it)
            return
        if window is None:
            window = ConversationWindow(after, list(stored_json))
        else:
            window.extend(stored_json, after)
        window.compact(sender_id, self.domain.slots)
        self._cache(sender_id, window)

    async def _stream_new_events(
        self, event_broker: EventBroker, cleaned: list[dict[str, Any]], sender_id: str
    ) -> None:
        """Brokers get the same redacted events as the database, never the raw ones."""
        for event in cleaned:
            body: dict[str, Any] = {"sender_id": sender_id}
            body.update(event)
            event_broker.publish(body)

    async def stream_events(self, tracker: DialogueStateTracker) -> None:
        """Streaming happens inside :meth:`save` (after redaction)."""
        return None

    # -- deletion and retention --------------------------------------------------------------
    def _truncate_log(self) -> None:
        """After a deletion: copy the zeroed pages into the database and empty the SQLite log."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as conn:
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()[0]
        if busy:  # a reader held an old snapshot; the sweeper's next run truncates it
            logger.warning("SQLite log not truncated after a deletion (busy); retried on the next sweep.")

    def _delete_sender(self, session: Any, sender_id: str) -> int:
        return (
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete(synchronize_session=False)
        )

    def delete_conversation(self, sender_id: str) -> int:
        """Delete every stored event of ``sender_id`` (all sessions); returns how many."""
        self._forget(sender_id)
        with self.session_scope() as session:
            removed = self._delete_sender(session, sender_id)
            session.commit()
        if removed:
            self._truncate_log()
        return int(removed)

    def last_activity(self) -> dict[str, float]:
        """Timestamp of the latest stored event of every conversation."""
        with self.session_scope() as session:
            rows = (
                session.query(self.SQLEvent.sender_id, sa.func.max(self.SQLEvent.timestamp))
                .group_by(self.SQLEvent.sender_id)
                .all()
            )
        return {sender: float(ts or 0.0) for sender, ts in rows}

    def delete_inactive_before(self, cutoff: float) -> tuple[int, int]:
        """Delete whole conversations whose latest event is older than ``cutoff`` (epoch seconds).

        One DELETE with the inactivity condition inside it, so a conversation that gets a new
        message while the sweep runs is not selected from a stale list. Returns
        (conversations, events) removed.
        """
        events = self.SQLEvent.__table__
        inactive = (
            sa.select(events.c.sender_id)
            .group_by(events.c.sender_id)
            .having(sa.func.coalesce(sa.func.max(events.c.timestamp), 0) < cutoff)
        )
        with self.engine.begin() as conn:
            conversations = conn.execute(sa.select(sa.func.count()).select_from(inactive.subquery())).scalar() or 0
            removed = conn.execute(events.delete().where(events.c.sender_id.in_(inactive))).rowcount or 0
        if removed:
            self._windows.clear()
        self._truncate_log()  # every sweep, so a truncation that found the log busy is retried
        return int(conversations), int(removed)
