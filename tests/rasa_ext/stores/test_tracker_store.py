"""``CachedSQLTrackerStore``: the same rows and trackers as Rasa's ``SQLTrackerStore``.

Each test plays turns the way Rasa's processor does (retrieve or create, update, save)
against our store and against Rasa's own on separate databases, and compares what is
stored and what comes back. The PostgreSQL tests need the database ``test`` on
127.0.0.1:5432 (see ``helpers.require_services``).
"""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
from pathlib import Path
from typing import Any, Dict, List

import psycopg2
import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_ext.stores.tracker_store import CachedSQLTrackerStore
from tests.system.helpers import PG, require_services
from tools.stack import ROOT

DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def turn(text: str, slot_value: str | None = None) -> List[Event]:
    """The events of one user turn: message, a form run setting a slot, a reply, listen."""
    events: List[Event] = [
        UserUttered(text, {"name": "inform", "confidence": 0.99}),
        ActionExecuted("twitch_assessment_form"),
        BotUttered(f"you said {text}"),
    ]
    if slot_value is not None:
        events.insert(2, SlotSet("diet", slot_value))
    return [*events, ActionExecuted("action_listen")]


def session_start() -> List[Event]:
    return [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
    ]


def play(store: Any, sender: str, events: List[Event]) -> DialogueStateTracker:
    """One turn as the processor plays it."""

    async def go() -> DialogueStateTracker:
        tracker = await store.get_or_create_tracker(sender, append_action_listen=False)
        for event in events:
            tracker.update(event, DOMAIN)
        await store.save(tracker)
        return tracker

    return asyncio.run(go())


def retrieve(store: Any, sender: str) -> DialogueStateTracker | None:
    return asyncio.run(store.retrieve(sender))


def rows(store: SQLTrackerStore, sender: str) -> List[tuple]:
    """What is stored for ``sender``, in order, without ids and timestamps."""
    with store.engine.connect() as connection:
        result = connection.execute(
            sa.text(
                "SELECT type_name, intent_name, action_name, data FROM events "
                "WHERE sender_id = :s ORDER BY id"
            ),
            {"s": sender},
        )
        return [tuple(r) for r in result]


def events_of(tracker: DialogueStateTracker | None) -> List[Dict[str, Any]]:
    assert tracker is not None
    return [e.as_dict() for e in tracker.events]


def sqlite_stores(tmp_path: Path) -> tuple[CachedSQLTrackerStore, SQLTrackerStore]:
    cached = CachedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "cached.db"))
    plain = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "plain.db"))
    return cached, plain


def conversation() -> List[List[Event]]:
    return [
        session_start() + turn("hello"),
        turn("often", "often"),
        turn("why do you ask?"),
        turn("rarely", "rarely"),
    ]


def test_same_rows_and_trackers_as_rasas_store(tmp_path: Path) -> None:
    cached, plain = sqlite_stores(tmp_path)
    for events in conversation():
        play(cached, "ana", events)
        play(plain, "ana", events)
        assert rows(cached, "ana") == rows(plain, "ana")
        assert events_of(retrieve(cached, "ana")) == events_of(retrieve(plain, "ana"))
        assert retrieve(cached, "ana").current_slot_values() == (  # type: ignore[union-attr]
            retrieve(plain, "ana").current_slot_values()  # type: ignore[union-attr]
        )
    assert cached.cache_stats()["hits"] >= 3


def test_a_turn_is_served_from_memory_and_not_reread(tmp_path: Path) -> None:
    cached, _ = sqlite_stores(tmp_path)
    first = play(cached, "ben", session_start() + turn("hello"))
    assert retrieve(cached, "ben") is first  # the same object: no replay from the database
    assert cached.cache_stats() == {"hits": 1, "misses": 1, "idle": 0}  # handed out


def test_a_turn_that_fails_before_saving_leaves_nothing_in_memory(tmp_path: Path) -> None:
    cached, _ = sqlite_stores(tmp_path)
    play(cached, "cat", session_start() + turn("hello"))
    tracker = retrieve(cached, "cat")
    assert tracker is not None
    tracker.update(UserUttered("lost turn"), DOMAIN)  # then the turn crashes: no save
    again = retrieve(cached, "cat")
    assert again is not tracker
    assert "lost turn" not in str(events_of(again))


def test_another_writer_is_noticed(tmp_path: Path) -> None:
    """Two processes on one database: each sees the other's turns (no stale memory)."""
    db = str(tmp_path / "shared.db")
    one = CachedSQLTrackerStore(DOMAIN, dialect="sqlite", db=db)
    two = CachedSQLTrackerStore(DOMAIN, dialect="sqlite", db=db)
    play(one, "dan", session_start() + turn("hello"))
    play(two, "dan", turn("often", "often"))
    play(one, "dan", turn("rarely", "rarely"))
    final = retrieve(two, "dan")
    texts = [e.get("text") for e in events_of(final) if e["event"] == "user"]
    assert texts == ["hello", "often", "rarely"]
    assert final.get_slot("diet") == "rarely"  # type: ignore[union-attr]
    assert one.cache_stats()["misses"] == 2  # new conversation, then "two" had written


def test_new_session_in_a_turn_is_read_back_as_rasa_does(tmp_path: Path) -> None:
    cached, plain = sqlite_stores(tmp_path)
    for events in [session_start() + turn("hello", "often"), session_start() + turn("back")]:
        play(cached, "eve", events)
        play(plain, "eve", events)
    assert events_of(retrieve(cached, "eve")) == events_of(retrieve(plain, "eve"))
    assert retrieve(plain, "eve").get_slot("diet") is None  # type: ignore[union-attr]


def test_trackers_not_from_this_store_are_saved_the_rasa_way(tmp_path: Path) -> None:
    cached, plain = sqlite_stores(tmp_path)
    events = session_start() + turn("hi")
    later = events + turn("again")
    for store in (cached, plain):
        # e.g. built by the HTTP API. The first (nothing stored yet: every event is new, as
        # for a new conversation's tracker made by Rasa's FailSafeTrackerStore), then one
        # with more events when rows exist (Rasa's way, counting the stored rows).
        first = DialogueStateTracker.from_events("fay", events)
        asyncio.run(store.save(first))
        more = DialogueStateTracker.from_events("fay", later)
        asyncio.run(store.save(more))
    assert rows(cached, "fay") == rows(plain, "fay")


def test_idle_conversations_are_bounded(tmp_path: Path) -> None:
    store = CachedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"), cache_size=2)
    for name in ("a", "b", "c"):
        play(store, name, session_start() + turn("hello"))
    assert store.cache_stats()["idle"] == 2
    assert events_of(retrieve(store, "a"))  # evicted: read from the database


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    store = CachedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "w.db"))
    play(store, "gus", session_start() + turn("hello"))
    with sqlite3.connect(tmp_path / "w.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with pytest.raises(ValueError, match="sqlite_synchronous"):
        CachedSQLTrackerStore(
            DOMAIN, dialect="sqlite", db=str(tmp_path / "x.db"), sqlite_synchronous="SOMETIMES"
        )


def pg_stores() -> tuple[CachedSQLTrackerStore, CachedSQLTrackerStore, SQLTrackerStore]:
    require_services()
    keys = {"dialect": "postgresql", "host": PG[0], "port": PG[1], "db": "test"}
    keys["username"] = "postgres"
    one = CachedSQLTrackerStore(DOMAIN, **keys)  # type: ignore[arg-type]
    two = CachedSQLTrackerStore(DOMAIN, **keys)  # type: ignore[arg-type]
    return one, two, SQLTrackerStore(DOMAIN, **keys)  # type: ignore[arg-type]


def test_postgres_two_workers_same_result_as_rasas_store() -> None:
    """The production profile: PostgreSQL shared by two processes (here: two stores)."""
    one, two, plain = pg_stores()
    ours, theirs = f"pg-ours-{uuid.uuid4().hex}", f"pg-rasa-{uuid.uuid4().hex}"
    for index, events in enumerate(conversation()):
        play(one if index % 2 == 0 else two, ours, events)
        play(plain, theirs, events)
    assert rows(one, ours) == rows(plain, theirs)
    for store in (one, two):
        assert events_of(retrieve(store, ours)) == events_of(retrieve(plain, theirs))


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_turn_with_many_events_is_stored_whole(tmp_path: Path, database: str) -> None:
    """More events than one INSERT statement page takes, then a turn served from memory."""
    if database == "sqlite":
        cached, plain = sqlite_stores(tmp_path)
    else:
        cached, _, plain = pg_stores()
    ours, theirs = f"hal-{uuid.uuid4().hex}", f"hal-rasa-{uuid.uuid4().hex}"
    many = session_start() + [BotUttered(f"line {i}") for i in range(230)] + turn("hi")
    again = turn("again")
    for store, sender in ((cached, ours), (plain, theirs)):
        play(store, sender, many)
        play(store, sender, again)
    assert len(rows(cached, ours)) == len(many) + 4
    assert rows(cached, ours) == rows(plain, theirs)
    # The id the insert returned is the conversation's last row: the next turn is a hit.
    hits = cached.cache_stats()["hits"]
    assert events_of(retrieve(cached, ours)) == events_of(retrieve(plain, theirs))
    assert cached.cache_stats()["hits"] == hits + 1


def test_postgres_a_failed_insert_stores_nothing_and_frees_the_connection() -> None:
    """A turn whose rows the database refuses is rolled back whole; the store goes on."""
    cached, _, _ = pg_stores()
    sender = f"pg-fail-{uuid.uuid4().hex}"
    good = cached._rows(sender, turn("hello"))
    bad = [*good[:2], {**good[2], "type_name": "x" * 300}]  # longer than the column
    for _ in range(cached.engine.pool.size() + 2):  # more than the pool: none leaked
        with pytest.raises(psycopg2.DataError):
            cached._insert(sender, bad)
    assert rows(cached, sender) == []
    assert cached._insert(sender, good) == cached._last_row_id(sender)
    assert len(rows(cached, sender)) == len(good)
