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
        ("for about three weeks", "• Excessive caffeine: you said you drink about 6 cups"),
    ]
    for message, expected in steps:
        messages = servers.send(sender, message)
        reply = texts(messages)
        assert expected in reply, (message, reply)
    assert "• Stress and anxiety: you said you feel very stressed" in reply
    assert "Vitamin D deficiency" in reply  # sun rarely + diet often -> score 2
    assert "not a diagnosis" in reply and "for about three weeks" in reply
    assert max(len(m.get("text", "")) for m in messages) < 1200
    buttons = [b["title"] for b in messages[-1]["buttons"]]
    assert "What can help" in buttons and "Summary for my doctor" in buttons
    # The details, one tap (or one sentence) away:
    reply = texts(servers.send(sender, '/ask_info{"topic": "strategies"}'))
    assert "Limit stimulants" in reply and "National Institutes of Health" in reply
    reply = texts(servers.send(sender, "why these?"))
    assert "How it can lead to twitches: Acts as a stimulant" in reply
    reply = texts(servers.send(sender, "where does it say that?"))
    assert '"Excessive Caffeine | Acts as a stimulant on the central nervous system' in reply


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


# Issue 12's examples, sent as a person would, over REST to the running assistant.
OPENINGS = [
    ("my heart is racing and skipping beats and my muscles are twitching", "Please contact a doctor today"),
    ("the muscle between my thumb and finger is getting smaller", "Please contact a doctor today"),
    ("I fainted this morning", "Please call"),
    ("I had a fit last night", "Please call"),
    ("I collapsed at work", "Please call"),
    ("one side of my face is drooping", "Please call"),
    ("sudden numbness down my left side", "Please call"),
    ("I have chest pain and trouble breathing", "Please call"),
    ("cant breath and my arm is twitching", "Please call"),
]  # fmt: skip
IN_THE_QUESTIONS = [
    ("about 3, but I think I had a fit yesterday", "Please call"),
    ("fatigue and fainting", "Please call"),
    ("not much, and my face feels numb on one side", "Please call"),
    ("furosemide, and my heart keeps skipping beats and I feel faint", "Please call"),
    ("No, chest pain", "Please call"),
]


def test_warning_signs_at_the_opening_get_their_tier_first(servers: Stack) -> None:
    for message, start in OPENINGS:
        replies = [m.get("text") or "" for m in servers.send(str(uuid.uuid4()), message)]
        # the session's disclaimer, then the tier's message, action first
        assert replies[0].startswith("I give general information"), replies
        assert replies[1].startswith(start), (message, replies)


def test_warning_signs_inside_the_questions_stop_them(servers: Stack) -> None:
    for message, start in IN_THE_QUESTIONS:
        sender = str(uuid.uuid4())
        servers.send(sender, "check my twitching")
        reply = texts(servers.send(sender, message))
        assert reply.startswith(start), (message, reply)
        after = texts(servers.send(sender, "what foods have vitamin D?"))
        assert "salmon" in after.lower()  # the chat goes on


def test_a_description_fills_the_questions_and_not_sure_is_asked_again(servers: Stack) -> None:
    sender = str(uuid.uuid4())
    opening = (
        "my eyelid twitches all day, I drink 5 coffees a day and I'm super stressed about exams"
    )
    reply = texts(servers.send(sender, opening))
    assert "You mentioned" in reply and "5 coffees" in reply and "quick safety check" in reply
    assert texts(servers.send(sender, "not sure")).startswith("I need a yes or no")
    reply = texts(servers.send(sender, "not sure"))
    assert reply.startswith("If you're not sure") and "vitamin D" in reply  # then the diet question
    for message in ("rarely", "hardly ever"):
        reply = texts(servers.send(sender, message))
    assert "medicines" in reply  # caffeine and stress were not asked again
