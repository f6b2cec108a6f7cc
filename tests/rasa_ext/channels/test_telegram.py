"""Telegram over the wire: real Update JSON to the running server's webhook.

Replies are read from the fake Bot API on loopback (``sendMessage`` calls).
"""

from __future__ import annotations

import time
import uuid
from typing import Dict

import pytest

from tests.conftest import TELEGRAM_TOKEN
from tests.system.clients import (
    TelegramDriver,
    telegram_callback_update,
    telegram_text_update,
    telegram_texts,
)
from tests.system.fakes import FakeApi
from tools.stack import Stack

GREETING = "Hi! I help you understand why your muscles might be twitching"


@pytest.fixture(scope="module")
def telegram(servers: Stack, channel_fakes: Dict[str, FakeApi]) -> TelegramDriver:
    return TelegramDriver(servers, channel_fakes["telegram"])


def new_chat() -> int:
    return uuid.uuid4().int % 10**12


def control_turn(telegram: TelegramDriver, chat: int) -> list:
    """Send "hello" to ``chat`` and return everything sent to it once the greeting arrived."""
    assert telegram.post(telegram_text_update(chat, "hello")).status_code == 200
    telegram.wait_replies(chat, 0, (GREETING,))
    return telegram.sent_to(chat)


@pytest.mark.parametrize(("secret", "status"), [(None, 401), ("wrong-secret", 403), ("", 403)])
def test_missing_or_wrong_secret_refused_and_unprocessed(
    telegram: TelegramDriver, secret: str | None, status: int
) -> None:
    chat = new_chat()
    response = telegram.post(telegram_text_update(chat, "hello"), secret=secret)
    assert response.status_code == status
    sent = control_turn(telegram, chat)
    assert telegram_texts(sent).count(GREETING) == 1


def test_text_message_answered_with_inline_keyboard(telegram: TelegramDriver) -> None:
    chat = new_chat()
    assert telegram.post(telegram_text_update(chat, "/start")).status_code == 200
    sent = telegram.wait_replies(chat, 0, (GREETING,))
    last = sent[-1]
    assert last["path"] == f"/bot{TELEGRAM_TOKEN}/sendMessage"
    assert last["body"]["chat_id"] == str(chat)
    keyboard = last["body"]["reply_markup"]["inline_keyboard"]
    assert [b["text"] for b in keyboard[0]] == ["Check my twitching"]
    assert keyboard[0][0]["callback_data"] == "/start_assessment"
    assert all("parse_mode" not in call["body"] for call in sent)  # plain text only


def test_button_press_answered_and_acknowledged(telegram: TelegramDriver) -> None:
    chat = new_chat()
    control_turn(telegram, chat)
    before = len(telegram.sent_to(chat))
    update = telegram_callback_update(chat, "/start_assessment")
    response = telegram.post(update)
    assert response.status_code == 200
    assert response.json() == {
        "method": "answerCallbackQuery",
        "callback_query_id": update["callback_query"]["id"],
    }
    sent = telegram.wait_replies(chat, before, ("quick safety check",))
    assert "quick safety check" in telegram_texts(sent)


def test_other_updates_ignored_with_200(telegram: TelegramDriver) -> None:
    chat = new_chat()
    base = telegram_text_update(chat, "hello")
    message = base["message"]
    others = [
        {"update_id": 1, "edited_message": {**message, "edit_date": int(time.time())}},
        {
            "update_id": 2,
            "message": {
                **{k: v for k, v in message.items() if k != "text"},
                "sticker": {"file_id": "x", "emoji": "😀"},
            },
        },
        {
            "update_id": 3,
            "message": {
                **{k: v for k, v in message.items() if k != "text"},
                "photo": [{"file_id": "p"}],
                "caption": "hello",
            },
        },
        {
            "update_id": 4,
            "message": {
                **{k: v for k, v in message.items() if k != "text"},
                "new_chat_members": [{"id": 5, "is_bot": False, "first_name": "A"}],
            },
        },
        {"update_id": 5, "channel_post": {**message, "chat": {"id": chat, "type": "channel"}}},
        {"update_id": 6, "my_chat_member": {"chat": message["chat"]}},
    ]
    for update in others:
        assert telegram.post(update).status_code == 200
    sent = control_turn(telegram, chat)
    assert telegram_texts(sent).count(GREETING) == 1


def test_duplicate_update_answered_once(telegram: TelegramDriver) -> None:
    chat = new_chat()
    update = telegram_text_update(chat, "hello")
    assert telegram.post(update).status_code == 200
    telegram.wait_replies(chat, 0, (GREETING,))
    assert telegram.post(update).status_code == 200  # Telegram re-delivers on timeouts
    # A later question in the same chat is answered after anything the duplicate started.
    since = len(telegram.sent_to(chat))
    question = telegram_text_update(chat, "what foods have vitamin D?")
    assert telegram.post(question).status_code == 200
    telegram.wait_replies(chat, since, ("salmon",))
    assert telegram_texts(telegram.sent_to(chat)).count(GREETING) == 1


def test_no_bot_api_call_but_replies(telegram: TelegramDriver) -> None:
    """No getMe per update, no setWebhook at start: only sendMessage ever reaches the API."""
    chat = new_chat()
    control_turn(telegram, chat)
    methods = {call["method"] for call in telegram.fake.snapshot()}
    assert methods == {"sendMessage"}
