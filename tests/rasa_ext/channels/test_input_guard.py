"""The input checks every channel applies at its boundary (``rasa_ext/channels/input_guard.py``)."""

from __future__ import annotations

import pytest

from rasa_ext.channels.input_guard import RejectedInputError, defuse_payload, parse_webhook
from rasa_ext.channels.webhooks import user_text


def test_input_guard_unit() -> None:
    ok = parse_webhook(b'{"sender": "a-1", "message": " hi\\u0000 there "}')
    assert (ok.sender, ok.text) == ("a-1", "hi there")
    for body in (b"", b"null", b'{"sender": "", "message": "x"}', b'{"sender": "a"}'):
        with pytest.raises(RejectedInputError):
            parse_webhook(body)
    assert defuse_payload('/inform{"answer": "often"}') == '/inform{"answer": "often"}'
    assert defuse_payload("/greet") == "/greet"
    assert defuse_payload("/nope") == "nope"
    assert defuse_payload('/inform{"answer": ') == 'inform{"answer":'
    assert defuse_payload('/inform{"x": 1}') == 'inform{"x": 1}'
    assert defuse_payload("//") == "?"


def test_chat_text_is_cleaned_capped_and_defused(monkeypatch: pytest.MonkeyPatch) -> None:
    """What Slack, Telegram and socket.io pass on (``webhooks.user_text``)."""
    monkeypatch.setenv("TWITCH_MAX_MESSAGE_CHARS", "20")
    assert user_text("hi\u0000 there") == "hi there"
    assert len(user_text("twitch " * 50)) <= 20
    assert user_text('/inform{"evil": "x"}') == 'inform{"evil": "x"}'
    assert user_text("/hack_the_bot") == "hack_the_bot"
    assert user_text("/greet") == "/greet"
    assert user_text("") == "?"
