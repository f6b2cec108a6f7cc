"""Bad input over REST and socket.io against the shared running stack.

Every kind gets a sensible reply or a 4xx, never a 500; the server stays up and the
conversation the junk was sent into carries on. Results are written to
``results/reliability/bad_input.json`` (docs/reliability.md quotes them).
"""

from __future__ import annotations

import json
import uuid
from typing import Any, Dict, List, Tuple

import pytest
import requests

from tests.system.helpers import SocketClient
from tools.stack import ROOT, Stack, texts

RESULTS = ROOT / "results" / "reliability"
LONG = "twitch " * 1500  # 10,500 characters

# (kind, raw body) -> expected status; none of these reaches Rasa.
REFUSED: List[Tuple[str, bytes, int]] = [
    ("empty message", b'{"sender": "S", "message": ""}', 400),
    ("whitespace only", b'{"sender": "S", "message": "  \\n\\t  "}', 400),
    ("control characters only", b'{"sender": "S", "message": "\\u0000\\u0007\\u001b"}', 400),
    ("10,500 characters", json.dumps({"sender": "S", "message": LONG}).encode(), 413),
    ("body over 64 KB", json.dumps({"sender": "S", "message": "a" * 70000}).encode(), 413),
    ("malformed JSON", b'{"sender": "S", "message": "hi"', 400),
    ("JSON array body", b'["S", "hi"]', 400),
    ("missing sender", b'{"message": "hi"}', 400),
    ("huge sender id", json.dumps({"sender": "s" * 5000, "message": "hi"}).encode(), 400),
    ("sender with spaces/HTML", b'{"sender": "<b>x</b> y", "message": "hi"}', 400),
    ("missing message", b'{"sender": "S"}', 400),
    ("message not a string", b'{"sender": "S", "message": {"a": 1}}', 400),
    ("metadata not an object", b'{"sender": "S", "message": "hi", "metadata": 3}', 400),
    ("binary junk", b"\xff\xfe\x00\x01\x9c\x80junk\x00", 400),
]

# Text that reaches the bot: each must get at least one reply message.
ANSWERED: List[Tuple[str, str]] = [
    ("emoji only", "😀😬🎉"),
    ("control characters inside text", "hi\u0000\u0007\u001b[31m there"),
    ("HTML/script", "<script>alert('x')</script><img src=x onerror=alert(1)>"),
    ("SQL-looking", "'; DROP TABLE events; --"),
    ("another language", "¿Por qué me tiemblan los músculos del párpado?"),
    ("unknown intent payload", "/hack_the_bot"),
    ("unknown intent with entities", '/drop_tables{"table": "events"}'),
    ("malformed JSON entities", '/inform{"answer": '),
    ("unknown entity in payload", '/inform{"evil": "x"}'),
    ("nested JSON entities", '/inform{"answer": {"$ne": 1}}'),
    ("zero-width and RTL marks", "\u200b\u202ewhy\u200d twitch\u2066"),
    ("just punctuation", "?!?!...;;;"),
    ("a very long word", "a" * 1999),
]


def _post(stack: Stack, body: bytes) -> requests.Response:
    return requests.post(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=60,
    )


def _record(name: str, rows: List[Dict[str, Any]]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / name).write_text(json.dumps(rows, indent=1, ensure_ascii=False))


def test_rest_bad_input_is_refused_or_answered_and_the_conversation_survives(
    servers: Stack,
) -> None:
    sender = f"bad-{uuid.uuid4().hex[:12]}"
    first = texts(servers.send(sender, "why do my muscles twitch?"))
    assert "quick safety check" in first

    rows: List[Dict[str, Any]] = []
    for kind, body, expected in REFUSED:
        response = _post(servers, body.replace(b'"S"', json.dumps(sender).encode()))
        rows.append({"channel": "rest", "kind": kind, "status": response.status_code})
        assert response.status_code == expected, (kind, response.status_code, response.text)
        assert "error" in response.json()

    # Refused requests never reached Rasa: the assessment goes on where it was.
    assert "vitamin D" in texts(servers.send(sender, "no"))

    other = f"junk-{uuid.uuid4().hex[:12]}"
    for kind, text in ANSWERED:
        response = requests.post(
            f"{servers.rasa_url}/webhooks/rest/webhook",
            json={"sender": other, "message": text},
            timeout=60,
        )
        rows.append(
            {"channel": "rest", "kind": kind, "status": response.status_code,
             "replies": len(response.json()) if response.ok else 0}
        )  # fmt: skip
        assert response.status_code == 200, (kind, response.text)
        replies = response.json()
        assert replies and all(m.get("text") or m.get("buttons") for m in replies), kind
        assert "<script>" not in texts(replies)  # user text is never echoed as markup
    # The junk conversation still works normally.
    assert "salmon" in texts(servers.send(other, "what foods have vitamin D?")).lower()
    assert requests.get(f"{servers.rasa_url}/", timeout=10).status_code == 200
    _record("bad_input_rest.json", rows)


# Socket.io events that do not carry a message of this socket's session: all dropped.
SOCKET_JUNK: List[Tuple[str, Any]] = [
    ("data is a string", "hello"),
    ("data is a list", ["hello"]),
    ("data is a number", 42),
    ("data is null", None),
    ("missing session_id", {"message": "hello"}),
    ("huge session_id", {"message": "hello", "session_id": "x" * 10000}),
    ("someone else's session_id", {"message": "hello", "session_id": uuid.uuid4().hex}),
    ("message is a number", "NUMBER"),
    ("message missing", "MISSING"),
    ("binary payload", b"\xff\xfe\x00junk"),
]
SENTINEL = "what foods have vitamin D?"


@pytest.fixture(scope="module")
def socket_client(servers: Stack) -> Any:
    client = SocketClient(servers.rasa_url)
    yield client
    client.close()


def _before_sentinel(client: SocketClient, send: Any) -> List[Any]:
    """Send something, then the sentinel question; return what arrived before its answer.

    The sentinel's answer (it names salmon) is the positive end of the wait, so a dropped
    event is proven by no message ahead of it, not by a sleep; a message that is answered
    is answered first (one conversation, its turns in order).
    """
    since = len(client.received)
    send()
    client.say(SENTINEL)
    for _ in range(3):  # the answer to the sentinel may follow other replies
        replies = client.wait_replies(since, timeout=60)
        for index, message in enumerate(replies):
            if "salmon" in json.dumps(message).lower():
                return replies[:index]
    raise AssertionError(f"no answer to the sentinel; got {replies}")


def test_socketio_bad_input_gets_replies_or_is_dropped_and_the_socket_survives(
    servers: Stack, socket_client: SocketClient
) -> None:
    rows: List[Dict[str, Any]] = []
    for kind, text in [("whitespace only", "   "), *ANSWERED, ("10,500 characters", LONG)]:
        replies = _before_sentinel(socket_client, lambda text=text: socket_client.say(text))
        rows.append({"channel": "socketio", "kind": kind, "replies": len(replies)})
        assert replies and all(m.get("text") or m.get("quick_replies") for m in replies), kind
        assert "<script>" not in json.dumps(replies), kind

    for kind, data in SOCKET_JUNK:
        if data == "NUMBER":
            data = {"message": 12345, "session_id": socket_client.session_id}
        elif data == "MISSING":
            data = {"session_id": socket_client.session_id}
        replies = _before_sentinel(socket_client, lambda data=data: socket_client.send_raw(data))
        rows.append({"channel": "socketio", "kind": kind, "replies": len(replies)})
        assert replies == [], (kind, replies)

    assert socket_client.client.connected
    assert requests.get(f"{servers.rasa_url}/", timeout=10).status_code == 200
    _record("bad_input_socketio.json", rows)


def test_message_text_is_not_logged_at_info(servers: Stack) -> None:
    marker = f"zebra{uuid.uuid4().hex[:10]}"
    sender = f"log-{uuid.uuid4().hex[:8]}"
    servers.send(sender, f"why do my muscles twitch {marker}?")
    servers.send(sender, f"I drink {marker} coffee")
    for log in servers.workdir.glob("*.log"):
        assert marker not in log.read_text(errors="replace"), f"message text logged in {log.name}"
