"""Unit tests of the pure Telegram rules (no server)."""

from __future__ import annotations

import pytest

from rasa_ext.channels.telegram_logic import (
    MAX_TEXT,
    answer_callback,
    inline_keyboard,
    parse_update,
    secret_is_valid,
    send_message_payloads,
    webhook_settings,
)

MESSAGE = {
    "message_id": 7,
    "from": {"id": 42, "is_bot": False, "first_name": "A"},
    "chat": {"id": 42, "type": "private"},
    "date": 1700000000,
    "text": "why do my muscles twitch?",
}


def test_secret_check() -> None:
    assert secret_is_valid("s3cret", "s3cret")
    assert not secret_is_valid("s3cret", "s3cre")
    assert not secret_is_valid("s3cret", None)
    assert not secret_is_valid("", "")  # no configured secret accepts nothing
    assert not secret_is_valid("s3cret", "s3cret\u00e9")


def test_text_message_parsed() -> None:
    incoming = parse_update({"update_id": 1, "message": MESSAGE})
    assert incoming is not None
    assert (incoming.update_id, incoming.chat_id, incoming.text) == ("1", "42", MESSAGE["text"])
    assert incoming.callback_query_id is None


def test_start_command_mapped() -> None:
    incoming = parse_update({"update_id": 1, "message": {**MESSAGE, "text": "/start@TwitchBot"}})
    assert incoming is not None and incoming.text == "hello"


def test_callback_query_parsed() -> None:
    update = {
        "update_id": 2,
        "callback_query": {
            "id": "99",
            "from": {"id": 42, "is_bot": False},
            "message": {**MESSAGE, "chat": {"id": -100, "type": "group"}},
            "data": '/inform{"answer": "often"}',
        },
    }
    incoming = parse_update(update)
    assert incoming is not None
    assert (incoming.chat_id, incoming.text, incoming.callback_query_id) == (
        "-100",
        '/inform{"answer": "often"}',
        "99",
    )


@pytest.mark.parametrize(
    "update",
    [
        {"update_id": 3, "edited_message": MESSAGE},
        {"update_id": 4, "channel_post": MESSAGE},
        {"update_id": 5, "message": {**MESSAGE, "text": None, "sticker": {"file_id": "x"}}},
        {
            "update_id": 6,
            "message": {k: v for k, v in MESSAGE.items() if k != "text"} | {"photo": []},
        },
        {
            "update_id": 7,
            "message": {k: v for k, v in MESSAGE.items() if k != "text"} | {"new_chat_members": []},
        },
        {"update_id": 8, "message": {**MESSAGE, "from": {"id": 1, "is_bot": True}}},
        {"update_id": 9, "callback_query": {"id": "1", "from": {"id": 1}}},  # no data
        {"update_id": 10},
    ],
)
def test_other_updates_ignored(update: dict) -> None:
    assert parse_update(update) is None


def test_long_replies_split_at_paragraphs_within_the_limit() -> None:
    text = ("a" * 3000 + "\n\n") + ("b" * 3000)
    assert [p["text"] for p in send_message_payloads("42", text)] == ["a" * 3000, "b" * 3000]
    long_word = "x" * (MAX_TEXT * 2 + 5)
    pieces = [p["text"] for p in send_message_payloads("42", long_word)]
    assert [len(p) for p in pieces] == [MAX_TEXT, MAX_TEXT, 5]


def test_a_blank_reply_is_one_space_with_its_keyboard() -> None:
    (payload,) = send_message_payloads("42", "  ", [{"title": "Yes", "payload": "/affirm"}])
    assert payload["text"] == " " and payload["reply_markup"]["inline_keyboard"]
    assert send_message_payloads("42", "") == [{"chat_id": "42", "text": " "}]


def test_send_message_payloads_plain_text_keyboard_last() -> None:
    buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    payloads = send_message_payloads("42", "x" * 5000, buttons)
    assert len(payloads) == 2
    assert "reply_markup" not in payloads[0]
    assert payloads[1]["reply_markup"] == {
        "inline_keyboard": [
            [{"text": "Yes", "callback_data": "/affirm"}],
            [{"text": "No", "callback_data": "/deny"}],
        ]
    }
    assert all("parse_mode" not in p for p in payloads)


def test_long_payload_falls_back_to_title() -> None:
    keyboard = inline_keyboard([{"title": "Often", "payload": "/inform" + "x" * 80}])
    assert keyboard["inline_keyboard"][0][0]["callback_data"] == "Often"


def test_answer_callback_and_webhook_settings() -> None:
    assert answer_callback("5") == {"method": "answerCallbackQuery", "callback_query_id": "5"}
    settings = webhook_settings("https://bot.example.org/webhooks/telegram/webhook", "abc_DEF-1")
    assert settings["secret_token"] == "abc_DEF-1"
    assert settings["allowed_updates"] == ["message", "callback_query"]
    with pytest.raises(ValueError, match="HTTPS"):
        webhook_settings("http://bot.example.org/webhooks/telegram/webhook", "abc")
    with pytest.raises(ValueError, match="secret"):
        webhook_settings("https://bot.example.org/x", "has space")
