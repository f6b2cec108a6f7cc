"""An SQL tracker store that does not rebuild the conversation from the database every turn.

Rasa 3.6's ``SQLTrackerStore`` reads every event of the conversation's latest session and
replays them into a new tracker on each message (``retrieve``), then counts the stored
events again to know which ones to insert (``save``). Profiled under load
(``make bench-profile``) those two steps were ~40 % of the Rasa server's CPU per turn, and
the replay grows with the length of the conversation.

``CachedSQLTrackerStore`` is the same store (same tables, same rows, same keys in the
endpoints file) with two changes:

* after a turn is saved, its tracker is kept in memory (a bounded LRU of idle
  conversations). The next ``retrieve`` hands that tracker back only if the database still
  ends with the event this process wrote last (one indexed ``max(id)`` query per turn);
  if another server or worker wrote since, or the entry was evicted, it reads the database
  exactly as Rasa does. So several servers or Sanic workers sharing the database stay
  correct (the lock store still serialises each conversation's turns).
* a tracker this store handed out remembers how many of its events are stored, so
  ``save`` inserts the new ones without counting the stored rows first, in one transaction
  run in a worker thread, so the event loop does not wait for the database.

A tracker is handed out once: ``retrieve`` takes it out of the cache and ``save`` puts it
back, so a turn that fails before saving leaves nothing half-updated in memory. Before it
is kept, the tracker is cut to what ``retrieve`` would rebuild from the database (the
events from the latest ``session_started`` on), so a turn sees the same events whether
its tracker came from memory or from the database.

For SQLite the connection also uses write-ahead logging with ``synchronous=NORMAL``
(``sqlite_synchronous``): a committed turn survives the process being killed; after a power
loss or OS crash the last turns may be lost. Set ``sqlite_synchronous: FULL`` for a
stronger guarantee at a higher cost per turn.

Privacy (docs/privacy.md):

* **forget me**: a turn whose new events hold :data:`FORGET_EVENT` (the slot ``forget_me``
  set to true by ``action_forget_me``, after the user confirmed with "yes") is not
  inserted: ``save`` deletes every row of that conversation instead and drops it from memory.
  ``save`` runs under the conversation's lock (Rasa's ``Agent.handle_message`` holds it around
  the whole turn), so no other turn of it is half-way;
* **retention**: :meth:`CachedSQLTrackerStore.purge_idle` deletes the conversations whose
  last event is older than ``TWITCH_RETENTION_DAYS`` (default 30), a bounded batch of
  conversations per transaction. A store built inside a running server (Rasa builds it
  while the server starts) purges at once and then every 24 hours while it runs;
  ``make purge`` (``ops/privacy.py``) does it from the command line;
* **usage figures**: each turn's counts (``rasa_ext/stores/usage.py``: sessions, assessments,
  questions reached, causes shown, triage tiers, per channel and day; no text, no sender id)
  are added to the ``twitch_usage`` table of the same database (``usage_stats: false`` turns
  that off).

Configure it as ``tracker_store: type: rasa_ext.stores.tracker_store.CachedSQLTrackerStore``
with the usual SQL keys (``dialect``, ``db``, ``url``...), plus ``cache_size`` (idle
conversations kept in memory, default :data:`DEFAULT_CACHE_SIZE`).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
from collections import OrderedDict
from typing import Any, Callable, Dict, List, Tuple, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from rasa_ext.stores import usage
from rasa_ext.stores.retention import PURGE_INTERVAL_S, RETENTION_ENV, retention_days

__all__ = ["RETENTION_ENV", "CachedSQLTrackerStore", "retention_days"]

logger = logging.getLogger(__name__)
_T = TypeVar("_T")

DEFAULT_CACHE_SIZE = 500
# Columns of the rows SQLTrackerStore writes (``_rows`` builds them, in this order).
_ROW_COLUMNS = ("sender_id", "type_name", "timestamp", "intent_name", "action_name", "data")
SQLITE_SYNCHRONOUS = ("OFF", "NORMAL", "FULL", "EXTRA")
# Attribute set on trackers this store handed out: (store id, events stored, last row id).
_STORED = "_twitch_stored"
# The event ``action_forget_me`` returns once the user confirmed: delete the conversation.
FORGET_SLOT = "forget_me"
FORGET_EVENT = SlotSet(FORGET_SLOT, True)
# Conversations deleted per transaction by ``purge_idle`` (keeps each DELETE short).
DEFAULT_PURGE_BATCH = 200


class CachedSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that keeps idle conversations in memory, checked against the DB."""

    def __init__(
        self,
        *args: Any,
        cache_size: int | str = DEFAULT_CACHE_SIZE,
        sqlite_synchronous: str = "NORMAL",
        usage_stats: bool | str = True,
        purge_batch: int | str = DEFAULT_PURGE_BATCH,
        **kwargs: Any,
    ) -> None:
        """Build the SQL store; ``cache_size`` idle conversations are kept (0 turns it off),
        ``usage_stats`` adds each turn's counts to ``twitch_usage`` (see ``usage``),
        ``purge_batch`` conversations are deleted per transaction by the retention purge.

        Built inside a running event loop (a server starting), it also starts the
        retention purge: at once, then every :data:`PURGE_INTERVAL_S`.
        """
        days = retention_days()  # a bad setting stops the start, before any connection
        super().__init__(*args, **kwargs)
        self.cache_size = max(0, int(cache_size))
        self._idle: OrderedDict[str, Tuple[DialogueStateTracker, int]] = OrderedDict()
        self.cache_hits = 0
        self.cache_misses = 0
        events = self.SQLEvent
        self._max_id = sa.select(sa.func.max(events.id)).where(
            events.sender_id == sa.bindparam("sender_id")
        )
        engine: sa.engine.Engine = self.engine
        if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
            self._reopen_sqlite(engine, str(sqlite_synchronous).upper())
        # PostgreSQL through psycopg2: the INSERT for ``execute_values`` (see ``_insert``).
        self._insert_sql: str | None = None
        if engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg2":
            quote = engine.dialect.identifier_preparer
            table = events.__table__
            names = ", ".join(quote.quote(column) for column in _ROW_COLUMNS)
            self._insert_sql = (
                f"INSERT INTO {quote.format_table(table)} ({names}) VALUES %s "
                f"RETURNING {quote.quote(table.c.id.name)}"
            )
        self.usage: usage.UsageTable | None = None
        if str(usage_stats).lower() not in ("false", "0", "no", "off"):
            self.usage = usage.UsageTable(self.engine)
        self.purge_batch = max(1, int(purge_batch))
        self.retention_task: asyncio.Task | None = None
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # built by a command-line tool or a test: no purge loop
            loop = None
        if loop is not None:
            self.retention_task = loop.create_task(self._retention_loop(days))

    def _reopen_sqlite(self, engine: sa.engine.Engine, synchronous: str) -> None:
        """Pooled connections in WAL mode instead of SQLAlchemy 1.4's new file handle per query."""
        engine.dispose()
        pooled = sa.create_engine(
            engine.url, poolclass=QueuePool, connect_args={"check_same_thread": False}
        )
        _use_wal(pooled, synchronous)
        self.engine = pooled
        self.sessionmaker = sessionmaker(bind=pooled)

    # -- reading -----------------------------------------------------------------------

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The latest session of a conversation, from memory when the DB has not moved on."""
        entry = self._idle.pop(sender_id, None)
        if entry is not None:
            tracker, last_id = entry
            if self._last_row_id(sender_id) == last_id:
                self.cache_hits += 1
                return tracker
            logger.debug("Conversation changed in the database since this process saved it.")
        self.cache_misses += 1
        return self._load_latest_session(sender_id)

    def _load_latest_session(self, sender_id: str) -> DialogueStateTracker | None:
        """Rasa's ``_retrieve`` for the latest session, also noting the rows it came from."""
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).all()
            events = [json.loads(row.data) for row in rows]
            last_id = max((row.id for row in rows), default=None)
        if not (self.domain and events):
            return None
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        setattr(tracker, _STORED, (id(self), len(tracker.events), last_id))
        return tracker

    def _last_row_id(self, sender_id: str) -> int | None:
        """``max(id)`` of the conversation's rows, through SQLAlchemy Core.

        Rasa's ORM session and query cost ~1.4 ms more CPU per call than a prepared Core
        statement (measured on PostgreSQL), and this runs on every turn.
        """
        with self.engine.connect() as connection:
            return connection.execute(self._max_id, {"sender_id": sender_id}).scalar()

    # -- writing -----------------------------------------------------------------------

    def init_tracker(self, sender_id: str) -> DialogueStateTracker:
        """A new conversation, nothing of it stored yet.

        Rasa's ``create_tracker`` calls this when ``retrieve`` found no rows and the store is
        used directly; behind Rasa's ``FailSafeTrackerStore`` (the server) the tracker is made
        by Rasa's base class instead, and ``save`` recognises it by the missing rows.
        """
        tracker = super().init_tracker(sender_id)
        setattr(tracker, _STORED, (id(self), 0, None))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Insert the tracker's new events, then keep it in memory for the next turn.

        A turn that holds :data:`FORGET_EVENT` deletes the conversation instead.
        """
        stored = getattr(tracker, _STORED, None)
        if stored is None or stored[0] != id(self):
            # Not one of ours: built by the HTTP API, or a new conversation's tracker made by
            # Rasa's FailSafeTrackerStore (its create_tracker does not call our init_tracker).
            self._idle.pop(tracker.sender_id, None)
            if FORGET_EVENT in tracker.events:  # a stored conversation never holds it
                await self._forget(tracker, list(tracker.events))
                return
            if await _in_thread(self._last_row_id, tracker.sender_id) is not None:
                await super().save(tracker)  # Rasa's way, counting the stored rows
                return
            stored = (id(self), 0, None)  # nothing stored yet: every event is new
        _, count, last_id = stored
        new_events = list(itertools.islice(tracker.events, count, None))
        if FORGET_EVENT in new_events:
            await self._forget(tracker, new_events)
            return
        await self._stream(tracker, new_events)
        if new_events:
            rows = self._rows(tracker.sender_id, new_events)
            last_id = await _in_thread(self._insert, tracker.sender_id, rows)
            await self._count(tracker, count)
        setattr(tracker, _STORED, (id(self), len(tracker.events), last_id))
        self._keep(tracker, last_id)

    # -- privacy -----------------------------------------------------------------------

    async def _forget(self, tracker: DialogueStateTracker, new_events: List[Event]) -> None:
        """Delete every stored event of the conversation; keep nothing of it in memory."""
        sender_id = tracker.sender_id
        self._idle.pop(sender_id, None)
        deleted = await _in_thread(self.delete_conversation, sender_id)
        channel = next(
            (e.input_channel for e in reversed(new_events) if isinstance(e, UserUttered)), None
        )
        if self.usage is not None:
            await self._add_usage(usage.forget_counts(channel))
        setattr(tracker, _STORED, None)
        logger.info("Deleted a conversation at its user's request (%d events).", deleted)

    def delete_conversation(self, sender_id: str) -> int:
        """Delete every row of one conversation (one transaction); return how many."""
        self._idle.pop(sender_id, None)
        events = self.SQLEvent.__table__
        with self.engine.begin() as connection:
            result = connection.execute(events.delete().where(events.c.sender_id == sender_id))
        return int(result.rowcount or 0)

    def purge_idle(
        self,
        days: float,
        batch_size: int = DEFAULT_PURGE_BATCH,
        now: float | None = None,
    ) -> int:
        """Delete the conversations whose latest event is older than ``days`` days.

        Works in batches: each transaction picks at most ``batch_size`` idle conversations
        and deletes their rows, re-checking in the same statement that none of them got a
        newer event meanwhile; so no transaction holds many row locks for long on a large
        PostgreSQL table, and a conversation that came back is kept.

        Args:
            days: retention in days (conversations idle for longer are deleted).
            batch_size: conversations per transaction.
            now: the current time (seconds since the epoch; tests pass made-up times).

        Returns:
            How many conversations were deleted.
        """
        if not days > 0:
            raise ValueError("retention days must be positive")
        cutoff = (time.time() if now is None else now) - days * 86400
        events = self.SQLEvent.__table__
        idle = (
            sa.select(events.c.sender_id)
            .group_by(events.c.sender_id)
            .having(sa.func.max(events.c.timestamp) < cutoff)
            .limit(max(1, int(batch_size)))
        )
        total = 0
        while True:
            with self.engine.begin() as connection:
                senders = [row[0] for row in connection.execute(idle)]
                if not senders:
                    break
                # Through the sender_id index: only these conversations' rows are read.
                recent = sa.select(events.c.sender_id).where(
                    events.c.sender_id.in_(senders), events.c.timestamp >= cutoff
                )
                connection.execute(
                    events.delete().where(
                        events.c.sender_id.in_(senders), events.c.sender_id.not_in(recent)
                    )
                )
            for sender_id in senders:
                self._idle.pop(sender_id, None)
            total += len(senders)
            logger.debug("Retention: deleted a batch of %d idle conversations.", len(senders))
        return total

    async def _retention_loop(self, days: float, interval: float = PURGE_INTERVAL_S) -> None:
        """Purge now, then every ``interval`` seconds, until the server stops."""
        while True:
            try:
                deleted = await _in_thread(self.purge_idle, days, self.purge_batch)
                logger.info(
                    "Retention: deleted %d conversations idle for over %g days.", deleted, days
                )
            except Exception as error:  # a failed purge is retried at the next interval
                logger.error("Retention purge failed: %s", type(error).__name__)
            await asyncio.sleep(interval)

    async def _count(self, tracker: DialogueStateTracker, new_from: int) -> None:
        """Add the turn's usage counts (never its text or sender) to ``twitch_usage``."""
        if self.usage is None:
            return
        try:
            counts = usage.count_turn(list(tracker.events), new_from)
        except Exception:  # the figures must never cost a turn
            logger.exception("Usage counts of a turn failed.")
            return
        await self._add_usage(counts)

    async def _add_usage(self, counts: Any) -> None:
        if self.usage is None or not counts:
            return
        try:
            await _in_thread(self.usage.add, counts)
        except Exception as error:
            logger.warning("Usage counts not stored: %s", type(error).__name__)

    def _rows(self, sender_id: str, events: List[Event]) -> List[Dict[str, Any]]:
        """The rows ``SQLTrackerStore.save`` would insert for ``events``."""
        rows = []
        for event in events:
            data = event.as_dict()
            intent = data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY)
            rows.append(
                {
                    "sender_id": sender_id,
                    "type_name": event.type_name,
                    "timestamp": data.get("timestamp"),
                    "intent_name": intent,
                    "action_name": data.get("name"),
                    "data": json.dumps(data),
                }
            )
        return rows

    def _insert(self, sender_id: str, rows: List[Dict[str, Any]]) -> int:
        """Insert ``rows`` and commit in one transaction; return the last id.

        PostgreSQL through psycopg2: one ``INSERT ... VALUES ... RETURNING id`` with
        ``execute_values`` on a pooled connection (0.4 ms of CPU for a turn's rows, against
        2.7 ms for the same statement built by SQLAlchemy). Other databases: a Core
        ``executemany`` (its compiled form is cached) and the conversation's ``max(id)``,
        read in the same transaction (the lock store lets one turn of a conversation write
        at a time).
        """
        if self._insert_sql is not None:
            last_id = self._insert_psycopg2(self._insert_sql, rows)
        else:
            with self.engine.begin() as connection:
                connection.execute(self.SQLEvent.__table__.insert(), rows)
                last_id = connection.execute(self._max_id, {"sender_id": sender_id}).scalar()
        logger.debug("Stored %d events of a conversation.", len(rows))
        return int(last_id)

    def _insert_psycopg2(self, sql: str, rows: List[Dict[str, Any]]) -> int:
        from psycopg2.extras import execute_values

        values = [tuple(row[column] for column in _ROW_COLUMNS) for row in rows]
        connection = self.engine.raw_connection()
        try:
            with connection.cursor() as cursor:
                ids = execute_values(cursor, sql, values, fetch=True)
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.close()  # back to the pool
        return max(row[0] for row in ids)

    async def _stream(self, tracker: DialogueStateTracker, new_events: List[Event]) -> None:
        if self.event_broker is not None:
            await self._stream_new_events(self.event_broker, new_events, tracker.sender_id)

    def _keep(self, tracker: DialogueStateTracker, last_id: int | None) -> None:
        sender_id = tracker.sender_id
        self._idle.pop(sender_id, None)
        if self.cache_size == 0 or last_id is None or not _trim_to_latest_session(tracker):
            return
        setattr(tracker, _STORED, (id(self), len(tracker.events), last_id))
        self._idle[sender_id] = (tracker, last_id)
        while len(self._idle) > self.cache_size:
            self._idle.popitem(last=False)

    def cache_stats(self) -> Dict[str, int]:
        """Hits, misses and idle conversations held (for tests and the benchmark)."""
        return {"hits": self.cache_hits, "misses": self.cache_misses, "idle": len(self._idle)}


async def _in_thread(function: Callable[..., _T], *args: Any) -> _T:
    """Run a blocking database call in a worker thread.

    Rasa's SQL store runs its queries on the event loop: while the database answers (a
    commit waits for PostgreSQL to flush its log), the Sanic worker serves no one. In a
    thread, the wait overlaps other conversations' turns; each conversation's turns are still
    one at a time (the lock store), and each call has its own session.
    """
    return await asyncio.get_running_loop().run_in_executor(None, function, *args)


def _trim_to_latest_session(tracker: DialogueStateTracker) -> bool:
    """Make the tracker what ``retrieve`` would rebuild from the database; False if it can't.

    The database view of a conversation is its events stamped at or after the latest
    ``session_started`` (``SQLTrackerStore._event_query``), so the ``action_session_start``
    before it, and a whole earlier session if one ended in this turn, are dropped here.
    If an event after the session start carries an earlier time stamp, the database view
    is not a suffix of the tracker: it is not kept, and the next turn reads the database.
    """
    events = tracker.events
    start = next((e for e in reversed(events) if isinstance(e, SessionStarted)), None)
    if start is None:
        return True
    drop = 0
    while drop < len(events) and events[drop].timestamp < start.timestamp:
        drop += 1
    if any(e.timestamp < start.timestamp for e in itertools.islice(events, drop, None)):
        return False
    for _ in range(drop):
        events.popleft()
    return True


def _use_wal(engine: sa.engine.Engine, synchronous: str) -> None:
    """Write-ahead log and the given ``synchronous`` level on every SQLite connection."""
    if synchronous not in SQLITE_SYNCHRONOUS:
        raise ValueError(
            f"sqlite_synchronous must be one of {', '.join(SQLITE_SYNCHRONOUS)}, "
            f"not {synchronous!r}"
        )

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.close()
