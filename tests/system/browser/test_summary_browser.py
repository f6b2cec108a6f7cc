"""The short result and the summary for the appointment in a real browser (issue 14).

A visitor goes through the assessment in the widget, sees the short result with its buttons,
taps "Summary for my doctor", opens the link (a new tab, as rasa-webchat opens links) and
prints the page to PDF with Chromium. ``make result-screenshots`` keeps the screenshots in
docs/img/ (else they go to results/).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import List

from playwright.sync_api import Browser, expect

from tests.system.browser.test_widget_browser import TURN_MS, Visit
from tools.stack import ROOT, Stack

SHOTS = Path(os.environ.get("RESULT_SCREENSHOTS", ROOT / "results"))


class PhoneVisit(Visit):
    """A visit in a phone-sized window, as many people open a portal."""

    def __init__(self, browser: Browser, stack: Stack) -> None:
        self.base = stack.rasa_url
        self.context = browser.new_context(viewport={"width": 420, "height": 860})
        self.urls: List[str] = []
        self.dialogs: List[str] = []
        self.context.on("request", lambda request: self.urls.append(request.url))
        self.page = self.context.new_page()
        self.page.on("websocket", lambda ws: self.urls.append(ws.url))
        self.page.on("dialog", self._on_dialog)


def test_the_short_result_then_the_summary_printed_to_pdf(browser: Browser, servers: Stack) -> None:
    visit = PhoneVisit(browser, servers)
    try:
        visit.open_widget()
        expect(visit.page.locator(".rw-response").first).to_be_visible(timeout=TURN_MS)
        visit.say(
            "my left eyelid has been twitching for about a month, I drink 6 coffees a day "
            "and I'm super stressed at work"
        )
        visit.bot_says("quick safety check")
        for answer, next_question in (
            ("no", "foods with vitamin D"),
            ("rarely", "direct sunlight"),
            ("hardly ever", "medicines"),
            ("none", "water"),
            ("plenty", "noticed any of these"),
        ):
            visit.say(answer)
            visit.bot_says(next_question)
        visit.say("none")
        visit.bot_says("might play a part:")
        close = visit.bot_says("not a test or a diagnosis")
        replies = visit.page.locator(".rw-replies .rw-reply")
        expect(replies.first).to_be_visible(timeout=TURN_MS)
        titles = replies.all_inner_texts()
        assert titles[:2] == ["What can help", "Why these?"] and "Summary for my doctor" in titles
        longest = max(len(t) for t in visit.page.locator(".rw-response").all_inner_texts())
        assert longest < 1200, longest
        SHOTS.mkdir(parents=True, exist_ok=True)
        close.scroll_into_view_if_needed()
        visit.page.screenshot(path=str(SHOTS / "short-result.png"))

        replies.filter(has_text="Summary for my doctor").click()
        link = visit.bot_says("summary for the appointment").locator(
            "a", has_text="open the summary"
        )
        expect(link).to_have_attribute("target", "_blank")
        with visit.context.expect_page(timeout=TURN_MS) as opened:
            link.click()
        page = opened.value
        page.wait_for_load_state()
        assert "/portal/summary/" in page.url
        body = page.locator("body")
        for expected in ("notes for my appointment", "Where: eyelid", "for about a month",
                         "about 6 cups", "My answer: none of these", "Excessive caffeine"):  # fmt: skip
            expect(body).to_contain_text(expected)
        page.set_viewport_size({"width": 900, "height": 1200})
        page.screenshot(path=str(SHOTS / "summary.png"), full_page=True)
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
        (ROOT / "results").mkdir(exist_ok=True)
        (ROOT / "results" / "summary.pdf").write_bytes(pdf)
        assert any("/portal/summary/" in url for url in visit.urls)  # the context saw it all
        assert visit.offsite() == [] and visit.dialogs == []
    finally:
        visit.close()
