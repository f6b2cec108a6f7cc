"""A Redis lock store whose ticket updates are atomic across servers and workers.

Rasa 3.6's ``RedisLockStore`` keeps each conversation's ``TicketLock`` as one JSON value and
changes it with a plain GET, modify, SET (``issue_ticket``, ``update_lock``, ``cleanup`` in
``rasa/core/lock_store.py``). Two servers (or two Sanic workers) taking a message of the same
conversation at the same moment can both read the same lock and both write it back: the two
messages get the same ticket and run concurrently, and ``SQLTrackerStore.save`` (which stores
"the events after the number already stored") then drops one turn's events. Our test of 20
concurrent messages over two servers lost 2 of 20 user messages that way.

This subclass runs each of those read-modify-write steps under a short Redis mutex
(``SET NX PX`` via redis-py's ``Lock``), per conversation; everything else is Rasa's.
Configure it as ``lock_store: type: bot.channels.redis_lock.AtomicRedisLockStore`` with the
usual ``RedisLockStore`` keys. It lives in ``bot/channels/`` because that is the one package
of ``bot/`` allowed to import Rasa.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Any, Iterator

from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

MUTEX_TIMEOUT_S = 5.0  # a crashed holder frees the mutex after this
MUTEX_WAIT_S = 10.0  # give up (LockError, the message fails) after this


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` with atomic ticket updates."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        """Build from the endpoints entry (Rasa passes ``endpoint_config``) or keywords.

        Args:
            endpoint_config: the ``lock_store`` entry of the endpoints file.
            **kwargs: ``RedisLockStore`` arguments when built directly.
        """
        if endpoint_config is not None:
            kwargs = {**endpoint_config.kwargs, **kwargs}
            kwargs.setdefault("host", endpoint_config.url or "localhost")
        super().__init__(**kwargs)

    @contextmanager
    def _mutex(self, conversation_id: str) -> Iterator[None]:
        mutex = self.red.lock(
            f"{self.key_prefix}{conversation_id}:mutex",
            timeout=MUTEX_TIMEOUT_S,
            sleep=0.005,
            blocking_timeout=MUTEX_WAIT_S,
        )
        if not mutex.acquire():
            raise LockError(f"Could not update the lock of conversation '{conversation_id}'.")
        try:
            yield
        finally:
            try:
                mutex.release()
            except Exception as error:  # expired while held: already free
                logger.warning("Lock-store mutex released late: %s", type(error).__name__)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Issue a ticket (see ``LockStore.issue_ticket``), atomically."""
        with self._mutex(conversation_id):
            return super().issue_ticket(conversation_id, lock_lifetime)

    def update_lock(self, conversation_id: str) -> None:
        """Remove expired tickets (see ``LockStore.update_lock``), atomically."""
        with self._mutex(conversation_id):
            super().update_lock(conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Finish a ticket and delete an idle lock (see ``LockStore.cleanup``), atomically."""
        with self._mutex(conversation_id):
            super().cleanup(conversation_id, ticket_number)
