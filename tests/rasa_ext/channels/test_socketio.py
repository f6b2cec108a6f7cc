"""The widget's socket.io channel (``rasa_ext/channels/socketio.py``): origins, conversation ids,
safe markdown, and each message cleaned and defused at the channel, as unit tests; and over the
wire against the session's shared stack, with the python-socketio client as a browser talks to it.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from typing import Any, Dict, Iterator, List

import pytest
import requests
import socketio
from rasa.core.channels.channel import UserMessage

from bot.answers import Answers
from rasa_ext.channels.limits import WIDGET_BUBBLE
from rasa_ext.channels.socketio import (
    WidgetSocketIOInput,
    WidgetSocketIOOutput,
    is_uuid4,
    origin_checker,
    parse_origins,
    safe_markdown,
)
from tools.stack import Stack

WAIT_S = 60


class Socket:
    """A socket.io client that records what the bot sends."""

    def __init__(self, stack: Stack, origin: str = "http://localhost") -> None:
        self.client = socketio.Client(reconnection=False)
        self.messages: List[Dict[str, Any]] = []
        self.confirmed: List[str] = []
        self.event = threading.Event()
        self.client.on("bot_uttered", self._on_bot)
        self.client.on("session_confirm", self._on_confirm)
        self.client.connect(
            stack.rasa_url,
            socketio_path="socket.io",
            transports=["polling"],
            headers={"Origin": origin},
            wait_timeout=20,
        )

    def _on_bot(self, data: Dict[str, Any]) -> None:
        self.messages.append(data)
        self.event.set()

    def _on_confirm(self, data: Any) -> None:
        self.confirmed.append(str(data))
        self.event.set()

    def request_session(self, session_id: Any) -> str:
        self.event.clear()
        self.client.emit("session_request", {"session_id": session_id})
        assert self.event.wait(WAIT_S), "no session_confirm"
        return self.confirmed[-1]

    def say(self, message: str, session_id: str, wait_s: float = WAIT_S) -> List[Dict[str, Any]]:
        """Send a message; return the bot's messages (after it has been quiet for 1.5 s)."""
        since = len(self.messages)
        self.event.clear()
        self.client.emit("user_uttered", {"message": message, "session_id": session_id})
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if self.event.wait(min(1.5, max(deadline - time.monotonic(), 0.01))):
                self.event.clear()
                continue
            if len(self.messages) > since:
                break
        return self.messages[since:]

    def close(self) -> None:
        self.client.disconnect()


@pytest.fixture()
def sock(servers: Stack) -> Iterator[Socket]:
    client = Socket(servers)
    try:
        yield client
    finally:
        client.close()


@pytest.mark.parametrize("origin", ["https://evil.example", "http://localhost.evil.example"])
def test_other_origins_cannot_open_the_socket(servers: Stack, origin: str) -> None:
    url = f"{servers.rasa_url}/socket.io/?EIO=4&transport=polling"
    refused = requests.get(url, headers={"Origin": origin}, timeout=10)
    assert refused.status_code == 400
    assert "Access-Control-Allow-Origin" not in refused.headers
    with pytest.raises(socketio.exceptions.ConnectionError):
        Socket(servers, origin=origin)


def test_a_loopback_page_may_open_the_socket(servers: Stack) -> None:
    url = f"{servers.rasa_url}/socket.io/?EIO=4&transport=polling"
    allowed = requests.get(url, headers={"Origin": "http://localhost:8080"}, timeout=10)
    assert allowed.status_code == 200
    assert allowed.headers["Access-Control-Allow-Origin"] == "http://localhost:8080"


@pytest.mark.parametrize("requested", [None, "1", "alice@example.org", uuid.uuid1().hex])
def test_a_guessable_session_id_is_replaced_by_a_uuid4(sock: Socket, requested: Any) -> None:
    confirmed = sock.request_session(requested)
    assert confirmed != requested
    assert uuid.UUID(confirmed).version == 4


def test_a_uuid4_session_id_is_kept_and_answered(sock: Socket) -> None:
    session_id = uuid.uuid4().hex
    assert sock.request_session(session_id) == session_id
    replies = sock.say("hello", session_id)
    assert replies and all(m.get("text") or m.get("quick_replies") for m in replies)


def test_a_reply_longer_than_a_bubble_arrives_in_bubbles(sock: Socket, answers: Answers) -> None:
    """The ALS answer (over WIDGET_BUBBLE characters) comes as several bot messages, each
    within the limit, holding all its words in order."""
    expected = answers.topic("als")[0].split()
    assert len(" ".join(expected)) > WIDGET_BUBBLE
    replies = sock.say("could it be ALS?", sock.request_session(None))
    texts = [str(m.get("text") or "") for m in replies]
    assert all(len(text) <= WIDGET_BUBBLE for text in texts)
    said = " ".join(texts).split()
    starts = [i for i in range(len(said)) if said[i : i + len(expected)] == expected]
    assert starts, texts  # all its words, in order: in two bubbles at least, as each fits


def test_messages_for_another_conversation_are_dropped() -> None:
    """Checked at the channel itself: nothing reaches Rasa for an unconfirmed session id."""
    received = asyncio.run(_through_the_channel([{"message": "hello", "session_id": "x"}]))
    assert received == []


def test_the_socket_still_answers_its_own_conversation(sock: Socket) -> None:
    own = sock.request_session(None)
    assert sock.say("hello", own)


async def _through_the_channel(messages: List[Any], persistence: bool = True) -> List[str]:
    """What the socket.io channel hands to Rasa for each ``user_uttered`` event's data."""
    received: List[str] = []

    async def on_new_message(message: UserMessage) -> None:
        received.append(message.text or "")

    channel = WidgetSocketIOInput(session_persistence=persistence)
    channel.blueprint(on_new_message)
    assert channel.sio is not None
    handler = channel.sio.handlers["/"]["user_uttered"]
    for data in messages:
        await handler("sid-1", data)
    return received


@pytest.mark.parametrize(
    ("sent", "passed_on"),
    [
        ("/hack_the_bot", "hack_the_bot"),
        ('/drop_tables{"table": "events"}', 'drop_tables{"table": "events"}'),
        ('/inform{"evil": "x"}', 'inform{"evil": "x"}'),
        ('/inform{"answer": {"$ne": 1}}', 'inform{"answer": {"$ne": 1}}'),
        ('/inform{"answer": ', 'inform{"answer":'),
        ("/greet", "/greet"),
        ("hi\u0000\u0007 there", "hi there"),
    ],
)
def test_each_message_is_cleaned_and_defused_at_the_channel(sent: str, passed_on: str) -> None:
    """socket.io cleans and defuses at its own boundary, as REST, Slack and Telegram do."""
    assert asyncio.run(_through_the_channel([{"message": sent}], persistence=False)) == [passed_on]


def test_a_message_over_the_cap_is_cut_at_the_channel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWITCH_MAX_MESSAGE_CHARS", "50")
    (text,) = asyncio.run(_through_the_channel([{"message": "twitch " * 100}], persistence=False))
    assert len(text) <= 50 and text.startswith("twitch")


def test_a_message_without_text_is_dropped_at_the_channel() -> None:
    sent = [{"message": 12345}, {"message": None}, {}]
    assert asyncio.run(_through_the_channel(sent, persistence=False)) == []


def test_replies_go_out_through_the_widget_output_split_for_its_bubbles() -> None:
    """The channel hands Rasa the widget's output channel (replies split at WIDGET_BUBBLE),
    with the sender, the metadata and the channel name Rasa's own handler gives."""
    received: List[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        received.append(message)

    async def send(data: Dict[str, Any]) -> None:
        channel = WidgetSocketIOInput(session_persistence=True)
        channel.blueprint(on_new_message)
        assert channel.sio is not None
        await channel.sio.handlers["/"]["session_request"]("sid-1", {"session_id": session})
        await channel.sio.handlers["/"]["user_uttered"]("sid-1", data)
        assert isinstance(channel.get_output_channel(), WidgetSocketIOOutput)

    session = uuid.uuid4().hex

    async def no_emit(*args: Any, **kwargs: Any) -> None:
        pass

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socketio.AsyncServer, "emit", no_emit)  # no client connected here
        patch.setattr(socketio.AsyncServer, "enter_room", lambda *args, **kwargs: None)
        asyncio.run(send({"message": "hi", "session_id": session, "metadata": '{"page": "p"}'}))
        asyncio.run(send({"message": "hi"}))  # no session id: dropped, as Rasa does
    (message,) = received
    assert isinstance(message.output_channel, WidgetSocketIOOutput)
    assert (message.sender_id, message.input_channel) == (session, "socketio")
    assert message.metadata == {"page": "p"}


# Unit tests of the channel's own rules (no server).


def test_origins_are_parsed_from_a_list_or_a_string() -> None:
    assert parse_origins(None) == []
    assert parse_origins([]) == []
    assert parse_origins("https://portal.example.org/, http://localhost:8080") == [
        "https://portal.example.org",
        "http://localhost:8080",
    ]
    assert parse_origins(["https://A.example.org"]) == ["https://a.example.org"]


@pytest.mark.parametrize("bad", ["*", "portal.example.org", "ftp://x.org", "https://x.org/path"])
def test_wildcards_and_non_origins_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_origins([bad])


def test_default_allows_loopback_pages_only() -> None:
    allowed = origin_checker([])
    assert allowed("http://localhost:5005")
    assert allowed("http://127.0.0.1:33877")
    assert allowed("https://localhost")
    assert allowed("http://[::1]:8000")
    assert not allowed("https://evil.example")
    assert not allowed("http://localhost.evil.example")
    assert not allowed("null")
    assert not allowed("")


def test_configured_origins_replace_the_default() -> None:
    allowed = origin_checker(["https://portal.example.org"])
    assert allowed("https://portal.example.org")
    assert allowed("https://portal.example.org/")
    assert not allowed("http://portal.example.org")
    assert not allowed("http://localhost:5005")


def test_the_environment_overrides_the_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = {"session_persistence": True, "allowed_origins": ["https://a.example.org"]}
    monkeypatch.delenv("WIDGET_ALLOWED_ORIGINS", raising=False)
    channel = WidgetSocketIOInput.from_credentials(settings)
    assert isinstance(channel, WidgetSocketIOInput)
    assert channel.allowed_origins == ["https://a.example.org"]
    assert channel.session_persistence is True
    assert channel.name() == "socketio"
    monkeypatch.setenv("WIDGET_ALLOWED_ORIGINS", "https://b.example.org,https://c.example.org")
    channel = WidgetSocketIOInput.from_credentials(settings)
    assert isinstance(channel, WidgetSocketIOInput)
    assert channel.allowed_origins == ["https://b.example.org", "https://c.example.org"]
    monkeypatch.setenv("WIDGET_ALLOWED_ORIGINS", "*")
    with pytest.raises(ValueError):
        WidgetSocketIOInput.from_credentials(settings)


def test_only_uuid4_conversation_ids_are_kept() -> None:
    assert is_uuid4(uuid.uuid4().hex)
    assert is_uuid4(str(uuid.uuid4()))
    assert not is_uuid4(uuid.uuid1().hex)
    assert not is_uuid4("1")
    assert not is_uuid4("alice@example.org")
    assert not is_uuid4("0" * 32)
    assert not is_uuid4(None)
    assert not is_uuid4(12345)
    assert not is_uuid4("{" + str(uuid.uuid4()) + "}")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[see](javascript:alert(1))", "[see](#javascript:alert(1))"),
        ("[see]( JavaScript:alert(1))", "[see]( #JavaScript:alert(1))"),
        ("[see](java&#x73;cript:alert(1))", "[see](#java&#x73;cript:alert(1))"),
        ("[see](data:text/html,x)", "[see](#data:text/html,x)"),
        ("[r]: javascript:alert(1)", "[r]: #javascript:alert(1)"),
        ("<javascript:alert(1)>", "\\<javascript:alert(1)>"),
    ],
)
def test_links_that_could_run_code_are_made_inert(text: str, expected: str) -> None:
    assert safe_markdown(text) == expected


def test_ordinary_markdown_is_kept() -> None:
    text = "**Note** see [NIH](https://ods.od.nih.gov/) or [call](tel:911), <https://x.org> (ok)"
    assert safe_markdown(text) == text
