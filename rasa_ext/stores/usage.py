"""Usage figures without message text: counts only, in the tracker store's database.

The tracker store (``CachedSQLTrackerStore.save``) hands each turn's new events to
:func:`count_turn`, which turns them into counts of a fixed set of metrics, and
:class:`UsageTable` adds them to the table ``twitch_usage``:

=====================  ==========================================================
metric                 item
=====================  ==========================================================
``sessions``           ``-``: a conversation session started
``assessments_started`` ``-``: the questions began
``question_reached``   the question's slot (``diet``, ``sun`` ...): asked for the first time
                       in an assessment, so the drop from one question to the next shows
                       where people stop
``stopped_at``         the question's slot: "stop" (or goodbye) said at that question
``assessments_finished`` ``-``: the result (or the urgent message after a warning sign) was given
``cause_shown``        the cause id (``causes.yml``) listed in a result
``triage_tier``        ``emergency``, ``today`` or ``unknown``: a warning-sign message was given
``forget_me``          ``-``: a conversation was deleted at its user's request
=====================  ==========================================================

Each row is ``(day, channel, metric, item, count)``: the day (UTC), the channel's name from an
allow-list (:data:`CHANNELS`, anything else is ``other``), and an item that is either ``-`` or
one of the knowledge's ids (:func:`allowed_items`), never anything the user typed. There is no
sender id, no text, no time finer than the day.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, FrozenSet, Iterable, List, Tuple

import sqlalchemy as sa
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)

logger = logging.getLogger(__name__)

TABLE = "twitch_usage"
FORM = "twitch_assessment_form"
NONE = "-"
# Channel names as Rasa stores them in ``input_channel``; anything else counts as "other".
CHANNELS = frozenset({"rest", "socketio", "slack", "telegram", "cmdline"})
OTHER = "other"
METRICS = (
    "sessions",
    "assessments_started",
    "question_reached",
    "stopped_at",
    "assessments_finished",
    "cause_shown",
    "triage_tier",
    "forget_me",
)
STOP_ACTIONS = frozenset({"action_stop_assessment"})
RESULT_ACTION = "action_rank_causes"
ALERT_ACTION = "action_red_flag_alert"

Key = Tuple[str, str, str, str]  # day, channel, metric, item


@lru_cache(maxsize=1)
def allowed_items() -> Dict[str, FrozenSet[str]]:
    """The items each metric may hold: ids from the knowledge, never user words."""
    from bot.knowledge import load_knowledge

    knowledge = load_knowledge()
    questions = frozenset(knowledge.question_slots)
    return {
        "question_reached": questions,
        "stopped_at": questions,
        "cause_shown": frozenset(c.id for c in knowledge.causes.causes),
        "triage_tier": frozenset({"emergency", "today", "unknown"}),
    }


def _item(metric: str, value: Any) -> str:
    allowed = allowed_items().get(metric)
    if allowed is None:
        return NONE
    return str(value) if str(value) in allowed else OTHER


def _channel(name: Any) -> str:
    return str(name) if name in CHANNELS else OTHER


@dataclass
class _Slots:
    """The slot values of a tracker at one point of its events."""

    values: Dict[str, Any]
    active_loop: str | None = None


def count_turn(
    events: List[Event], new_from: int, day: datetime.date | None = None
) -> Counter[Key]:
    """The counts of one turn: ``events[new_from:]`` are the turn's new events.

    Args:
        events: the conversation's events held by the tracker (old ones give the slot
            values and the channel the new ones happened in).
        new_from: index of the first new event.
        day: the day to count them on (default: today, UTC).

    Returns:
        A counter of ``(day, channel, metric, item)``.
    """
    day_text = (day or datetime.datetime.now(datetime.timezone.utc).date()).isoformat()
    counts: Counter[Key] = Counter()
    state = _Slots({})
    channel = OTHER
    reached: set = set()  # questions asked in the current assessment

    def add(metric: str, item: Any = NONE) -> None:
        counts[(day_text, channel, metric, _item(metric, item))] += 1

    pending: str | None = None  # an action counted once its own events are applied
    for index, event in enumerate(events):
        new = index >= new_from
        if isinstance(event, (ActionExecuted, UserUttered)) and pending is not None:
            _count_after(pending, state, add)
            pending = None
        if isinstance(event, UserUttered):
            channel = _channel(event.input_channel)
        if isinstance(event, SessionStarted):
            state = _Slots({})
            reached = set()
            if new:
                # The session's channel is its first message's, later in the same turn.
                first = next((e for e in events[index:] if isinstance(e, UserUttered)), None)
                if first is not None:
                    channel = _channel(first.input_channel)
                add("sessions")
        elif isinstance(event, ActiveLoop):
            if event.name == FORM and state.active_loop != FORM:
                reached = set()
                if new:
                    add("assessments_started")
            state.active_loop = event.name
        elif isinstance(event, SlotSet):
            if event.key == "requested_slot" and event.value and event.value not in reached:
                reached.add(event.value)
                if new:
                    add("question_reached", event.value)
            state.values[event.key] = event.value
        elif isinstance(event, ActionExecuted) and new:
            name = event.action_name
            if name in STOP_ACTIONS:  # where it stood before the action's own events
                if state.active_loop == FORM and state.values.get("requested_slot"):
                    add("stopped_at", state.values["requested_slot"])
            elif name in (RESULT_ACTION, ALERT_ACTION):
                pending = name
    if pending is not None:
        _count_after(pending, state, add)
    return counts


def _count_after(name: str, state: _Slots, add: Any) -> None:
    """Count a result or an alert with the slots its own events set (the flags found)."""
    values = state.values
    if name == RESULT_ACTION:
        add("assessments_finished")
        if values.get("red_flag") is True:
            add("triage_tier", _tier(values))
        else:
            for cause_id in _causes(values):
                add("cause_shown", cause_id)
    else:
        add("triage_tier", _tier(values))


def _tier(values: Dict[str, Any]) -> str:
    """The tier of the warning signs found so far (``unknown``: one said without naming it)."""
    from bot.knowledge import load_knowledge
    from bot.safety import tier

    flags = list(values.get("red_flags_found") or [])
    if not flags:
        return "unknown"
    return tier(load_knowledge(), flags, values.get("symptoms") or [])


def _causes(values: Dict[str, Any]) -> List[str]:
    """The causes a result lists for these answers (``bot.assessment.Assessor.rank``)."""
    from bot.assessment import get_assessor, profile_slots

    assessor = get_assessor()
    names = profile_slots(assessor.k)
    ranking = assessor.rank({n: values.get(n) for n in names})
    return [c.cause_id for c in ranking.likely]


def forget_counts(channel: str | None, day: datetime.date | None = None) -> Counter[Key]:
    """The count of one conversation deleted at its user's request."""
    day_text = (day or datetime.datetime.now(datetime.timezone.utc).date()).isoformat()
    return Counter({(day_text, _channel(channel), "forget_me", NONE): 1})


class UsageTable:
    """The ``twitch_usage`` table of one database: add counts, read totals."""

    def __init__(self, engine: sa.engine.Engine) -> None:
        """Create the table if it is missing (columns: day, channel, metric, item, count)."""
        self.engine = engine
        metadata = sa.MetaData()
        self.table = sa.Table(
            TABLE,
            metadata,
            sa.Column("day", sa.String(10), primary_key=True),
            sa.Column("channel", sa.String(16), primary_key=True),
            sa.Column("metric", sa.String(32), primary_key=True),
            sa.Column("item", sa.String(64), primary_key=True),
            sa.Column("count", sa.Integer, nullable=False),
        )
        try:
            metadata.create_all(engine, checkfirst=True)
        except sa.exc.SQLAlchemyError:
            # Two workers starting at once: one creates the table, the other's CREATE fails.
            if not sa.inspect(engine).has_table(TABLE):
                raise

    def add(self, counts: Counter[Key]) -> None:
        """Add ``counts`` to the table in one transaction (an upsert per key)."""
        if not counts:
            return
        rows = [
            {"day": d, "channel": c, "metric": m, "item": i, "count": n}
            for (d, c, m, i), n in sorted(counts.items())
        ]
        if self.engine.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        elif self.engine.dialect.name == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:  # pragma: no cover - the project runs SQLite and PostgreSQL only
            raise NotImplementedError(self.engine.dialect.name)
        statement = insert(self.table)
        statement = statement.on_conflict_do_update(
            index_elements=["day", "channel", "metric", "item"],
            set_={"count": self.table.c["count"] + statement.excluded["count"]},
        )
        with self.engine.begin() as connection:
            connection.execute(statement, rows)

    def rows(self) -> List[Dict[str, Any]]:
        """Every row, by day, channel, metric and item."""
        t = self.table
        query = sa.select(t).order_by(t.c.day, t.c.channel, t.c.metric, t.c.item)
        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(query)]

    def totals(self) -> Dict[str, Dict[str, int]]:
        """Counts summed over days and channels: ``{metric: {item: count}}``, plus
        ``sessions_by_channel``."""
        totals: Dict[str, Dict[str, int]] = {}
        for row in self.rows():
            by_item = totals.setdefault(row["metric"], {})
            by_item[row["item"]] = by_item.get(row["item"], 0) + row["count"]
            if row["metric"] == "sessions":
                channels = totals.setdefault("sessions_by_channel", {})
                channels[row["channel"]] = channels.get(row["channel"], 0) + row["count"]
        return totals


def metric_order(items: Iterable[str]) -> List[str]:
    """Metric names in :data:`METRICS` order, unknown ones last."""
    rank = {m: i for i, m in enumerate(METRICS)}
    return sorted(items, key=lambda m: (rank.get(m, len(rank)), m))
