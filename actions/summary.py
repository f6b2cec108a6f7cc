"""The summary for the appointment: a link to a printable page, or plain text.

The widget (socket.io) and the REST channel get a link to ``/portal/summary/<token>``,
served by the Rasa server (``rasa_ext/channels/portal.py``), which builds the page from
the conversation's slots when it is opened, so it always shows the latest answers. The
token is random, lives in this conversation's ``summary_token`` slot, and stops working
at ``summary_expires`` (``TWITCH_SUMMARY_HOURS``, default 24), when the answers are
forgotten ("stop") or the conversation is deleted. Slack and Telegram get the same summary
as plain text: no link leaves the server there.
"""

from __future__ import annotations

import os
import secrets
import time
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.core import core
from bot.summary import build_summary, has_answers, summary_date

HOURS_ENV = "TWITCH_SUMMARY_HOURS"
PUBLIC_URL_ENV = "TWITCH_PUBLIC_URL"
DEFAULT_HOURS = 24.0
# Channels that get the summary as text (they have no page of ours to open).
TEXT_CHANNELS = frozenset({"slack", "telegram"})
# A link about to expire is replaced rather than handed out again.
MIN_LEFT_SECONDS = 600


def summary_hours() -> float:
    """How long a summary link works (``TWITCH_SUMMARY_HOURS``; a bad value → 24)."""
    try:
        hours = float(os.environ.get(HOURS_ENV, "") or DEFAULT_HOURS)
    except ValueError:
        return DEFAULT_HOURS
    return hours if 0 < hours <= 24 * 30 else DEFAULT_HOURS


class ActionSummary(Action):
    """ "Summary for my doctor": the page's link, or the text in Slack and Telegram."""

    def name(self) -> str:
        """Action name."""
        return "action_summary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Send the link (a new token when there is none or it is about to expire)."""
        c = core()
        t = c.knowledge.templates.summary
        slots = tracker.current_slot_values()
        if not has_answers(slots):
            dispatcher.utter_message(text=t.not_ready)
            return []
        if tracker.get_latest_input_channel() in TEXT_CHANNELS:
            summary = build_summary(c.knowledge, c.assessor, c.answers, slots, summary_date())
            dispatcher.utter_message(text=t.text_intro)
            dispatcher.utter_message(text=summary.text())
            return []
        now = time.time()
        hours = summary_hours()
        token = tracker.get_slot("summary_token")
        expires = float(tracker.get_slot("summary_expires") or 0)
        events: List[EventType] = []
        if not token or expires - now < MIN_LEFT_SECONDS:
            token = secrets.token_hex(20)
            expires = now + hours * 3600
            events = [SlotSet("summary_token", token), SlotSet("summary_expires", expires)]
        base = os.environ.get(PUBLIC_URL_ENV, "").rstrip("/")
        left = max(1, round((expires - now) / 3600))
        url = f"{base}/portal/summary/{token}"
        dispatcher.utter_message(text=t.link.format(url=url, hours=left))
        return events
