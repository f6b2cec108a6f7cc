"""The atomic Redis lock store hands out unique tickets under contention (real Redis).

For comparison (docs/reliability.md): ``_contend(RedisLockStore)``, Rasa's own class, gave 46
duplicate tickets in 5 x 16 concurrent issues on the project's machine.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from typing import Any, List

from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore

from rasa_ext.stores.lock_store import AtomicRedisLockStore
from tests.system.helpers import REDIS, require_services


def _contend(make_store: type, threads: int = 16) -> List[int]:
    conversation = f"lock-{uuid.uuid4().hex}"
    stores = [
        make_store(host=REDIS[0], port=REDIS[1], db=1, key_prefix="twitchtest")
        for _ in range(threads)
    ]
    tickets: List[int] = []
    start = threading.Barrier(threads)

    def take(i: int) -> None:
        start.wait(timeout=30)
        tickets.append(stores[i].issue_ticket(conversation))

    workers = [threading.Thread(target=take, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    stores[0].delete_lock(conversation)
    return tickets


def test_atomic_lock_store_issues_unique_tickets() -> None:
    require_services()
    for _ in range(5):
        tickets = _contend(AtomicRedisLockStore)
        assert sorted(tickets) == list(range(len(tickets))), tickets


def test_the_lock_round_trip_still_works() -> None:
    require_services()
    store = AtomicRedisLockStore(host=REDIS[0], port=REDIS[1], db=1, key_prefix="twitchtest")
    conversation = f"lock-{uuid.uuid4().hex}"
    first, second = store.issue_ticket(conversation), store.issue_ticket(conversation)
    lock = store.get_lock(conversation)
    assert lock is not None and not lock.is_locked(first) and lock.is_locked(second)
    store.cleanup(conversation, first)
    lock = store.get_lock(conversation)
    assert lock is not None and not lock.is_locked(second)
    store.cleanup(conversation, second)
    assert store.get_lock(conversation) is None


def _store() -> AtomicRedisLockStore:
    return AtomicRedisLockStore(host=REDIS[0], port=REDIS[1], db=1, key_prefix="twitchtest")


def _state(store: LockStore, conversation: str) -> List[int]:
    lock = store.get_lock(conversation)
    return [] if lock is None else [t.number for t in lock.tickets]


def test_same_tickets_as_rasas_in_memory_lock_store() -> None:
    """One script of issues, expiries and clean-ups, played on ours and on Rasa's store."""
    require_services()
    ours, rasas = _store(), InMemoryLockStore()
    conversation = f"lock-{uuid.uuid4().hex}"
    seen = {}
    for name, store in (("ours", ours), ("rasa", rasas)):
        steps: List[Any] = []
        a = store.issue_ticket(conversation)
        b = store.issue_ticket(conversation, lock_lifetime=-1)  # already expired
        c = store.issue_ticket(conversation)
        steps += [a, b, c, _state(store, conversation)]
        store.update_lock(conversation)
        steps.append(_state(store, conversation))
        store.cleanup(conversation, a)
        steps.append(_state(store, conversation))
        store.cleanup(conversation, 99)  # unknown ticket: nothing changes
        steps.append(_state(store, conversation))
        store.cleanup(conversation, c)
        steps += [_state(store, conversation), store.get_lock(conversation) is None]
        steps.append(store.issue_ticket(conversation))  # a fresh lock starts at 0
        store.cleanup(conversation, steps[-1])
        seen[name] = steps
    assert seen["ours"] == seen["rasa"]
    assert seen["ours"][:3] == [0, 1, 1], "an expired last ticket is dropped before the next"


def test_locks_are_readable_by_rasas_redis_lock_store_and_back() -> None:
    require_services()
    ours = _store()
    rasas = RedisLockStore(host=REDIS[0], port=REDIS[1], db=1, key_prefix="twitchtest")
    conversation = f"lock-{uuid.uuid4().hex}"
    first = ours.issue_ticket(conversation)
    second = rasas.issue_ticket(conversation)  # Rasa reads and extends our JSON
    third = ours.issue_ticket(conversation)  # and we read Rasa's
    assert (first, second, third) == (0, 1, 2)
    lock = rasas.get_lock(conversation)
    assert lock is not None and lock.conversation_id == conversation
    assert not lock.is_locked(first) and lock.is_locked(third)
    for ticket in (first, second, third):
        ours.cleanup(conversation, ticket)
    assert rasas.get_lock(conversation) is None


def test_the_async_lock_serialises_two_turns_of_one_conversation() -> None:
    require_services()
    store = _store()
    conversation = f"lock-{uuid.uuid4().hex}"
    order: List[str] = []

    async def turn(name: str) -> None:
        async with store.lock(conversation, wait_time_in_seconds=0.01):
            order.append(f"{name} in")
            await asyncio.sleep(0.05)
            order.append(f"{name} out")

    async def both() -> None:
        await asyncio.gather(turn("a"), turn("b"))

    asyncio.run(both())
    assert order in (["a in", "a out", "b in", "b out"], ["b in", "b out", "a in", "a out"])
    assert store.get_lock(conversation) is None
