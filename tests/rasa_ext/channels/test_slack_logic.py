"""Unit tests of the pure Slack rules (no server)."""

from __future__ import annotations

import time

import pytest

from rasa_ext.channels.limits import SLACK_BLOCKS, SLACK_MESSAGE_TEXT, SLACK_SECTION
from rasa_ext.channels.slack_logic import (
    button_rows,
    is_retry,
    message_payloads,
    reply_thread,
    should_answer,
    sign,
    signature_is_valid,
)
from rasa_ext.channels.webhooks import SeenIds, user_text

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


def envelope(**event: object) -> dict:
    base = {"type": "message", "user": "U1", "text": "hello", "channel": "D1", "channel_type": "im"}
    base.update(event)
    return {"type": "event_callback", "event": base, "authorizations": [{"user_id": "UBOT"}]}


def test_signature_matches_slacks_documented_example() -> None:
    # The example of https://api.slack.com/authentication/verifying-requests-from-slack
    body = (
        b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&"
        b"channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&"
        b"command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2F"
        b"commands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&"
        b"trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
    )
    expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
    assert sign(SECRET, "1531420618", body) == expected
    assert signature_is_valid(SECRET, "1531420618", body, expected, now=1531420618 + 10)


def test_signature_rejects_forgeries_and_replays() -> None:
    now = time.time()
    ts = str(int(now))
    body = b'{"type":"event_callback"}'
    good = sign(SECRET, ts, body)
    assert signature_is_valid(SECRET, ts, body, good, now)
    assert not signature_is_valid(SECRET, ts, body + b" ", good, now)  # tampered body
    assert not signature_is_valid("other", ts, body, good, now)  # wrong secret
    assert not signature_is_valid("", ts, body, sign("", ts, body), now)  # no secret configured
    assert not signature_is_valid(SECRET, ts, body, None, now)
    assert not signature_is_valid(SECRET, None, body, good, now)
    assert not signature_is_valid(SECRET, "soon", body, good, now)
    old = str(int(now) - 301)
    assert not signature_is_valid(SECRET, old, body, sign(SECRET, old, body), now)


def test_every_retry_is_a_retry() -> None:
    assert is_retry({"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert is_retry({"x-slack-retry-num": "2", "x-slack-retry-reason": "http_error"})
    assert is_retry({"X-Slack-Retry-Num": "3"})
    assert not is_retry({"Content-Type": "application/json"})


def test_which_events_are_answered() -> None:
    assert should_answer(envelope())
    assert should_answer(envelope(type="app_mention", channel="C1", channel_type=None))
    assert not should_answer(envelope(channel_type="channel"))  # chatter without a mention
    assert not should_answer(envelope(bot_id="B1"))
    assert not should_answer(envelope(user="UBOT"))
    assert not should_answer(envelope(subtype="message_changed"))
    assert not should_answer(envelope(text="  "))
    assert not should_answer({"type": "url_verification", "challenge": "x"})


def test_reply_thread() -> None:
    assert reply_thread({"ts": "1.0", "channel_type": "im"}, use_threads=True) is None
    assert reply_thread({"ts": "1.0"}, use_threads=True) == "1.0"
    assert reply_thread({"ts": "1.0"}, use_threads=False) is None
    assert reply_thread({"ts": "2.0", "thread_ts": "1.0", "channel_type": "im"}, False) == "1.0"


def test_button_rows_split_and_stay_plain_text() -> None:
    buttons = [{"title": f"<b>{i}</b>", "payload": f"/p{i}"} for i in range(7)]
    (payload,) = message_payloads("<img src=x onerror=alert(1)>", buttons)
    blocks = payload["blocks"]
    assert blocks[0]["text"] == {"type": "plain_text", "text": "<img src=x onerror=alert(1)>"}
    assert payload["text"] == "<img src=x onerror=alert(1)>"
    assert [len(b["elements"]) for b in blocks[1:]] == [5, 2]
    values = [e["value"] for b in blocks[1:] for e in b["elements"]]
    assert values == [f"/p{i}" for i in range(7)]
    assert len({e["action_id"] for b in blocks[1:] for e in b["elements"]}) == 7
    assert blocks[1:] == button_rows(buttons)


def test_a_long_text_is_several_sections_never_cut_short() -> None:
    sentence = "Vitamin D helps muscles relax after they contract. "
    text = "\n\n".join((sentence * 20).strip() for _ in range(8))  # 8 x ~1,000 characters
    (payload,) = message_payloads(text, [{"title": "Yes", "payload": "/affirm"}])
    sections = [b for b in payload["blocks"] if b["type"] == "section"]
    assert len(sections) == 4  # two paragraphs a section: three would be 3,061 characters
    assert all(len(b["text"]["text"]) <= SLACK_SECTION for b in sections)
    assert " ".join(b["text"]["text"] for b in sections).split() == text.split()
    assert payload["blocks"][-1]["type"] == "actions"


def test_blocks_and_fallback_text_per_message_stay_within_slacks_limits() -> None:
    paragraph = ("Twitching can have many causes. " * 90).strip()  # ~2,900 characters
    text = "\n\n".join([paragraph] * 60)
    buttons = [{"title": f"B{i}", "payload": f"/b{i}"} for i in range(12)]
    payloads = message_payloads(text, buttons)
    assert len(payloads) > 1
    for payload in payloads:
        assert len(payload["blocks"]) <= SLACK_BLOCKS
        assert len(payload["text"]) <= SLACK_MESSAGE_TEXT
    assert all(b["type"] == "section" for p in payloads[:-1] for b in p["blocks"])
    assert [b["type"] for b in payloads[-1]["blocks"]][-3:] == ["actions"] * 3
    texts = [b["text"]["text"] for p in payloads for b in p["blocks"] if b["type"] == "section"]
    assert " ".join(texts).split() == text.split()


def test_buttons_on_a_full_last_message_move_with_its_last_section() -> None:
    text = "\n\n".join(f"Paragraph {i}. " + "x" * 2990 for i in range(13))  # 13 full sections
    buttons = [{"title": f"B{i}", "payload": f"/b{i}"} for i in range(200)]  # 40 rows
    payloads = message_payloads(text, buttons)
    assert all(len(p["blocks"]) <= SLACK_BLOCKS for p in payloads)
    assert [b["type"] for b in payloads[-1]["blocks"]] == ["section"] + ["actions"] * 40


def test_a_blank_text_sends_only_its_buttons() -> None:
    (payload,) = message_payloads("  ", [{"title": "Yes", "payload": "/affirm"}])
    assert [b["type"] for b in payload["blocks"]] == ["actions"]
    assert message_payloads("") == []


def test_seen_ids_bounded() -> None:
    seen = SeenIds(size=2)
    assert seen.add("a") and not seen.add("a")
    assert seen.add("b") and seen.add("c")
    assert seen.add("a")  # forgotten (oldest)
    assert seen.add(None) and seen.add(None)


def test_user_text_like_the_rest_channel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TWITCH_MAX_MESSAGE_CHARS", "30")
    assert user_text("hello\u0000 there\n") == "hello there"
    assert user_text("x" * 50) == "x" * 30
    assert user_text('/inform{"answer": "often"}') == '/inform{"answer": "often"}'
    assert user_text("/restart_everything{") == "restart_everything{"
    assert user_text("\u0000") == "?"
