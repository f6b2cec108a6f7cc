"""Delete my data, end to end: the running stack (action server + Rasa through
``python -m rasa_ext``), a client on REST and one on the widget's socket.io channel, and the
stack's SQLite tracker database read directly. Then the usage figures page, as the operator
calls it.
"""

from __future__ import annotations

import sqlite3
import uuid
from typing import Any, Dict, List

import requests

from tests.conftest import ADMIN_TOKEN
from tests.system.helpers import SocketClient
from tools.stack import Stack

DONE = "this conversation has been deleted"


def stored(stack: Stack, sender: str) -> List[str]:
    """The event types stored for ``sender`` in the stack's tracker database."""
    with sqlite3.connect(stack.workdir / "trackers.db") as db:
        rows = db.execute(
            "SELECT type_name FROM events WHERE sender_id = ? ORDER BY id", (sender,)
        ).fetchall()
    return [row[0] for row in rows]


def payloads(messages: List[Dict[str, Any]]) -> List[str]:
    return [b["payload"] for m in messages for b in m.get("buttons") or []]


def test_delete_my_data_over_rest_asks_then_deletes_that_conversation_only(
    servers: Stack,
) -> None:
    me, other = f"forget-{uuid.uuid4().hex}", f"keep-{uuid.uuid4().hex}"
    servers.send(other, "why do my muscles twitch?")
    others = stored(servers, other)
    servers.send(me, "why do my muscles twitch?")
    servers.send(me, "no")

    asked = servers.send(me, "please delete my data")
    assert payloads(asked) == ["/affirm", "/deny"]  # the confirmation button
    assert "cannot be recovered" in asked[-1]["text"]
    assert "user" in stored(servers, me)  # nothing deleted before the confirmation

    done = servers.send(me, "/affirm")
    assert any(DONE in (m.get("text") or "") for m in done)
    assert stored(servers, me) == []  # zero rows of it remain
    assert stored(servers, other) == others  # the other conversation untouched

    # Writing again is a new conversation: a new session, none of the old words.
    again = servers.send(me, "hi")
    assert again
    assert "session_started" in stored(servers, me)[:4]
    with sqlite3.connect(servers.workdir / "trackers.db") as db:
        texts = [r[0] for r in db.execute("SELECT data FROM events WHERE sender_id = ?", (me,))]
    assert not any("muscles twitch" in t or "delete my data" in t for t in texts)


def test_cancelling_keeps_everything(servers: Stack) -> None:
    me = f"cancel-{uuid.uuid4().hex}"
    servers.send(me, "hi")
    servers.send(me, "forget me")
    before = stored(servers, me)
    reply = servers.send(me, "/deny")
    assert "nothing was deleted" in reply[0]["text"]
    assert stored(servers, me)[: len(before)] == before


def test_the_widget_gets_the_fresh_start_signal(servers: Stack) -> None:
    """Over socket.io the reply also carries {"twitch": "forgotten"} for portal.js."""
    client = SocketClient(servers.rasa_url)
    try:
        client.say("/greet")
        client.wait_replies(0)
        seen = len(client.received)
        client.say("erase this conversation")
        asked = client.wait_replies(seen)
        assert "/affirm" in str(asked)
        seen = len(client.received)
        client.say("/affirm")
        done = client.wait_replies(seen)
    finally:
        client.close()
    assert any(DONE in str(m.get("text", "")) for m in done)
    assert {"twitch": "forgotten"} in done
    assert stored(servers, client.session_id) == []


def test_the_stats_page_needs_the_admin_token_and_shows_counts_only(servers: Stack) -> None:
    me = f"stats-{uuid.uuid4().hex}"
    servers.send(me, "why do my muscles twitch?")
    url = f"{servers.rasa_url}/portal/stats.json"
    assert requests.get(url, timeout=10).status_code == 401
    wrong = {"Authorization": "Bearer not-the-token"}
    assert requests.get(url, headers=wrong, timeout=10).status_code == 401
    assert requests.get(f"{url}?token={ADMIN_TOKEN}", timeout=10).status_code == 401
    auth = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    answer = requests.get(url, headers=auth, timeout=10)
    assert answer.status_code == 200
    totals = answer.json()
    assert totals["sessions"]["-"] >= 1
    assert totals["assessments_started"]["-"] >= 1
    assert totals["question_reached"]["red_flag"] >= 1
    assert me not in answer.text and "muscles" not in answer.text
    page = requests.get(f"{servers.rasa_url}/portal/stats", headers=auth, timeout=10)
    assert page.status_code == 200 and "assessments_started" in page.text
    assert page.headers["Cache-Control"] == "no-store"
