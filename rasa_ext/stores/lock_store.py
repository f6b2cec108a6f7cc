"""A Redis lock store whose ticket updates are atomic across servers and workers.

Rasa 3.6's ``RedisLockStore`` keeps each conversation's ``TicketLock`` as one JSON value and
changes it with a plain GET, modify, SET (``issue_ticket``, ``update_lock``, ``cleanup`` in
``rasa/core/lock_store.py``). Two servers (or two Sanic workers) taking a message of the same
conversation at the same moment can both read the same lock and both write it back: the two
messages get the same ticket and run concurrently, and ``SQLTrackerStore.save`` (which stores
"the events after the number already stored") then drops one turn's events. Our test of 20
concurrent messages over two servers lost 2 of 20 user messages that way.

This subclass does each of those read-modify-write steps as one Lua script that Redis runs
atomically (one round trip each, no client-side mutex); the ticket rules are Rasa's
``TicketLock`` rules (expired tickets dropped first, next number = last ticket's + 1, the
lock deleted when its last ticket is done) and the stored JSON is the same, so Rasa's
``get_lock`` reads it. A turn costs 3 Redis round trips (issue, check, clean up) instead of 11
with a mutex around Rasa's steps. Configure it as ``lock_store: type:
rasa_ext.stores.lock_store.AtomicRedisLockStore`` with the usual ``RedisLockStore`` keys.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

# Shared by the scripts: read the lock at KEYS[1] and keep its unexpired tickets (ARGV[1] is
# the time, from the client as in Rasa). Tickets are stored as JSON strings inside the lock's
# JSON, as ``TicketLock.dumps`` writes them.
_READ = """
local now = tonumber(ARGV[1])
local raw = redis.call('GET', KEYS[1])
local conversation_id = ARGV[2]
local kept = {}
local numbers = {}
local last = -1
if raw then
  local lock = cjson.decode(raw)
  if type(lock.conversation_id) == 'string' then conversation_id = lock.conversation_id end
  for _, text in ipairs(lock.tickets or {}) do
    local ticket = cjson.decode(text)
    if not (now > ticket.expires) then
      table.insert(kept, text)
      table.insert(numbers, ticket.number)
      last = ticket.number
    end
  end
end
local function save()
  local quoted = {}
  for i, text in ipairs(kept) do quoted[i] = cjson.encode(text) end
  redis.call('SET', KEYS[1], '{"conversation_id": ' .. cjson.encode(conversation_id) ..
    ', "tickets": [' .. table.concat(quoted, ', ') .. ']}')
end
"""
# ARGV: now, conversation id, lifetime -> the new ticket's number.
_ISSUE = (
    _READ
    + """
local number = last + 1
table.insert(kept, cjson.encode({number = number, expires = now + tonumber(ARGV[3])}))
save()
return number
"""
)
# ARGV: now, conversation id, ticket number -> 1 if the lock was deleted.
_CLEANUP = (
    _READ
    + """
local done = tonumber(ARGV[3])
for i, number in ipairs(numbers) do
  if number == done then
    table.remove(kept, i)
    break
  end
end
if #kept == 0 then
  redis.call('DEL', KEYS[1])
  return 1
end
save()
return 0
"""
)
# ARGV: now, conversation id -> drop expired tickets of an existing lock.
_UPDATE = (
    _READ
    + """
if raw then save() end
return 0
"""
)


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
        self._issue = self.red.register_script(_ISSUE)
        self._cleanup = self.red.register_script(_CLEANUP)
        self._update = self.red.register_script(_UPDATE)

    def _run(self, script: Any, conversation_id: str, *args: Any) -> int:
        try:
            return int(
                script(
                    keys=[self.key_prefix + conversation_id],
                    args=[repr(time.time()), conversation_id, *args],
                )
            )
        except Exception as error:
            raise LockError(f"Error while updating the lock: {type(error).__name__}") from error

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Issue a ticket (see ``LockStore.issue_ticket``), atomically."""
        return self._run(self._issue, conversation_id, repr(float(lock_lifetime)))

    def update_lock(self, conversation_id: str) -> None:
        """Remove expired tickets (see ``LockStore.update_lock``), atomically."""
        self._run(self._update, conversation_id)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Finish a ticket and delete an idle lock (see ``LockStore.cleanup``), atomically."""
        deleted = self._run(self._cleanup, conversation_id, str(int(ticket_number)))
        if deleted:
            logger.debug("Deleted lock for conversation '%s'.", conversation_id)
