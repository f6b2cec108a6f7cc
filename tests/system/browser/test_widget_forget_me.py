"""Delete my data in the web widget (Chromium): after "Yes, delete it" the conversation is gone
from the database, and the page forgets it too and opens a fresh session with a new id."""

from __future__ import annotations

import sqlite3
import uuid

from playwright.sync_api import Browser, expect

from tests.system.browser.test_widget_browser import TURN_MS, Visit
from tools.stack import Stack


def rows(stack: Stack, sender: str) -> int:
    with sqlite3.connect(stack.workdir / "trackers.db") as db:
        query = "SELECT count(*) FROM events WHERE sender_id = ?"
        return int(db.execute(query, (sender,)).fetchone()[0])


def test_delete_my_data_in_the_widget_starts_a_fresh_session(
    browser: Browser, servers: Stack
) -> None:
    visit = Visit(browser, servers)
    try:
        visit.open_widget()
        expect(visit.page.locator(".rw-response").first).to_be_visible(timeout=TURN_MS)
        visit.say("my eyelid keeps twitching")
        old_id = visit.session_id()
        assert rows(servers, old_id) > 0

        visit.say("delete my data")
        visit.bot_says("cannot be recovered")
        replies = visit.page.locator(".rw-replies .rw-reply")
        expect(replies).to_have_text(["Yes, delete it", "No, keep it"], timeout=TURN_MS)
        replies.filter(has_text="Yes, delete it").click()
        visit.bot_says("this conversation has been deleted")
        assert rows(servers, old_id) == 0

        # portal.js clears the stored conversation and reloads: a new id, none of the old words.
        visit.page.wait_for_function(
            "id => { const s = localStorage.getItem('chat_session');"
            " return s && JSON.parse(s).session_id && JSON.parse(s).session_id !== id; }",
            arg=old_id,
            timeout=TURN_MS,
        )
        new_id = visit.session_id()
        assert new_id != old_id and uuid.UUID(new_id).version == 4
        expect(visit.page.locator(".rw-launcher")).to_be_visible(timeout=TURN_MS)
        if not visit.page.locator(".rw-conversation-container").is_visible():
            visit.page.locator(".rw-launcher").click()
        expect(visit.page.locator(".rw-response").first).to_be_visible(timeout=TURN_MS)
        assert "my eyelid keeps twitching" not in visit.page.content()
        assert rows(servers, old_id) == 0
        assert visit.offsite() == []
    finally:
        visit.close()
