"""The web widget in a real browser: Debian's Chromium, driven by Playwright for Python.

Each test opens the demo portal page that the running stack serves (``/portal/``), opens the
rasa-webchat widget and talks to the bot over socket.io, like a visitor does. Every request and
websocket the page opens is recorded: anything that leaves the loopback server fails the test.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path
from typing import Any, Callable, List
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, WebSocketRoute, expect

from bot.knowledge import Knowledge
from tools.stack import ROOT, Stack

TURN_MS = 90_000  # a bot turn (the widget adds 0.8-3 s of typing delay per message)
XSS = "<img src=x onerror=alert(1)>"
# make widget-screenshot sets this to docs/img/widget.png
SCREENSHOT = Path(os.environ.get("WIDGET_SCREENSHOT", ROOT / "results" / "widget.png"))


class Visit:
    """One browser context (a visitor with its own storage) on the portal page."""

    def __init__(self, browser: Browser, stack: Stack) -> None:
        self.base = stack.rasa_url
        self.context = browser.new_context(viewport={"width": 1280, "height": 860})
        self.urls: List[str] = []
        self.dialogs: List[str] = []
        self.context.on("request", lambda request: self.urls.append(request.url))
        self.page: Page = self.context.new_page()
        self.page.on("websocket", lambda ws: self.urls.append(ws.url))
        self.page.on("dialog", self._on_dialog)

    def _on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open_widget(self) -> None:
        self.page.goto(f"{self.base}/portal/")
        launcher = self.page.locator(".rw-launcher")
        expect(launcher).to_be_visible(timeout=TURN_MS)  # shown once the socket is connected
        if not self.page.locator(".rw-conversation-container").is_visible():
            launcher.click()
        expect(self.page.locator(".rw-conversation-container")).to_be_visible()

    def bot_says(self, text: str) -> Locator:
        """Wait until a bot message containing ``text`` is shown; return it."""
        message = self.page.locator(".rw-response", has_text=text).last
        expect(message).to_be_visible(timeout=TURN_MS)
        return message

    def say(self, text: str) -> None:
        field = self.page.locator(".rw-new-message")
        field.fill(text)
        field.press("Enter")
        expect(self.user_messages().last).to_have_text(text, timeout=10_000)

    def user_messages(self) -> Locator:
        return self.page.locator(".rw-client .rw-message-text")

    def session_id(self) -> str:
        stored = self.page.evaluate("localStorage.getItem('chat_session')")
        assert stored, "the widget stored no session"
        return str(json.loads(stored)["session_id"])

    def offsite(self) -> List[str]:
        """Every URL the page asked for that is not on the loopback server."""
        bad = []
        for url in self.urls:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.scheme not in ("http", "https", "ws", "wss") or parts.hostname not in (
                "127.0.0.1",
                "localhost",
            ):
                bad.append(url)
        return bad

    def close(self) -> None:
        self.context.close()


def ask_prefix(knowledge: Knowledge, index: int) -> str:
    """The start of question ``index`` as the bot words it (up to its first placeholder)."""
    return knowledge.questions.questions[index].ask.split("{")[0][:60]


def test_assessment_in_the_widget_survives_a_reload(
    browser: Browser, servers: Stack, knowledge: Knowledge
) -> None:
    visit = Visit(browser, servers)
    try:
        visit.open_widget()
        greeting = visit.page.locator(".rw-response").first
        expect(greeting).to_be_visible(timeout=TURN_MS)  # the initial message (/greet) answered

        visit.say("why do my muscles twitch")
        red_flag = ask_prefix(knowledge, 0)
        visit.bot_says(red_flag)
        # The red-flag screen: the first question with its Yes / No / Not sure buttons.
        titles = [option.title for option in knowledge.questions.questions[0].options]
        replies = visit.page.locator(".rw-replies .rw-reply")
        expect(replies).to_have_count(len(titles), timeout=TURN_MS)
        expect(replies).to_have_text(titles)

        no = next(o.title for o in knowledge.questions.questions[0].options if o.value == "no")
        replies.filter(has_text=no).click()  # "No, none of these": sends the payload
        expect(visit.user_messages().last).to_have_text(no)
        visit.bot_says(ask_prefix(knowledge, 1))

        visit.say("rarely")  # answering a question in words
        visit.bot_says(ask_prefix(knowledge, 2))
        expect(visit.page.locator(".rw-replies .rw-reply").first).to_be_visible()
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        visit.page.screenshot(path=str(SCREENSHOT))

        session_id = visit.session_id()
        assert uuid.UUID(session_id).version == 4
        shown_before = visit.user_messages().all_inner_texts()
        assert shown_before[-3:] == ["why do my muscles twitch", no, "rarely"]

        visit.page.reload()
        expect(visit.page.locator(".rw-conversation-container")).to_be_visible(timeout=TURN_MS)
        visit.bot_says(ask_prefix(knowledge, 2))  # the history is shown again
        expect(visit.user_messages()).to_have_text(shown_before)
        assert visit.session_id() == session_id  # same conversation after the reload

        # The conversation goes on with the same id after the reload.
        visit.say("not sure")
        visit.bot_says(ask_prefix(knowledge, 3))
        assert visit.session_id() == session_id

        assert visit.dialogs == []
        assert visit.offsite() == [], "the page made requests off the server"
        # websocket_only (default): the conversation went over websockets, never long-polling
        sockets = [url for url in visit.urls if "/socket.io/" in url]
        assert sockets and all(url.startswith("ws://") for url in sockets), sockets
    finally:
        visit.close()


def test_a_new_browser_does_not_see_another_conversation(
    browser: Browser, servers: Stack, knowledge: Knowledge
) -> None:
    first, second = Visit(browser, servers), Visit(browser, servers)
    try:
        first.open_widget()
        first.say("why do my muscles twitch")
        first.bot_says(ask_prefix(knowledge, 0))

        second.open_widget()
        expect(second.page.locator(".rw-response").first).to_be_visible(timeout=TURN_MS)
        assert second.session_id() != first.session_id()
        assert uuid.UUID(second.session_id()).version == 4
        assert "why do my muscles twitch" not in second.user_messages().all_inner_texts()
        assert second.page.locator(".rw-response", has_text=ask_prefix(knowledge, 0)).count() == 0
        assert first.offsite() == [] and second.offsite() == []
    finally:
        first.close()
        second.close()


def test_html_in_a_user_message_is_shown_as_text(browser: Browser, servers: Stack) -> None:
    visit = Visit(browser, servers)
    try:
        visit.open_widget()
        expect(visit.page.locator(".rw-response").first).to_be_visible(timeout=TURN_MS)
        answers_before = visit.page.locator(".rw-response").count()
        visit.say(XSS)
        # The bot answered it (the round trip happened) ...
        expect(visit.page.locator(".rw-response")).not_to_have_count(
            answers_before, timeout=TURN_MS
        )
        # ... and the message is literal text: no element was made of it, nothing ran.
        expect(visit.user_messages().last).to_have_text(XSS)
        assert visit.page.locator(".rw-messages-container img[src='x']").count() == 0
        assert visit.page.locator(".rw-messages-container [onerror]").count() == 0
        assert visit.dialogs == []
        assert not [url for url in visit.urls if urlsplit(url).path.endswith("/x")]
        assert visit.offsite() == []
    finally:
        visit.close()


def _inject_into_bot_text(frame: str | bytes, payload: str) -> str | bytes:
    """Prefix the text of a socket.io ``bot_uttered`` frame (``42["bot_uttered", {...}]``)."""
    if not isinstance(frame, str) or not frame.startswith("42"):
        return frame
    event = json.loads(frame[2:])
    if event[0] != "bot_uttered" or not isinstance(event[1], dict) or "text" not in event[1]:
        return frame
    event[1]["text"] = f"{payload} {event[1]['text']}"
    return "42" + json.dumps(event)


@pytest.mark.parametrize(
    "payload, shown",
    [(XSS, XSS), ("<script>alert(2)</script>", "<script>alert(2)</script>")],
    ids=["img-onerror", "script"],
)
def test_html_in_a_bot_message_is_shown_as_text(
    browser: Browser, servers: Stack, payload: str, shown: str
) -> None:
    """A knowledge string with HTML would reach the widget like this: it must not run."""
    visit = Visit(browser, servers)
    visit.page.route_web_socket(re.compile(r".*/socket\.io/.*"), _tamper(payload))
    try:
        visit.open_widget()
        expect(visit.page.locator(".rw-response").first).to_be_visible(timeout=TURN_MS)
        visit.say("why do my muscles twitch")
        expect(visit.page.locator(".rw-response", has_text=shown).last).to_be_visible(
            timeout=TURN_MS
        )
        container = visit.page.locator(".rw-messages-container")
        assert container.locator("img[src='x'], [onerror], script").count() == 0
        assert visit.dialogs == []
        assert visit.offsite() == []
    finally:
        visit.close()


def test_a_javascript_link_in_a_bot_message_does_not_run(browser: Browser, servers: Stack) -> None:
    """rasa-webchat's markdown keeps ``javascript:`` links; the portal's CSP refuses to run them.

    (The server also rewrites such links before sending: see ``safe_markdown``; this test
    tampers with the frames after the server, to check the page's own guard.)
    """
    visit = Visit(browser, servers)
    console: List[str] = []
    visit.page.on("console", lambda message: console.append(message.text))
    visit.page.route_web_socket(
        re.compile(r".*/socket\.io/.*"), _tamper("[click me](javascript:alert(3))")
    )
    try:
        visit.open_widget()
        expect(visit.page.locator(".rw-response").first).to_be_visible(timeout=TURN_MS)
        visit.say("why do my muscles twitch")
        link = visit.page.locator(".rw-response a", has_text="click me").last
        expect(link).to_be_visible(timeout=TURN_MS)
        link.click()
        # Wait for the browser's refusal (positive, bounded), then check nothing ran.
        for _ in range(100):
            if any("Content Security Policy" in text for text in console):
                break
            visit.page.wait_for_timeout(100)
        assert any("Content Security Policy" in text for text in console), console
        assert visit.dialogs == []
    finally:
        visit.close()


def _tamper(payload: str) -> Callable[[WebSocketRoute], None]:
    """A websocket route that prefixes every bot text with ``payload`` (as if the bot sent it)."""

    def route(ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        ws.on_message(server.send)
        server.on_message(lambda frame: ws.send(_inject_into_bot_text(frame, payload)))

    return route


def test_the_iframe_variant_shows_the_open_conversation(browser: Browser, servers: Stack) -> None:
    """``/portal/embed`` (what a portal puts in an iframe) shows the chat open, no launcher."""
    visit = Visit(browser, servers)
    try:
        visit.page.goto(f"{servers.rasa_url}/portal/embed")
        expect(visit.page.locator(".rw-conversation-container")).to_be_visible(timeout=TURN_MS)
        expect(visit.page.locator(".rw-response").first).to_be_visible(timeout=TURN_MS)
        assert visit.page.locator(".rw-launcher").count() == 0
        visit.say("hello")
        expect(visit.page.locator(".rw-response")).not_to_have_count(1, timeout=TURN_MS)
        assert visit.dialogs == [] and visit.offsite() == []
    finally:
        visit.close()
