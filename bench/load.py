"""The load: simulated users talking to a Rasa REST webhook over loopback.

Each simulated user plays scripted conversations (a list of messages) one turn
at a time over its own connection and records the latency of every turn.
Everything is bounded: a phase is a fixed number of conversations or a steady
load for a fixed time, always under a wall-clock cap.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
import uuid
from dataclasses import dataclass, field
from typing import Dict, List, Sequence

import aiohttp

Script = Sequence[str]

# Our bot: full assessments (the integration test's path) and FAQ turns.
OURS_SCRIPTS: List[Script] = [
    [
        "why do my muscles twitch?",
        "no",
        '/inform{"answer": "often"}',
        "hardly ever",
        "six",
        "very stressed lately",
        "why do you ask?",
        "no medications",
        "plenty of water",
        "jitters",
    ],
    [
        "hi",
        "what foods have vitamin D?",
        "is it serious?",
        "when should I see a doctor?",
        "what does magnesium do?",
        "thanks, bye",
    ],
    [
        "my eyelid keeps twitching",
        "no",
        "rarely",
        "every day",
        "two cups",
        "not really",
        "I take prednisone",
        "not much water",
        "none of these",
    ],
]

# The rasa init starter bot: its own paths (moods, bot challenge, goodbye).
BASELINE_SCRIPTS: List[Script] = [
    ["hello", "I am sad", "not really", "bye"],
    ["hi", "I am great", "are you a bot?", "goodbye"],
    ["hey there", "feeling unhappy", "yes", "see you"],
]


@dataclass
class Result:
    """Latencies (seconds) of one phase, and what went wrong."""

    latencies: List[float] = field(default_factory=list)
    errors: int = 0
    empty: int = 0
    elapsed: float = 0.0
    conversations: int = 0

    @property
    def turns(self) -> int:
        """Turns answered (with or without text)."""
        return len(self.latencies)

    def pct(self, q: float) -> float:
        """The q-th percentile latency in milliseconds (nearest rank)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
        return ordered[index] * 1000

    @property
    def throughput(self) -> float:
        """Turns per second over the phase's wall-clock time."""
        return self.turns / self.elapsed if self.elapsed > 0 else 0.0

    def summary(self) -> Dict[str, float]:
        """The phase's figures."""
        return {
            "turns": self.turns,
            "conversations": self.conversations,
            "errors": self.errors,
            "empty": self.empty,
            "p50_ms": self.pct(50),
            "p95_ms": self.pct(95),
            "p99_ms": self.pct(99),
            "mean_ms": statistics.fmean(self.latencies) * 1000 if self.latencies else 0.0,
            "throughput": self.throughput,
            "elapsed_s": self.elapsed,
        }


async def _conversation(url: str, script: Script, result: Result, deadline: float) -> None:
    # Each simulated user is its own client with its own kept-alive connection, as a
    # browser running the web widget is (one connection per user): a user's turns are
    # not sent over other users' connections. With several Sanic workers, a connection
    # stays with the worker that accepted it.
    sender = f"bench-{uuid.uuid4()}"
    async with aiohttp.ClientSession(
        timeout=aiohttp.ClientTimeout(total=60), connector=aiohttp.TCPConnector(limit=1)
    ) as session:
        await _turns(session, url, sender, script, result, deadline)


async def _turns(
    session: aiohttp.ClientSession,
    url: str,
    sender: str,
    script: Script,
    result: Result,
    deadline: float,
) -> None:
    for message in script:
        if time.monotonic() > deadline:
            return
        start = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": message}) as resp:
                body = await resp.json(content_type=None)
                ok = resp.status == 200
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
            result.errors += 1
            return
        if not ok:
            result.errors += 1
            return
        result.latencies.append(time.perf_counter() - start)
        if not any(m.get("text") for m in body or []):
            result.empty += 1
    result.conversations += 1


async def _run(
    base_url: str,
    scripts: Sequence[Script],
    concurrency: int,
    conversations: int | None,
    time_cap: float,
) -> Result:
    url = f"{base_url}/webhooks/rest/webhook"
    result = Result()
    # Conversation numbers, handed out in order; without a count, until the time cap.
    numbers = itertools.count() if conversations is None else iter(range(conversations))
    deadline = time.monotonic() + time_cap

    async def user() -> None:
        for i in numbers:
            if time.monotonic() >= deadline:
                return
            await _conversation(url, scripts[i % len(scripts)], result, deadline)

    start = time.perf_counter()
    await asyncio.gather(*(user() for _ in range(concurrency)))
    result.elapsed = time.perf_counter() - start
    return result


def run_load(
    base_url: str,
    scripts: Sequence[Script],
    concurrency: int,
    conversations: int | None,
    time_cap: float = 120.0,
) -> Result:
    """Play scripted conversations with ``concurrency`` users.

    Args:
        base_url: the Rasa server, e.g. ``http://127.0.0.1:5005``.
        scripts: conversations, taken in turn.
        concurrency: simultaneous users (1 = sequential).
        conversations: how many conversations in total; ``None``: a steady load, each
            user starting a new conversation as soon as one ends, until ``time_cap``.
        time_cap: stop starting turns after this many seconds (turns under way finish
            and count; the phase's time runs until they do).

    Returns:
        The latencies and counts of the phase.
    """
    return asyncio.run(_run(base_url, scripts, concurrency, conversations, time_cap))
