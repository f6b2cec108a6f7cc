"""The summary page for the appointment: ``/portal/summary/<token>`` (issue 14).

``action_summary`` puts a random token (40 hex digits) and its expiry in the
conversation's slots and sends the link. Opening it, this module finds the conversation
whose slot events hold that token (one query on the tracker store's ``events`` table),
reads its tracker, and builds the page from its slots at that moment, so a corrected
answer shows corrected. The page is served only while the token is the conversation's
current one and has not expired; anything else, a malformed token, a forgotten
("stop"), deleted or unknown conversation, gets the same 404, so a guess learns nothing.
No conversation text is in the URL, and the page has no script (``noindex``, no-store).
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from functools import lru_cache
from typing import Any, Dict

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore

from bot.answers import Answers
from bot.assessment import get_assessor
from bot.summary import build_summary, summary_date

logger = logging.getLogger(__name__)

TOKEN = re.compile(r"^[0-9a-f]{40}$")


@lru_cache(maxsize=1)
def _answers() -> Answers:
    return Answers(get_assessor().k)


def sql_store(store: Any) -> SQLTrackerStore | None:
    """The SQL tracker store inside Rasa's wrappers (``AwaitableTrackerStore`` …)."""
    for _ in range(5):
        if isinstance(store, SQLTrackerStore):
            return store
        store = getattr(store, "_tracker_store", None)
    return None


def sender_for_token(store: SQLTrackerStore, token: str) -> str | None:
    """The one conversation whose slot events hold ``token`` (None if none, or several)."""
    events = store.SQLEvent.__table__
    query = (
        sa.select(events.c.sender_id)
        .where(events.c.type_name == "slot", events.c.data.like(f"%{token}%"))
        .distinct()
        .limit(2)
    )
    with store.session_scope() as session:
        senders = [row[0] for row in session.execute(query)]
    return senders[0] if len(senders) == 1 else None


async def summary_page(
    tracker_store: TrackerStore, token: str, now: float | None = None
) -> str | None:
    """The page for ``token``, or None when it is not a live token of a conversation."""
    if not TOKEN.match(token):
        return None
    store = sql_store(tracker_store)
    if store is None:
        logger.warning("summary pages need an SQL tracker store; none is configured")
        return None
    sender = await asyncio.to_thread(sender_for_token, store, token)
    if sender is None:
        return None
    tracker = await tracker_store.retrieve_full_tracker(sender)
    if tracker is None:
        return None
    slots: Dict[str, Any] = tracker.current_slot_values()
    expires = slots.get("summary_expires")
    if slots.get("summary_token") != token or not isinstance(expires, (int, float)):
        return None
    now = time.time() if now is None else now
    if now >= float(expires):
        return None
    assessor = get_assessor()
    summary = build_summary(assessor.k, assessor, _answers(), slots, summary_date(now))
    return summary.html()
