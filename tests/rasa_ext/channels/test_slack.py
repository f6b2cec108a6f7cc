"""Slack over the wire: signed Events API / interactivity payloads to the running server.

Replies are read from the fake Slack Web API on loopback (``chat.postMessage`` calls). Every
"nothing happens" check ends with a real message in the same channel, whose reply proves the
server was working while the ignored requests produced nothing.
"""

from __future__ import annotations

import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Dict

import pytest

from rasa_ext.channels.slack_logic import sign
from tests.conftest import SLACK_TOKEN
from tests.system.clients import BOT_USER, SlackDriver, p95, slack_event, slack_texts
from tests.system.fakes import FakeApi
from tools.stack import Stack

GREETING = "Hi! I help you understand why your muscles might be twitching"


@pytest.fixture(scope="module")
def slack(servers: Stack, channel_fakes: Dict[str, FakeApi]) -> SlackDriver:
    return SlackDriver(servers, channel_fakes["slack"])


def ids() -> tuple:
    tag = uuid.uuid4().hex[:10].upper()
    return f"U{tag}", f"D{tag}"


def control_turn(slack: SlackDriver, user: str, channel: str) -> list:
    """Send "hello" in ``channel`` and return all posts to it once the greeting arrived."""
    assert slack.post_event(slack_event(user, "hello", channel)).status_code == 200
    slack.wait_replies(channel, 0, (GREETING,))
    return slack.posts_to(channel)


def test_url_verification_challenge_answered(slack: SlackDriver) -> None:
    challenge = uuid.uuid4().hex
    response = slack.post_event(
        {"token": "legacy", "challenge": challenge, "type": "url_verification"}
    )
    assert response.status_code == 200
    assert response.json() == {"challenge": challenge}


def test_direct_message_answered(slack: SlackDriver) -> None:
    user, channel = ids()
    response = slack.post_event(slack_event(user, "hello", channel))
    assert response.status_code == 200
    posts = slack.wait_replies(channel, 0, (GREETING,))
    assert GREETING in slack_texts(posts)
    post = posts[-1]
    assert post["headers"].get("Authorization") == f"Bearer {SLACK_TOKEN}"
    assert post["body"]["channel"] == channel
    assert "thread_ts" not in post["body"]  # DMs stay flat
    assert "as_user" not in post["body"]
    buttons = [
        element
        for block in post["body"]["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]
    assert {"Check my twitching"} <= {b["text"]["text"] for b in buttons}
    assert any(b["value"] == "/start_assessment" for b in buttons)
    assert post["body"]["blocks"][0]["text"]["type"] == "plain_text"


def test_app_mention_answered_in_a_thread(slack: SlackDriver) -> None:
    user, _ = ids()
    channel = f"C{uuid.uuid4().hex[:10].upper()}"
    payload = slack_event(user, f"<@{BOT_USER}> hello", channel, kind="app_mention")
    mention_ts = payload["event"]["ts"]
    assert slack.post_event(payload).status_code == 200
    posts = slack.wait_replies(channel, 0, (GREETING,))
    assert GREETING in slack_texts(posts)
    assert all(p["body"].get("thread_ts") == mention_ts for p in posts)

    # A message written in an existing thread is answered in that thread.
    thread_ts = "1700000000.123456"
    before = len(slack.posts_to(channel))
    payload = slack_event(
        user, f"<@{BOT_USER}> hi", channel, kind="app_mention", thread_ts=thread_ts
    )
    assert slack.post_event(payload).status_code == 200
    posts = slack.wait_replies(channel, before, (GREETING,))
    assert posts and all(p["body"].get("thread_ts") == thread_ts for p in posts)


def test_bot_messages_edits_and_channel_chatter_ignored(slack: SlackDriver) -> None:
    user, channel = ids()
    ignored = [
        slack_event("B0THER", "hello", channel, bot_id="B0THER", subtype="bot_message"),
        slack_event(BOT_USER, "hello", channel),  # the bot's own user
        slack_event(user, "hello", channel, bot_profile={"id": "B1"}, bot_id="B1"),
        slack_event(user, "", channel, subtype="message_changed", message={"text": "hello"}),
        slack_event(user, "hello", channel, subtype="channel_join"),
        slack_event(user, "hello", f"C{channel[1:]}"),  # plain channel message, no mention
    ]
    for payload in ignored:
        assert slack.post_event(payload).status_code == 200
    posts = control_turn(slack, user, channel)
    # Only the control message was answered: one greeting.
    assert slack_texts(posts).count(GREETING) == 1
    assert slack.posts_to(f"C{channel[1:]}") == []


@pytest.mark.parametrize(
    "forgery",
    ["wrong_secret", "expired", "missing_signature", "tampered_body"],
)
def test_bad_or_expired_signature_is_401_and_unanswered(slack: SlackDriver, forgery: str) -> None:
    user, channel = ids()
    payload = slack_event(user, "hello", channel)
    if forgery == "wrong_secret":
        response = slack.post_event(payload, secret="not-the-secret")
    elif forgery == "expired":
        response = slack.post_event(payload, timestamp=int(time.time()) - 6 * 60)
    elif forgery == "missing_signature":
        response = slack.post_event(payload, headers={"X-Slack-Signature": ""})
    else:  # signed for one body, sent with another
        body = json.dumps(payload).encode()
        ts = str(int(time.time()))
        response = slack.post(
            body.replace(b"hello", b"HELLO"),
            "application/json",
            headers={
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": sign(slack.secret, ts, body),
            },
        )
    assert response.status_code == 401
    posts = control_turn(slack, user, channel)
    assert slack_texts(posts).count(GREETING) == 1


def test_retries_never_produce_a_second_reply(slack: SlackDriver) -> None:
    user, channel = ids()
    payload = slack_event(user, "hello", channel)
    assert slack.post_event(payload).status_code == 200
    slack.wait_replies(channel, 0, (GREETING,))
    for number, reason in [("1", "http_timeout"), ("2", "http_error"), ("3", "some_new_reason")]:
        response = slack.post_event(
            payload, headers={"X-Slack-Retry-Num": number, "X-Slack-Retry-Reason": reason}
        )
        assert response.status_code == 200
        assert response.headers.get("X-Slack-No-Retry") == "1"
    # The same event delivered again without retry headers is a duplicate too.
    assert slack.post_event(payload).status_code == 200
    # A later question in the same conversation is answered after anything the duplicates
    # started (one conversation's turns run in order): once its answer is there, count.
    since = len(slack.posts_to(channel))
    question = slack_event(user, "what foods have vitamin D?", channel)
    assert slack.post_event(question).status_code == 200
    slack.wait_replies(channel, since, ("salmon",))
    posts = slack.posts_to(channel)
    assert slack_texts(posts).count(GREETING) == 1, slack_texts(posts)


def test_acknowledged_within_3s_while_busy(
    servers: Stack, channel_fakes: Dict[str, FakeApi]
) -> None:
    """Eight people start an assessment at the same moment: every request is still acknowledged
    well within Slack's 3 s, and every one of them gets its answer."""
    driver = SlackDriver(servers, channel_fakes["slack"])
    people = [ids() for _ in range(8)]

    def start(person: tuple) -> int:
        user, channel = person
        return driver.post_event(
            slack_event(user, "why do my muscles twitch?", channel)
        ).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(start, people))
    assert statuses == [200] * 8
    for _, channel in people:
        posts = driver.wait_replies(channel, 0, ("quick safety check",))
        assert "quick safety check" in slack_texts(posts)
    print(f"Slack acks with 8 simultaneous assessments: p95 {p95(driver.latencies):.3f} s")
