"""The conversation store: Rasa's SQL tracker store, but nothing personal is ever written.

``endpoints.yml``::

    tracker_store:
      type: bot.stores.tracker_store.RedactingTrackerStore
      # url: postgresql://user:pass@host/db   (optional; else KYR_TRACKER_DB_URL, else SQLite under var/)

Every event passes through :func:`redact_event` before it is written (or published to an
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
import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot import catalogue, settings
from bot.nlu.languages import SUPPORTED
from bot.privacy.redact import PII_ENTITIES, PLACEHOLDER, find_pii, redact, redact_entities, redact_value
from bot.privacy.sqlite_files import prepare_sqlite_file
from bot.stores.window import ConversationWindow, Stamp

logger = logging.getLogger(__name__)

DELETE_ACTION = "action_delete_my_data"
DISCLOSURE_INTENT = "disclosure_guard"
DISCLOSURE_MARKER = "<not stored: disclosure>"
SESSION_METADATA_SLOT = "session_started_metadata"
REQUESTED_SLOT = "requested_slot"
# Turns whose slot values are never stored (see storable_events).
FLAGGED_INTENTS = frozenset({DISCLOSURE_INTENT, "crisis"})

# Metadata that may be stored, per event type. Everything else a channel sends is dropped.
USER_METADATA_KEYS = ("lang", "language", "topic")
BOT_METADATA_KEYS = ("topic", "lang", "utter_action")
_NESTED_METADATA_KEYS = ("customData", "metadata", "session_started_metadata")
_SAFE_TOKEN = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
# Attribute on a tracker this store handed out: how many of its events are already stored.
_STORED_MARK = "_kyr_stored_events"
# A fixed text statement: building and compiling a select per message cost ~1 ms.
_STAMP_SQL = sa.text("SELECT count(id), max(id) FROM events WHERE sender_id = :sender_id")
# NLU output kept for user events (no message ids, no response-selector copies of text).
_PARSE_DATA_KEYS = ("intent", "intent_ranking", "entities", "text", "detected_language")


# ---------------------------------------------------------------------------------------------
# The one place where an event becomes storable.
def filter_metadata(metadata: Any, allowed: Iterable[str]) -> dict[str, Any]:
    """Only ``allowed`` keys with short token values; allowed keys nested in customData are lifted."""
    if not isinstance(metadata, Mapping):
        return {}
    allowed = tuple(allowed)
    sources: list[Mapping[str, Any]] = [metadata]
    sources += [metadata[k] for k in _NESTED_METADATA_KEYS if isinstance(metadata.get(k), Mapping)]
    kept: dict[str, Any] = {}
    for source in sources:
        for key in allowed:
            value = source.get(key)
            if key not in kept and isinstance(value, str) and _SAFE_TOKEN.match(value):
                kept[key] = value
    return kept


def _redact_slot(name: Any, value: Any) -> Any:
    if value is None:
        return None
    if catalogue.is_generated_value(value):
        # Encrypted by the action server (a handoff contact), or ids we generate (handoff UUID,
        # reference code) whose digit runs the phone matcher would otherwise mangle.
        return value
    if name == SESSION_METADATA_SLOT:
        return filter_metadata(value, USER_METADATA_KEYS)
    kind = PII_ENTITIES.get(str(name))
    if kind is not None:  # a slot that holds a personal value whole ("Maria" matches no pattern)
        if kind == "PHONE" and "@" in str(value):
            kind = "EMAIL"
        return PLACEHOLDER[kind]
    return redact_value(value)


def _redact_user_entities(original_text: str, entities: Any) -> list[dict[str, Any]]:
    """Entities redacted by name and value, and also by position: an entity that overlaps a
    personal value in the message (e.g. "Fakename" tagged as some other entity) is replaced."""
    spans = find_pii(original_text) if original_text else []
    cleaned = redact_entities(entities)
    for ent in cleaned:
        start, end = ent.get("start"), ent.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not isinstance(ent.get("value"), str):
            continue
        if ent.get("entity") == "language" and ent["value"] in SUPPORTED:
            continue  # the language detector tags the whole message; its value is only a code
        for span in spans:
            if start < span.end and span.start < end:
                ent["value"] = PLACEHOLDER[span.kind]
                break
    return cleaned


def redact_event(data: Mapping[str, Any]) -> dict[str, Any]:
    """A storable copy of one serialized Rasa event (``Event.as_dict()``); the input is not changed."""
    event = dict(data)
    kind = event.get("event")
    if kind == "user":
        parse_data: Mapping[str, Any] = event["parse_data"] if isinstance(event.get("parse_data"), Mapping) else {}
        intent: Mapping[str, Any] = parse_data["intent"] if isinstance(parse_data.get("intent"), Mapping) else {}
        disclosure = intent.get("name") == DISCLOSURE_INTENT
        original = event.get("text") or ""
        text = DISCLOSURE_MARKER if disclosure else redact(original).text
        clean_parse = {k: parse_data[k] for k in _PARSE_DATA_KEYS if k in parse_data}
        clean_parse["text"] = text
        clean_parse["entities"] = [] if disclosure else _redact_user_entities(original, parse_data.get("entities"))
        if event.get("text") is not None or disclosure:
            event["text"] = text
        event["parse_data"] = clean_parse
        event["message_id"] = None  # channel message ids (e.g. Twilio MessageSid) link to provider logs
        event["metadata"] = filter_metadata(event.get("metadata"), USER_METADATA_KEYS)
    elif kind == "bot":
        # Our own texts; only the flows that echo what the user typed (the handoff summary shows
        # the contact) are redacted: running the phone matcher over every long answer cost ~12 ms
        # a message (make bench) and found only our own hotline numbers.
        topic = (event.get("metadata") or {}).get("topic") if isinstance(event.get("metadata"), Mapping) else None
        if (
            isinstance(event.get("text"), str) and topic not in catalogue.fixed_text_ids()
        ):  # replies built from user input are redacted
            event["text"] = redact(event["text"]).text
        event["metadata"] = filter_metadata(event.get("metadata"), BOT_METADATA_KEYS)
    else:
        if "metadata" in event:
            event["metadata"] = filter_metadata(event.get("metadata"), BOT_METADATA_KEYS)
        if kind == "slot":
            event["value"] = _redact_slot(event.get("name"), event.get("value"))
        if "entities" in event and isinstance(event.get("entities"), list):
            event["entities"] = redact_entities(event["entities"])  # entities / reminder events
    return event


def is_delete_request(data: Mapping[str, Any]) -> bool:
    return data.get("event") == "action" and data.get("name") == DELETE_ACTION


def is_flagged_turn(user_event: Mapping[str, Any] | None) -> bool:
    """True when this serialized user event is a disclosure or a crisis (the safety net or the classifier)."""
    if not isinstance(user_event, Mapping) or user_event.get("event") != "user":
        return False
    parse_data: Mapping[str, Any] = (
        user_event["parse_data"] if isinstance(user_event.get("parse_data"), Mapping) else {}
    )
    intent: Mapping[str, Any] = parse_data["intent"] if isinstance(parse_data.get("intent"), Mapping) else {}
    return parse_data.get("safety_override") in FLAGGED_INTENTS or intent.get("name") in FLAGGED_INTENTS


def _kept_in_flagged_turn(data: Mapping[str, Any], slots: Mapping[str, Any]) -> bool:
    """Slot values a flagged turn may still set: form bookkeeping, flags and declared categories."""
    value = data.get("value")
    if value is None or isinstance(value, (bool, int, float)) or data.get("name") == REQUESTED_SLOT:
        return True
    slot = slots.get(str(data.get("name")))
    values = getattr(slot, "values", None) or []  # categorical slots (language): only a declared value
    return isinstance(value, str) and bool(values) and value.lower() in [str(v).lower() for v in values]


def storable_events(
    serialized: list[Mapping[str, Any]], flagged: bool = False, slots: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Redacted copies of one save's events; in a disclosure or crisis turn, slot values are blanked.

    A story told (or a crisis typed) as a form answer must not survive as a slot value, whatever
    the slot mappings say. ``flagged`` is the state of the turn the first events belong to (its
    user message may have been saved before); each user event (or new session) starts a new turn.
    """
    slots = slots or {}
    clean: list[dict[str, Any]] = []
    for data in serialized:
        if data.get("event") in ("user", "session_started"):
            flagged = is_flagged_turn(data)  # a new session starts unflagged
        event = redact_event(data)
        if flagged and event.get("event") == "slot" and not _kept_in_flagged_turn(event, slots):
            event["value"] = None
        clean.append(event)
    return clean


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
        self._windows: OrderedDict[str, ConversationWindow] = OrderedDict()
        self._window_cache_size = settings.window_cache_size()

    @classmethod
    def from_settings(cls, domain: Domain | None = None) -> RedactingTrackerStore:
        return cls(domain=domain, host=settings.tracker_db_url())

    # -- reading ---------------------------------------------------------------------------
    def _stamp(self, session: Any, sender_id: str) -> Stamp:
        count, last_id = session.execute(_STAMP_SQL, {"sender_id": sender_id}).one()
        return int(count or 0), last_id

    def _cache(self, sender_id: str, window: ConversationWindow) -> None:
        self._windows[sender_id] = window
        self._windows.move_to_end(sender_id)
        while len(self._windows) > self._window_cache_size:
            self._windows.popitem(last=False)

    def _forget(self, sender_id: str) -> None:
        self._windows.pop(sender_id, None)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The latest session as a bounded window (see module doc); None when nothing is stored."""
        if self.domain is None:
            return await super().retrieve(sender_id)
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
            rows, stored_json = [], []
            flagged = is_flagged_turn(self._last_user_event(tracker, len(new_events)))
            slots = {slot.name: slot for slot in self.domain.slots} if self.domain is not None else {}
            cleaned = storable_events(serialized, flagged, slots)
            for event, clean in zip(new_events, cleaned):
                intent = (clean.get("parse_data") or {}).get("intent", {}) if clean.get("event") == "user" else {}
                stored_json.append(json.dumps(clean))
                rows.append(
                    {
                        "sender_id": sender_id,
                        "type_name": event.type_name,
                        "timestamp": clean.get("timestamp"),
                        "intent_name": intent.get("name") if isinstance(intent, Mapping) else None,
                        "action_name": clean.get("name"),
                        "data": stored_json[-1],
                    }
                )
            if rows:  # a Core insert: the ORM's unit of work cost ~2 ms a message
                session.execute(self.SQLEvent.__table__.insert(), rows)
            after = self._stamp(session, sender_id)
            session.commit()
        self._update_window(sender_id, tracker, new_events, stored_json, after, handed_out)
        if self.event_broker is not None and cleaned:
            await self._stream_new_events(self.event_broker, cleaned, sender_id)

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
