"""What the chat webhooks (Slack, Telegram) share: the text clean-up, duplicate
detection, and answering in the background after the webhook has returned."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Any, Awaitable, Set

from rasa_ext.channels.input_guard import clean_text, defuse_payload, max_message_chars


def user_text(text: str) -> str:
    """A chat message as the REST channel would pass it on (:mod:`.input_guard`): control
    characters removed, cut at the message cap (``TWITCH_MAX_MESSAGE_CHARS``), and a ``/...``
    text handed to Rasa's payload parser only when it is a well-formed payload of the domain.
    Shared by Slack, Telegram and socket.io (a chat client cannot be sent a 413, so long text
    is cut)."""
    return defuse_payload(clean_text(text)[: max_message_chars()]) or "?"


class SeenIds:
    """A bounded set of recently seen ids (Slack ``event_id``, Telegram ``update_id``)."""

    def __init__(self, size: int = 2048) -> None:
        """Remember at most ``size`` ids (the oldest are forgotten first)."""
        self.size = size
        self._ids: OrderedDict[str, None] = OrderedDict()

    def add(self, key: str | None) -> bool:
        """Record ``key``; return False when it was already seen (a duplicate)."""
        if not key:
            return True
        if key in self._ids:
            return False
        self._ids[key] = None
        while len(self._ids) > self.size:
            self._ids.popitem(last=False)
        return True


class BackgroundTasks:
    """Runs coroutines after the webhook has answered, keeping each alive until done."""

    def __init__(self) -> None:
        """Start with no tasks."""
        self._tasks: Set[asyncio.Future[Any]] = set()

    def spawn(self, work: Awaitable[Any]) -> None:
        """Schedule ``work`` on the running loop and hold a reference until it finishes."""
        task: asyncio.Future[Any] = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
