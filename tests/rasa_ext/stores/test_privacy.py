"""Privacy in ``CachedSQLTrackerStore``: delete my data, the retention purge, usage counts.

Each test reads the database itself (plain SQL) to prove what is and is not stored, on
SQLite and on PostgreSQL. The PostgreSQL tests use their own database,
``twitch_privacy_test`` (created through ``login_db``), so the purge never touches the
conversations other tests keep in ``test`` at the same time.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List

import pytest
import sqlalchemy as sa
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_ext.stores import usage
from rasa_ext.stores.tracker_store import (
    FORGET_EVENT,
    RETENTION_ENV,
    CachedSQLTrackerStore,
    retention_days,
)
from tests.rasa_ext.stores.test_tracker_store import DOMAIN, play, retrieve, session_start, turn
from tests.system.helpers import PG, require_services

PG_DB = "twitch_privacy_test"
DAY = 86400.0


def make_store(database: str, tmp_path: Path, **kwargs: Any) -> CachedSQLTrackerStore:
    if database == "sqlite":
        return CachedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "t.db"), **kwargs)
    require_services()
    return CachedSQLTrackerStore(
        DOMAIN,
        dialect="postgresql",
        host=PG[0],
        port=PG[1],  # type: ignore[arg-type]
        db=PG_DB,
        login_db="test",
        username="postgres",
        **kwargs,
    )


def count_rows(store: CachedSQLTrackerStore, sender: str) -> int:
    with store.engine.connect() as connection:
        return int(
            connection.execute(
                sa.text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender}
            ).scalar()
        )


def forget_turn(text: str = "yes") -> List[Event]:
    """The turn ``action_forget_me`` ends: its reply and the marker."""
    return [
        UserUttered(text, {"name": "affirm", "confidence": 0.99}, input_channel="rest"),
        ActionExecuted("action_forget_me"),
        BotUttered("Done: this conversation has been deleted."),
        FORGET_EVENT,
        ActionExecuted("action_listen"),
    ]


DATABASES = ["sqlite", "postgresql"]


# ---------------------------------------------------------------------- delete my data


@pytest.mark.parametrize("database", DATABASES)
def test_forget_me_deletes_every_row_of_that_conversation_only(
    tmp_path: Path, database: str
) -> None:
    store = make_store(database, tmp_path)
    me, other = f"me-{uuid.uuid4().hex}", f"other-{uuid.uuid4().hex}"
    for sender in (me, other):
        play(store, sender, session_start() + turn("my eyelid twitches"))
        play(store, sender, turn("often", "often"))
    others_before = count_rows(store, other)
    assert count_rows(store, me) > 0 and others_before > 0

    play(store, me, forget_turn())

    assert count_rows(store, me) == 0  # nothing of it, not even the turn that asked
    assert count_rows(store, other) == others_before  # the other conversation untouched
    assert me not in store._idle  # nothing of it kept in memory
    assert retrieve(store, me) is None
    # Writing again starts a new conversation: only the new turn's events are stored.
    again = session_start() + turn("hello again")
    play(store, me, again)
    assert count_rows(store, me) == len(again)


@pytest.mark.parametrize("database", DATABASES)
def test_forget_me_in_a_tracker_not_handed_out_by_this_store(tmp_path: Path, database: str) -> None:
    """Trackers built elsewhere (Rasa's HTTP API) are saved Rasa's way, and forgotten too."""
    store = make_store(database, tmp_path)
    sender = f"api-{uuid.uuid4().hex}"
    play(store, sender, session_start() + turn("hello"))
    stored = asyncio.run(store.retrieve(sender))
    assert stored is not None
    tracker = DialogueStateTracker.from_events(
        sender, [*stored.events, *forget_turn()], DOMAIN.slots
    )
    asyncio.run(store.save(tracker))
    assert count_rows(store, sender) == 0


def test_the_marker_alone_deletes_nothing_else(tmp_path: Path) -> None:
    """Another slot set to true, or ``forget_me`` set to false, is stored as usual."""
    store = make_store("sqlite", tmp_path)
    sender = f"keep-{uuid.uuid4().hex}"
    play(store, sender, [*session_start(), *turn("hi"), SlotSet("red_flag", True)])
    play(store, sender, [SlotSet("forget_me", False), ActionExecuted("action_listen")])
    assert count_rows(store, sender) == 10


# ---------------------------------------------------------------------- retention


def old_conversation(store: CachedSQLTrackerStore, sender: str, at: float) -> None:
    """A made-up conversation whose events are stamped ``at`` (seconds since the epoch)."""
    events = session_start() + turn("my calf twitches", "rarely")
    for index, event in enumerate(events):
        event.timestamp = at + index
    tracker = DialogueStateTracker.from_events(sender, events, DOMAIN.slots)
    asyncio.run(store.save(tracker))  # not one of ours: Rasa's way, as given


@pytest.mark.parametrize("database", DATABASES)
def test_purge_deletes_conversations_idle_past_the_retention_only(
    tmp_path: Path, database: str
) -> None:
    store = make_store(database, tmp_path)
    now = time.time()
    tag = uuid.uuid4().hex
    old = [f"old-{i}-{tag}" for i in range(5)]
    for sender in old:
        old_conversation(store, sender, now - 40 * DAY)
    recent = f"recent-{tag}"
    old_conversation(store, recent, now - 2 * DAY)
    came_back = f"back-{tag}"  # started long ago, written to yesterday: not idle
    old_conversation(store, came_back, now - 90 * DAY)
    play(store, came_back, turn("I'm back"))
    kept = {s: count_rows(store, s) for s in (recent, came_back)}

    deleted = store.purge_idle(30, batch_size=2, now=now)  # 5 idle: three batches

    assert [count_rows(store, s) for s in old] == [0] * 5
    assert {s: count_rows(store, s) for s in (recent, came_back)} == kept
    if database == "sqlite":  # PostgreSQL's database is shared by earlier runs' leftovers
        assert deleted == 5
    else:
        assert deleted >= 5
    assert store.purge_idle(30, batch_size=2, now=now) == 0


def test_purge_forgets_conversations_held_in_memory(tmp_path: Path) -> None:
    store = make_store("sqlite", tmp_path)
    sender = f"mem-{uuid.uuid4().hex}"
    play(store, sender, session_start() + turn("hello"))
    assert sender in store._idle
    assert store.purge_idle(30, now=time.time() + 31 * DAY) == 1
    assert sender not in store._idle
    assert retrieve(store, sender) is None


def test_a_store_built_by_a_starting_server_purges_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rasa builds the tracker store while the server starts (inside its event loop)."""
    seed = make_store("sqlite", tmp_path)
    sender = f"old-{uuid.uuid4().hex}"
    old_conversation(seed, sender, time.time() - 8 * DAY)
    monkeypatch.setenv(RETENTION_ENV, "7")

    async def start_server() -> Dict[str, Any]:
        store = make_store("sqlite", tmp_path)
        assert store.retention_task is not None
        for _ in range(100):
            await asyncio.sleep(0.05)
            if count_rows(store, sender) == 0:
                break
        running = not store.retention_task.done()  # sleeping until the next day's purge
        store.retention_task.cancel()
        return {"rows": count_rows(store, sender), "running": running}

    assert asyncio.run(start_server()) == {"rows": 0, "running": True}
    assert make_store("sqlite", tmp_path).retention_task is None  # no loop: no purge task


def test_retention_days_setting() -> None:
    assert retention_days({}) == 30
    assert retention_days({RETENTION_ENV: " 7 "}) == 7
    assert retention_days({RETENTION_ENV: "0.5"}) == 0.5
    for bad in ("0", "-3", "thirty", "inf", "nan"):
        with pytest.raises(ValueError, match=RETENTION_ENV):
            retention_days({RETENTION_ENV: bad})


# ---------------------------------------------------------------------- usage figures


def assessment_turns() -> List[List[Event]]:
    """A conversation over socket.io: an assessment answered to the caffeine question,
    stopped there, then a warning sign; every message carries private words."""
    said = "PRIVATE words of Jane Roe, 12 Elm Street"

    def user(intent: str) -> UserUttered:
        return UserUttered(said, {"name": intent, "confidence": 0.9}, input_channel="socketio")

    return [
        [
            *session_start(),
            user("start_assessment"),
            ActionExecuted("twitch_assessment_form"),
            ActiveLoop("twitch_assessment_form"),
            SlotSet("requested_slot", "red_flag"),
            BotUttered(said),
            ActionExecuted("action_listen"),
        ],
        [
            user("deny"),
            ActionExecuted("twitch_assessment_form"),
            SlotSet("red_flag", False),
            SlotSet("requested_slot", "diet"),
            ActionExecuted("action_listen"),
        ],
        [
            user("inform"),
            ActionExecuted("twitch_assessment_form"),
            SlotSet("diet", "rarely"),
            SlotSet("requested_slot", "sun"),
            ActionExecuted("action_listen"),
        ],
        [
            user("stop"),
            ActionExecuted("action_stop_assessment"),
            ActiveLoop(None),
            SlotSet("requested_slot", None),
            ActionExecuted("action_listen"),
        ],
        [
            user("report_red_flag"),
            ActionExecuted("action_red_flag_alert"),
            SlotSet("red_flag", True),
            SlotSet("red_flags_found", ["chest_pain"]),
            BotUttered(said),
            ActionExecuted("action_listen"),
        ],
    ]


def totals_after(store: CachedSQLTrackerStore, sender: str) -> Dict[str, Dict[str, int]]:
    for events in assessment_turns():
        play(store, sender, events)
    assert store.usage is not None
    return store.usage.totals()


def test_counts_of_a_conversation(tmp_path: Path, knowledge: Any) -> None:
    store = make_store("sqlite", tmp_path)
    assert "chest_pain" in {r.id for r in knowledge.red_flags.red_flags}
    totals = totals_after(store, f"jane-{uuid.uuid4().hex}")
    assert totals == {
        "sessions": {"-": 1},
        "sessions_by_channel": {"socketio": 1},
        "assessments_started": {"-": 1},
        "question_reached": {"red_flag": 1, "diet": 1, "sun": 1},
        "stopped_at": {"sun": 1},
        "triage_tier": {"emergency": 1},
    }


def test_counts_of_a_result_name_the_causes_shown(knowledge: Any) -> None:
    answers = {"diet": "rarely", "sun": "rarely", "caffeine": "high", "stress": "high"}
    events: List[Event] = [
        SessionStarted(),
        UserUttered("x", {"name": "inform"}, input_channel="telegram"),
        *[SlotSet(k, v) for k, v in answers.items()],
        SlotSet("red_flag", False),
        ActionExecuted("action_rank_causes"),
    ]
    counts = usage.count_turn(events, 0)
    shown = {key[3] for key in counts if key[2] == "cause_shown"}
    assert shown and shown <= {c.id for c in knowledge.causes.causes}
    assert {key[1] for key in counts} == {"telegram"}
    assert sum(n for key, n in counts.items() if key[2] == "assessments_finished") == 1


def test_channels_and_items_outside_the_allow_lists_are_other() -> None:
    events: List[Event] = [
        SessionStarted(),
        UserUttered("x", input_channel="my-secret-channel"),
        ActiveLoop("twitch_assessment_form"),
        SlotSet("requested_slot", "free text the user typed"),
    ]
    counts = usage.count_turn(events, 0)
    assert {key[1] for key in counts} == {"other"}
    assert ("question_reached", "other") in {(k[2], k[3]) for k in counts}


@pytest.mark.parametrize("database", DATABASES)
def test_the_usage_table_holds_no_text_and_no_sender_id(tmp_path: Path, database: str) -> None:
    store = make_store(database, tmp_path)
    sender = f"jane-roe-{uuid.uuid4().hex}"
    totals_after(store, sender)
    play(store, sender, forget_turn())
    inspector = sa.inspect(store.engine)
    columns = [c["name"] for c in inspector.get_columns(usage.TABLE)]
    assert columns == ["day", "channel", "metric", "item", "count"]
    with store.engine.connect() as connection:
        cells = [
            str(value)
            for row in connection.execute(sa.text(f"SELECT * FROM {usage.TABLE}"))
            for value in row
        ]
    assert cells  # the conversation was counted ...
    dump = " ".join(cells).lower()
    for private in (sender, "jane", "roe", "private", "elm street", "12 elm"):
        assert private not in dump  # ... and nothing it said, nor who said it
    items = usage.allowed_items()
    for row in store.usage.rows():  # type: ignore[union-attr]
        assert row["metric"] in usage.METRICS
        assert row["channel"] in usage.CHANNELS | {usage.OTHER}
        assert row["item"] in items.get(row["metric"], frozenset()) | {usage.NONE, usage.OTHER}
        assert len(row["day"]) == 10  # a day, no time of day
    assert count_rows(store, sender) == 0  # and the conversation itself is gone


def test_usage_figures_can_be_turned_off(tmp_path: Path) -> None:
    store = make_store("sqlite", tmp_path, usage_stats="false")
    assert store.usage is None
    play(store, "x", session_start() + turn("hello"))
    assert not sa.inspect(store.engine).has_table(usage.TABLE)
