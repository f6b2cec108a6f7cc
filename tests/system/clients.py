"""Talk to the running stack the way each real client does: REST, socket.io, Slack, Telegram.

Every driver has ``turn(conversation, message, expected, button=False) -> str``: send one user message
(or press the button whose payload is ``message``) and return all bot texts of that turn
(button titles included), waiting (bounded) until every ``expected`` string shows up and
the bot has been quiet for a second.
"""

from __future__ import annotations

import json
import math
import threading
import time
import uuid
from typing import Any, Dict, List, Sequence, Tuple
from urllib.parse import urlencode

import requests
import socketio

from rasa_ext.channels.slack_logic import sign
from rasa_ext.channels.telegram_logic import SECRET_HEADER
from tests.conftest import SLACK_SIGNING_SECRET, TELEGRAM_SECRET_TOKEN
from tests.system.fakes import Call, FakeApi
from tools.stack import Stack

BOT_USER = "UBOTUSER"
TURN_TIMEOUT_S = 60
QUIET_S = 1.0


def p95(values: List[float]) -> float:
    """95th percentile, nearest-rank method."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


# ---------------------------------------------------------------- Slack
def slack_event(user: str, text: str, channel: str, kind: str = "message", **extra: Any) -> dict:
    """An Events API ``event_callback`` envelope as Slack sends it."""
    event: Dict[str, Any] = {
        "type": kind,
        "user": user,
        "text": text,
        "ts": f"{time.time():.6f}",
        "channel": channel,
        "event_ts": f"{time.time():.6f}",
    }
    if kind == "message":
        event["channel_type"] = "im" if channel.startswith("D") else "channel"
    event.update(extra)
    return {
        "token": "legacy-verification-token",
        "team_id": "T0TEST",
        "api_app_id": "A0TEST",
        "event": event,
        "type": "event_callback",
        "event_id": f"Ev{uuid.uuid4().hex[:12].upper()}",
        "event_time": int(time.time()),
        "authorizations": [
            {
                "team_id": "T0TEST",
                "user_id": BOT_USER,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
    }


def slack_click(user: str, channel: str, value: str, title: str = "button") -> dict:
    """A ``block_actions`` interactivity payload (a person pressed a button)."""
    return {
        "type": "block_actions",
        "user": {"id": user, "username": "tester", "team_id": "T0TEST"},
        "api_app_id": "A0TEST",
        "team": {"id": "T0TEST"},
        "channel": {"id": channel, "name": "directmessage"},
        "message": {"type": "message", "ts": f"{time.time():.6f}", "text": "question"},
        "trigger_id": "1.2.3",
        "actions": [
            {
                "type": "button",
                "action_id": "button_0",
                "block_id": "b1",
                "text": {"type": "plain_text", "text": title},
                "value": value,
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }


class SlackDriver:
    """Posts signed Events API / interactivity requests; reads replies from the fake Slack."""

    name = "slack"

    def __init__(self, stack: Stack, fake: FakeApi, secret: str = SLACK_SIGNING_SECRET) -> None:
        self.url = f"{stack.rasa_url}/webhooks/slack/webhook"
        self.fake = fake
        self.secret = secret
        self.latencies: List[float] = []  # webhook response times (the acknowledgement)
        self.reply_times: List[float] = []  # request sent → last reply of the turn posted

    def post(
        self,
        body: bytes,
        content_type: str,
        headers: Dict[str, str] | None = None,
        secret: str | None = None,
        timestamp: int | None = None,
    ) -> requests.Response:
        """POST a signed body (``secret``/``timestamp`` overridable to forge bad ones)."""
        ts = str(int(time.time()) if timestamp is None else timestamp)
        signed = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": sign(self.secret if secret is None else secret, ts, body),
            **(headers or {}),
        }
        start = time.perf_counter()
        response = requests.post(self.url, data=body, headers=signed, timeout=30)
        self.latencies.append(time.perf_counter() - start)
        return response

    def post_event(self, payload: dict, **kwargs: Any) -> requests.Response:
        return self.post(json.dumps(payload).encode(), "application/json", **kwargs)

    def post_click(self, payload: dict, **kwargs: Any) -> requests.Response:
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(body, "application/x-www-form-urlencoded", **kwargs)

    def posts_to(self, channel: str) -> List[Call]:
        return self.fake.snapshot(lambda c: _slack_channel(c) == channel)

    def wait_replies(self, channel: str, since: int, expected: Sequence[str] = ()) -> List[Call]:
        calls = self.fake.wait_for(
            lambda c: _slack_channel(c) == channel,
            lambda calls: (
                bool(calls[since:]) and all(e in slack_texts(calls[since:]) for e in expected)
            ),
            timeout=TURN_TIMEOUT_S,
            quiet=QUIET_S,
        )
        return calls[since:]

    def turn(
        self, conversation: str, message: str, expected: Sequence[str], button: bool = False
    ) -> str:
        user, channel = f"U{conversation[:10].upper()}", f"D{conversation[:10].upper()}"
        since = len(self.posts_to(channel))
        sent_at = time.monotonic()
        if button:
            response = self.post_click(slack_click(user, channel, message))
        else:
            response = self.post_event(slack_event(user, message, channel))
        assert response.status_code == 200, response.text
        replies = self.wait_replies(channel, since, expected)
        if replies:
            self.reply_times.append(replies[-1]["at"] - sent_at)
        return slack_texts(replies)


def _slack_channel(call: Call) -> str | None:
    body = call["body"]
    return body.get("channel") if call["method"] == "chat.postMessage" else None


def slack_texts(calls: List[Call]) -> str:
    """Texts and button titles of recorded ``chat.postMessage`` calls."""
    lines = []
    for call in calls:
        body = call["body"]
        lines.append(str(body.get("text", "")))
        for block in body.get("blocks") or []:
            for element in block.get("elements") or []:
                lines.append(str(element.get("text", {}).get("text", "")))
    return "\n".join(lines)


# ---------------------------------------------------------------- Telegram
def telegram_text_update(chat_id: int, text: str, update_id: int | None = None) -> dict:
    """A Telegram ``Update`` with a private text message."""
    return {
        "update_id": update_id if update_id is not None else _next_update_id(),
        "message": {
            "message_id": _next_update_id(),
            "from": {"id": chat_id, "is_bot": False, "first_name": "Test", "language_code": "en"},
            "chat": {"id": chat_id, "first_name": "Test", "type": "private"},
            "date": int(time.time()),
            "text": text,
        },
    }


def telegram_callback_update(chat_id: int, data: str) -> dict:
    """A Telegram ``Update`` for a press on an inline-keyboard button."""
    return {
        "update_id": _next_update_id(),
        "callback_query": {
            "id": str(uuid.uuid4().int)[:18],
            "from": {"id": chat_id, "is_bot": False, "first_name": "Test"},
            "message": {
                "message_id": _next_update_id(),
                "from": {"id": 123456, "is_bot": True, "first_name": "TwitchBot"},
                "chat": {"id": chat_id, "first_name": "Test", "type": "private"},
                "date": int(time.time()),
                "text": "question",
            },
            "chat_instance": "-1234567890",
            "data": data,
        },
    }


_UPDATE_LOCK = threading.Lock()
_UPDATE_ID = [int(time.time()) % 1_000_000 * 1000]


def _next_update_id() -> int:
    with _UPDATE_LOCK:
        _UPDATE_ID[0] += 1
        return _UPDATE_ID[0]


class TelegramDriver:
    """Posts Telegram updates with the secret header; reads replies from the fake Bot API."""

    name = "telegram"

    def __init__(self, stack: Stack, fake: FakeApi) -> None:
        self.url = f"{stack.rasa_url}/webhooks/telegram/webhook"
        self.fake = fake

    def post(self, update: dict, secret: str | None = TELEGRAM_SECRET_TOKEN) -> requests.Response:
        headers = {} if secret is None else {SECRET_HEADER: secret}
        return requests.post(self.url, json=update, headers=headers, timeout=30)

    def sent_to(self, chat_id: int) -> List[Call]:
        return self.fake.snapshot(lambda c: _telegram_chat(c) == str(chat_id))

    def wait_replies(self, chat_id: int, since: int, expected: Sequence[str] = ()) -> List[Call]:
        calls = self.fake.wait_for(
            lambda c: _telegram_chat(c) == str(chat_id),
            lambda calls: (
                bool(calls[since:]) and all(e in telegram_texts(calls[since:]) for e in expected)
            ),
            timeout=TURN_TIMEOUT_S,
            quiet=QUIET_S,
        )
        return calls[since:]

    def turn(
        self, conversation: str, message: str, expected: Sequence[str], button: bool = False
    ) -> str:
        chat_id = int(conversation[:12], 16) % 10**12
        since = len(self.sent_to(chat_id))
        update = (
            telegram_callback_update(chat_id, message)
            if button
            else telegram_text_update(chat_id, message)
        )
        response = self.post(update)
        assert response.status_code == 200, response.text
        return telegram_texts(self.wait_replies(chat_id, since, expected))


def _telegram_chat(call: Call) -> str | None:
    return str(call["body"].get("chat_id")) if call["method"] == "sendMessage" else None


def telegram_texts(calls: List[Call]) -> str:
    """Texts and inline-button titles of recorded ``sendMessage`` calls."""
    lines = []
    for call in calls:
        body = call["body"]
        lines.append(str(body.get("text", "")))
        for row in (body.get("reply_markup") or {}).get("inline_keyboard") or []:
            lines.extend(str(button.get("text", "")) for button in row)
    return "\n".join(lines)


# ---------------------------------------------------------------- REST
class RestDriver:
    """Rasa's REST webhook (answers in the HTTP response)."""

    name = "rest"

    def __init__(self, stack: Stack) -> None:
        self.stack = stack

    def turn(
        self, conversation: str, message: str, expected: Sequence[str], button: bool = False
    ) -> str:
        lines = []
        for reply in self.stack.send(conversation, message, timeout=TURN_TIMEOUT_S):
            lines.append(str(reply.get("text", "")))
            lines.extend(str(b.get("title", "")) for b in reply.get("buttons") or [])
        return "\n".join(lines)


# ---------------------------------------------------------------- socket.io
class SocketIODriver:
    """Rasa's socket.io channel with the python-socketio client (one socket per conversation)."""

    name = "socketio"

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.clients: Dict[str, Tuple[socketio.Client, List[dict], str]] = {}

    def _client(self, conversation: str) -> Tuple[socketio.Client, List[dict], str]:
        if conversation in self.clients:
            return self.clients[conversation]
        client = socketio.Client(reconnection=False)
        received: List[dict] = []
        confirmed = threading.Event()
        session: Dict[str, str] = {}

        @client.on("bot_uttered")
        def on_bot(data: dict) -> None:
            received.append(data)

        @client.on("session_confirm")
        def on_confirm(data: Any) -> None:
            session["id"] = data.get("session_id") if isinstance(data, dict) else str(data)
            confirmed.set()

        client.connect(
            self.stack.rasa_url,
            socketio_path="socket.io",
            transports=["polling"],
            headers={"Origin": "http://localhost"},
            wait_timeout=20,
        )
        session_id = uuid.UUID(conversation).hex if len(conversation) >= 32 else uuid.uuid4().hex
        client.emit("session_request", {"session_id": session_id})
        assert confirmed.wait(20), "no session_confirm"
        self.clients[conversation] = (client, received, session["id"])
        return self.clients[conversation]

    def turn(
        self, conversation: str, message: str, expected: Sequence[str], button: bool = False
    ) -> str:
        client, received, session_id = self._client(conversation)
        since = len(received)
        client.emit("user_uttered", {"message": message, "session_id": session_id})
        deadline = time.monotonic() + TURN_TIMEOUT_S
        count, last_change = since, time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            if len(received) != count:
                count, last_change = len(received), time.monotonic()
            text = socketio_texts(received[since:])
            if (
                count > since
                and all(e in text for e in expected)
                and time.monotonic() - last_change >= QUIET_S
            ):
                break
        return socketio_texts(received[since:])

    def close(self) -> None:
        for client, _, _ in self.clients.values():
            client.disconnect()
        self.clients.clear()


def socketio_texts(messages: List[dict]) -> str:
    """Texts and quick-reply titles of ``bot_uttered`` events."""
    lines = []
    for message in messages:
        lines.append(str(message.get("text", "")))
        lines.extend(str(q.get("title", "")) for q in message.get("quick_replies") or [])
    return "\n".join(lines)
