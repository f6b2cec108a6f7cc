"""The summary for the appointment over HTTP, as a person's browser opens it (issue 14)."""

from __future__ import annotations

import json
import re
import sqlite3
import uuid
from typing import List

import requests

from tools.stack import Stack, texts

LINK = re.compile(r"\(((?:https?://[^)\s]+)?/portal/summary/([0-9a-f]{40}))\)")


def _assess(servers: Stack, sender: str, opening: str, answers: List[str]) -> str:
    reply = texts(servers.send(sender, opening))
    for answer in answers:
        reply = texts(servers.send(sender, answer))
    return reply


def _summary_link(servers: Stack, sender: str) -> str:
    reply = texts(servers.send(sender, "can I get a summary to show my doctor?"))
    match = LINK.search(reply)
    assert match, reply
    return match.group(2)


def _get(servers: Stack, token: str) -> requests.Response:
    return requests.get(f"{servers.rasa_url}/portal/summary/{token}", timeout=10)


def test_the_summary_page_shows_the_answers_then_stops_working(servers: Stack) -> None:
    alice, bob = str(uuid.uuid4()), str(uuid.uuid4())
    result = _assess(
        servers,
        alice,
        "my left eyelid has been twitching for about a month, I drink 6 coffees a day "
        "and I'm on prednisone",
        ["no", "rarely", "hardly ever", "super stressed", "plenty", "none"],
    )
    assert "might play a part" in result
    _assess(servers, bob, "my calf twitches", ["no", "most days", "every day", "none",
                                               "relaxed", "no", "plenty", "none", "a few days"])  # fmt: skip
    token = _summary_link(servers, alice)
    page = _get(servers, token)
    assert page.status_code == 200
    assert page.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert page.headers["Cache-Control"] == "no-store"
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    body = page.text
    assert "<script" not in body and 'content="noindex' in body and "@media print" in body
    for expected in ("eyelid", "for about a month", "about 6 cups", "prednisone (a corticosteroid)",
                     "Asked about: chest pain", "My answer: none of these",
                     "Excessive caffeine: you said you drink about 6 cups",
                     "The Mechanism Behind Low Vitamin D and Muscle Twitches", "not a diagnosis"):  # fmt: skip
        assert expected in body, expected
    # Bob's answers are nowhere on Alice's page, and his own link shows his.
    assert "a few days" not in body.lower() and "Relaxed, sleeping well" not in body
    bob_page = _get(servers, _summary_link(servers, bob)).text
    assert "Relaxed, sleeping well" in bob_page and "prednisone" not in bob_page

    # Asked again: the same link; after a correction it shows the corrected answer.
    assert _summary_link(servers, alice) == token
    servers.send(alice, "actually I only drink 2 cups a day")
    body = _get(servers, token).text
    assert "about 2 cups" in body and "about 6 cups" not in body
    assert "actually I only drink 2 cups a day" in body

    # A wrong token, a malformed one, and the path without one: the same 404.
    wrong = token[:-1] + ("0" if token[-1] != "0" else "1")
    for bad in (wrong, "0" * 40, token.upper(), "../../etc/passwd", token + "0"):
        assert _get(servers, bad).status_code == 404, bad

    # Expired: the stored expiry moved into the past, as 24 hours passing would do to the
    # page's check (the server reads the expiry from the database when the page is opened).
    with sqlite3.connect(servers.workdir / "trackers.db") as db:
        rows = db.execute(
            "SELECT id, data FROM events WHERE sender_id = ? AND type_name = 'slot'", (alice,)
        ).fetchall()
        for row_id, data in rows:
            event = json.loads(data)
            if event.get("name") == "summary_expires":
                event["value"] = 1.0
                db.execute("UPDATE events SET data = ? WHERE id = ?", (json.dumps(event), row_id))
    assert _get(servers, token).status_code == 404
    # (asked again after expiry, a new link is made: tests/actions/test_results_and_summary.py)


def test_stop_forgets_the_answers_and_revokes_the_link(servers: Stack) -> None:
    sender = str(uuid.uuid4())
    _assess(servers, sender, "why does my arm twitch", ["no", "rarely", "rarely"])
    token = _summary_link(servers, sender)  # inside the questions: the answers so far
    assert "Rarely or never" in _get(servers, token).text
    assert "forgotten your answers" in texts(servers.send(sender, "stop"))
    assert _get(servers, token).status_code == 404


def test_before_any_answer_there_is_no_summary(servers: Stack) -> None:
    reply = texts(servers.send(str(uuid.uuid4()), "summary for my doctor"))
    assert "once we've gone through the questions" in reply and "/portal/summary/" not in reply


def test_delete_my_data_revokes_the_link(servers: Stack) -> None:
    sender = str(uuid.uuid4())
    _assess(servers, sender, "my thigh twitches", ["no", "rarely"])
    token = _summary_link(servers, sender)
    assert _get(servers, token).status_code == 200
    servers.send(sender, "please delete my data")
    servers.send(sender, "/affirm")
    assert _get(servers, token).status_code == 404
