"""Pure Slack rules (no Rasa import): request signatures, retries, which events to answer.

Used by :mod:`rasa_ext.channels.slack` and unit-tested without a server.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any, Dict, List, Mapping

from rasa_ext.channels.limits import (
    SLACK_BLOCKS,
    SLACK_MESSAGE_TEXT,
    SLACK_SECTION,
    size,
    split_reply,
)

# Slack rejects signatures older than five minutes (replay protection).
MAX_SIGNATURE_AGE_S = 5 * 60
# Slack shows at most 5 buttons per "actions" block in older clients; we split longer rows.
BUTTONS_PER_BLOCK = 5
RETRY_NUM_HEADER = "x-slack-retry-num"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The ``X-Slack-Signature`` value Slack computes for ``body`` sent at ``timestamp``."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signature_is_valid(
    secret: str, timestamp: str | None, body: bytes, signature: str | None, now: float
) -> bool:
    """Check a request's signature (constant-time) and that it is at most five minutes old.

    Args:
        secret: the app's signing secret; an empty secret never validates.
        timestamp: the ``X-Slack-Request-Timestamp`` header.
        body: the raw request body.
        signature: the ``X-Slack-Signature`` header.
        now: the current Unix time.
    """
    if not secret or not timestamp or not signature:
        return False
    try:
        sent_at = int(timestamp)
    except ValueError:
        return False
    if abs(now - sent_at) > MAX_SIGNATURE_AGE_S:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


def is_retry(headers: Mapping[str, str]) -> bool:
    """True for Slack's retries (``X-Slack-Retry-Num`` present), whatever their reason.

    The first delivery is acknowledged at once and processed in the background, so a retry
    always duplicates a message already being answered.
    """
    return any(key.lower() == RETRY_NUM_HEADER for key in headers)


def bot_user_ids(payload: Mapping[str, Any]) -> List[str]:
    """The bot's own user ids named in an Events API envelope (``authorizations``)."""
    ids = [
        str(auth.get("user_id"))
        for auth in payload.get("authorizations") or []
        if isinstance(auth, dict) and auth.get("is_bot", True) and auth.get("user_id")
    ]
    return ids


def should_answer(payload: Mapping[str, Any]) -> bool:
    """Whether an ``event_callback`` is a person's message the bot answers.

    Answered: a direct message (``message`` in an ``im``) or an ``app_mention``, with text,
    without subtype (edits, deletions, joins, bot messages carry one), not sent by a bot
    and not by the bot's own user.
    """
    if payload.get("type") != "event_callback":
        return False
    event = payload.get("event") or {}
    if not isinstance(event, dict) or not str(event.get("text") or "").strip():
        return False
    if event.get("subtype") or event.get("bot_id") or event.get("bot_profile"):
        return False
    if event.get("user") in bot_user_ids(payload):
        return False
    if event.get("type") == "app_mention":
        return True
    return event.get("type") == "message" and event.get("channel_type") == "im"


def reply_thread(event: Mapping[str, Any], use_threads: bool) -> str | None:
    """The ``thread_ts`` to answer in, if any.

    A message written in a thread is answered in it. With ``use_threads``, a mention in a
    channel starts a thread under it; direct messages stay flat.
    """
    if event.get("thread_ts"):
        return str(event["thread_ts"])
    if use_threads and event.get("channel_type") != "im" and event.get("ts"):
        return str(event["ts"])
    return None


def button_rows(buttons: List[Dict[str, Any]] | None) -> List[Dict[str, Any]]:
    """Block Kit ``actions`` blocks for the buttons, at most :data:`BUTTONS_PER_BLOCK` a row.

    Titles are plain text (never rendered as markup), cut at Slack's 75 characters; values at
    its 2,000. A message holds :data:`SLACK_BLOCKS` blocks, so rows past the 49th are dropped
    (one block is left for the text).
    """
    buttons = buttons or []
    rows: List[Dict[str, Any]] = []
    for start in range(0, len(buttons), BUTTONS_PER_BLOCK):
        row = buttons[start : start + BUTTONS_PER_BLOCK]
        rows.append(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": str(b.get("title", ""))[:75]},
                        "value": str(b.get("payload", ""))[:2000],
                        "action_id": f"button_{start + i}",
                    }
                    for i, b in enumerate(row)
                ],
            }
        )
    return rows[: SLACK_BLOCKS - 1]


def message_payloads(
    text: str, buttons: List[Dict[str, Any]] | None = None
) -> List[Dict[str, Any]]:
    """``chat.postMessage`` bodies (without ``channel``) for a reply, within Slack's limits.

    The text is split by :func:`rasa_ext.channels.limits.split_reply` into pieces of at most
    :data:`SLACK_SECTION` characters, one plain-text ``section`` block each (nothing rendered
    as markup). A message holds at most :data:`SLACK_BLOCKS` blocks and its ``text`` (the
    notification fallback: its sections' text) at most :data:`SLACK_MESSAGE_TEXT` characters;
    more sections go to the next message. The button rows go on the last message.
    """
    sections = [
        {"type": "section", "text": {"type": "plain_text", "text": piece}}
        for piece in split_reply(text, SLACK_SECTION)
    ]
    groups: List[List[Dict[str, Any]]] = [[]]
    for section in sections:
        group = groups[-1]
        if group and (
            len(group) + 1 > SLACK_BLOCKS or size(_fallback([*group, section])) > SLACK_MESSAGE_TEXT
        ):
            groups.append([])
        groups[-1].append(section)
    rows = button_rows(buttons)
    if rows and len(groups[-1]) + len(rows) > SLACK_BLOCKS:
        groups.append([groups[-1].pop()])
    groups[-1].extend(rows)
    return [{"text": _fallback(group), "blocks": group} for group in groups if group]


def _fallback(blocks: List[Dict[str, Any]]) -> str:
    """A message's top-level ``text``: its sections' text, paragraph by paragraph."""
    return "\n\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")
