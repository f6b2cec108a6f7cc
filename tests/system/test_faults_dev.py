"""The embedded (``make run``) profile: SQLite persistence, action-server faults, API off.

One stack for the module, on the repo's ``endpoints.yml`` (SQLite tracker store, moved to
the test's temp folder by ``Stack``) with only the project's REST channel.
"""

from __future__ import annotations

import json
import signal
import time
import uuid
from typing import Iterator

import pytest
import requests

from tools.stack import MODEL, ROOT, Stack, rest_only_credentials, texts

UNAVAILABLE = "I can't look that up right now"
# The bot's budget for a reply while the action server is down or hangs: the
# action_endpoint timeout of endpoints.yml (5 s) plus processing on a busy machine.
RESULTS = ROOT / "results" / "reliability"


def _record(key: str, seconds: float) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "action_faults.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[key] = round(seconds, 2)
    path.write_text(json.dumps(data, indent=1))


@pytest.fixture(scope="module")
def dev_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    workdir = tmp_path_factory.mktemp("dev")
    stack = Stack(workdir, credentials=rest_only_credentials(workdir))
    assert stack.endpoints["tracker_store"]["dialect"] == "sqlite"
    try:
        yield stack.start()
    finally:
        stack.stop()


def test_http_api_is_off_by_default(dev_stack: Stack) -> None:
    for path in ("/status", "/conversations/someone/tracker", "/version"):
        response = requests.get(f"{dev_stack.rasa_url}{path}", timeout=10)
        assert response.status_code == 404, (path, response.status_code)


def test_restart_mid_assessment_continues_where_it_was_sqlite(dev_stack: Stack) -> None:
    sender = f"restart-{uuid.uuid4().hex[:12]}"
    assert "quick safety check" in texts(dev_stack.send(sender, "why do my muscles twitch?"))
    assert "vitamin D" in texts(dev_stack.send(sender, "no"))
    assert "sunlight" in texts(dev_stack.send(sender, '/inform{"answer": "often"}'))
    assert (dev_stack.workdir / "trackers.db").stat().st_size > 0

    dev_stack.stop_rasa()
    dev_stack.start_rasa()

    reply = texts(dev_stack.send(sender, "hardly ever"))
    assert "coffee, tea or energy drinks" in reply, reply
    reply = texts(dev_stack.send(sender, "six"))
    assert "stressed" in reply, reply


def test_action_server_down_gets_a_reply_then_recovers(
    dev_stack: Stack,
) -> None:
    sender = f"down-{uuid.uuid4().hex[:12]}"
    dev_stack.stop_actions()
    try:
        for message in ("why do my muscles twitch?", "what does magnesium do?"):
            start = time.monotonic()
            reply = texts(dev_stack.send(sender, message))
            elapsed = time.monotonic() - start
            assert UNAVAILABLE in reply, reply
            assert reply.count(UNAVAILABLE) == 1, reply
            _record(f"down: {message}", elapsed)
    finally:
        dev_stack.start_actions()

    reply = texts(dev_stack.send(sender, "why do my muscles twitch?"))
    assert UNAVAILABLE not in reply and "quick safety check" in reply, reply
    assert "vitamin D" in texts(dev_stack.send(sender, "no"))


def test_hanging_action_server_times_out_after_the_configured_timeout(dev_stack: Stack) -> None:
    sender = f"hang-{uuid.uuid4().hex[:12]}"
    assert "quick safety check" in texts(dev_stack.send(sender, "why do my muscles twitch?"))
    assert dev_stack.actions is not None
    dev_stack.actions.send_signal(signal.SIGSTOP)  # accepts connections, never answers
    try:
        start = time.monotonic()
        # The client gives up after 60 s: a reply at all proves the bound (Rasa alone: 300 s).
        reply = texts(dev_stack.send(sender, "no", timeout=60))
        elapsed = time.monotonic() - start
    finally:
        dev_stack.actions.send_signal(signal.SIGCONT)
    assert UNAVAILABLE in reply and reply.count(UNAVAILABLE) == 1, reply
    _record("hang (SIGSTOP): no", elapsed)

    # Back: the assessment resumes (the form was paused, answers kept).
    reply = texts(dev_stack.send(sender, "why do my muscles twitch?"))
    assert UNAVAILABLE not in reply, reply
    assert "quick safety check" in reply or "vitamin D" in reply, reply
