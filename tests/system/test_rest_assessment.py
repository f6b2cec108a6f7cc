"""A full assessment over the REST webhook, as a client would run it."""

from __future__ import annotations

import uuid
from pathlib import Path

from tools.stack import Stack, texts


def test_full_assessment_over_rest(servers: Stack) -> None:
    sender = str(uuid.uuid4())
    first = servers.send(sender, "why do my muscles twitch?")
    text = texts(first)
    assert "not a diagnosis" in text  # the session's disclaimer
    assert "quick safety check" in text
    assert any(m.get("buttons") for m in first)

    steps = [
        ("no", "vitamin D"),
        ('/inform{"answer": "often"}', "sunlight"),  # a button press
        ("hardly ever", "coffee, tea or energy drinks"),
        ("six", "stressed"),
        ("very stressed lately", "medicines"),
        ("why do you ask?", "corticosteroids and diuretics"),
        ("no medications", "water"),
        ("plenty of water", "any of these"),
        ("jitters", "how long has the twitching been going on"),
        ("for about three weeks", "• Excessive caffeine might play a part"),
    ]
    for message, expected in steps:
        reply = texts(servers.send(sender, message))
        assert expected in reply, (message, reply)
    assert "because you said you drink about 6 cups" in reply
    assert "• Stress and anxiety might play a part" in reply
    assert "Vitamin D deficiency" in reply  # sun rarely + diet often -> score 2
    assert "not a diagnosis" in reply
    assert "National Institutes of Health" in reply


def test_red_flag_stops_and_chat_goes_on(servers: Stack) -> None:
    sender = str(uuid.uuid4())
    servers.send(sender, "my calf keeps twitching")
    reply = texts(servers.send(sender, "yes, I have trouble swallowing"))
    assert "trouble swallowing" in reply and "emergency" in reply
    reply = texts(servers.send(sender, "what foods have vitamin D?"))
    assert "salmon" in reply.lower()


def test_dosing_question_gets_no_number(servers: Stack) -> None:
    reply = texts(servers.send(str(uuid.uuid4()), "should I take 50,000 IU a day?"))
    assert "ask your doctor" in reply
    assert "50,000" not in reply and " IU" not in reply


def _closed_connections_to(port: int) -> int:
    """Sockets in TIME_WAIT towards ``port`` (left by connections this machine closed)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            remote_port = int(fields[2].rsplit(":", 1)[1], 16)
            if remote_port == port and fields[3] == "06":  # 06 = TIME_WAIT
                count += 1
    return count


def test_action_calls_reuse_their_connection(servers: Stack) -> None:
    """Rasa opened and closed a connection per action call; the server's client keeps one."""
    sender = str(uuid.uuid4())
    before = _closed_connections_to(servers.actions_port)
    for message in ("why do my muscles twitch?", "no", "often", "hardly ever", "six"):
        assert texts(servers.send(sender, message))
    # Five turns make at least five action calls; a new connection each would leave as
    # many in TIME_WAIT. Kept alive: at most the one dropped when idle.
    assert _closed_connections_to(servers.actions_port) - before <= 1
