"""Each channel's real output class, fed the longest replies the knowledge can produce and a
10,000-character text: no message over the channel's limit, no word lost or reordered, the
buttons on the last message only. The APIs are replaced by recorders (no server, no network):
Slack's Web API client, Telegram's ``sendMessage`` call, the socket.io server's ``emit``.
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Dict, List, Tuple

import pytest

from bot.answers import Answers, Button
from bot.assessment import Assessor
from bot.knowledge import Knowledge
from rasa_ext.channels.limits import (
    SLACK_BLOCKS,
    SLACK_MESSAGE_TEXT,
    SLACK_SECTION,
    TELEGRAM_TEXT,
    WIDGET_BUBBLE,
    size,
)
from rasa_ext.channels.slack import SlackOutput
from rasa_ext.channels.socketio import WidgetSocketIOOutput
from rasa_ext.channels.telegram import TelegramOutput
from tests.rasa_ext.channels.longest_replies import (
    Reply,
    knowledge_replies,
    longest_knowledge_reply,
    synthetic_text,
)

# What a channel showed for one reply: each message's text and its button titles.
Shown = List[Tuple[str, List[str]]]


class FakeSlackClient:
    def __init__(self) -> None:
        self.calls: List[Dict[str, Any]] = []

    async def chat_postMessage(self, **kwargs: Any) -> None:  # noqa: N802 (Slack's name)
        self.calls.append(kwargs)


class FakeSio:
    def __init__(self) -> None:
        self.emitted: List[Tuple[str, Dict[str, Any], str]] = []

    async def emit(self, event: str, data: Dict[str, Any], room: str) -> None:
        self.emitted.append((event, data, room))


def through_slack(text: str, buttons: List[Button]) -> Shown:
    output = SlackOutput("xoxb-test", api_url="http://127.0.0.1:9/")
    client = FakeSlackClient()
    output.client = client  # type: ignore[assignment]
    asyncio.run(output.send_text_with_buttons("D1", text, buttons))
    shown: Shown = []
    for call in client.calls:
        assert call["channel"] == "D1"
        blocks = call["blocks"]
        assert len(blocks) <= SLACK_BLOCKS
        assert size(call["text"]) <= SLACK_MESSAGE_TEXT
        for block in blocks:
            if block["type"] == "section":
                assert block["text"]["type"] == "plain_text"
                assert size(block["text"]["text"]) <= SLACK_SECTION
                shown.append((block["text"]["text"], []))
            else:
                shown[-1][1].extend(e["text"]["text"] for e in block["elements"])
    return shown


def through_telegram(text: str, buttons: List[Button]) -> Shown:
    output = TelegramOutput("123:test")
    sent: List[Dict[str, Any]] = []

    async def record(payloads: List[Dict[str, Any]]) -> None:
        sent.extend(payloads)

    output._send = record  # type: ignore[method-assign]
    asyncio.run(output.send_text_with_buttons("42", text, buttons))
    shown: Shown = []
    for payload in sent:
        assert payload["chat_id"] == "42" and "parse_mode" not in payload
        assert 0 < size(payload["text"]) <= TELEGRAM_TEXT
        keyboard = (payload.get("reply_markup") or {}).get("inline_keyboard") or []
        shown.append((payload["text"], [b["text"] for row in keyboard for b in row]))
    return shown


def through_socketio(text: str, buttons: List[Button]) -> Shown:
    sio = FakeSio()
    output = WidgetSocketIOOutput(sio, "bot_uttered")  # type: ignore[arg-type]
    asyncio.run(output.send_text_with_buttons("room-1", text, buttons))
    shown: Shown = []
    for event, data, room in sio.emitted:
        assert (event, room) == ("bot_uttered", "room-1")
        assert size(data["text"]) <= WIDGET_BUBBLE
        shown.append((data["text"], [q["title"] for q in data.get("quick_replies") or []]))
    return shown


CHANNELS: Dict[str, Tuple[Callable[[str, List[Button]], Shown], int]] = {
    "slack": (through_slack, SLACK_SECTION),
    "telegram": (through_telegram, TELEGRAM_TEXT),
    "socketio": (through_socketio, WIDGET_BUBBLE),
}


def check(channel: str, text: str, buttons: List[Button]) -> Shown:
    send, limit = CHANNELS[channel]
    shown = send(text, buttons)
    assert shown, "something was sent"
    pieces = [piece for piece, _ in shown]
    assert all(piece and size(piece) <= limit for piece in pieces)
    if all(len(word) <= limit for word in text.split()):
        assert " ".join(pieces).split() == text.split(), "a word was lost or moved"
    else:
        assert "".join("".join(pieces).split()) == "".join(text.split())
    assert all(not titles for _, titles in shown[:-1]), "buttons only on the last message"
    assert shown[-1][1] == [b["title"] for b in buttons]
    return shown


@pytest.fixture(scope="module")
def longest(knowledge: Knowledge, assessor: Assessor) -> Reply:
    return longest_knowledge_reply(knowledge, assessor)


@pytest.fixture(scope="module")
def buttons(answers: Answers) -> List[Button]:
    return answers.question("caffeine")[1]


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_the_longest_reply_of_the_knowledge(
    channel: str, longest: Reply, buttons: List[Button]
) -> None:
    text, _ = longest
    assert size(text) > WIDGET_BUBBLE  # long enough to be split somewhere
    shown = check(channel, text, buttons)
    assert len(shown) > 1 if size(text) > CHANNELS[channel][1] else len(shown) == 1
    without_buttons = check(channel, text, [])
    assert [piece for piece, _ in without_buttons] == [piece for piece, _ in shown]


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_a_10000_character_text(channel: str, buttons: List[Button]) -> None:
    text = synthetic_text()
    shown = check(channel, text, buttons)
    assert len(shown) >= size(text) // CHANNELS[channel][1]


@pytest.mark.parametrize("channel", sorted(CHANNELS))
def test_every_reply_of_the_knowledge(
    channel: str, knowledge: Knowledge, assessor: Assessor
) -> None:
    for name, (text, reply_buttons) in knowledge_replies(knowledge, assessor).items():
        shown = check(channel, text, reply_buttons)
        if size(text) <= CHANNELS[channel][1]:
            assert [piece for piece, _ in shown] == [text.strip()], name  # short: untouched
