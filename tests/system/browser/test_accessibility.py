"""Accessibility of the demo portal and the widget as served (docs/accessibility.md).

axe-core (the pinned npm devDependency, ``node_modules/axe-core``) is put into the page by
Playwright (``page.evaluate`` goes through the DevTools protocol, which the page's
Content-Security-Policy does not govern: the policy stays as served, no inline script is
allowed) and run with the WCAG 2.0/2.1 A and AA rules on the portal with the widget closed,
open, mid-assessment and showing a result, and on the iframe page. No serious or critical
violation may be left; every violation found is written to ``results/a11y/axe.json``.

A whole assessment is then done with the keyboard alone, and the widget's motion is checked
with ``prefers-reduced-motion: reduce``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any, Dict, List

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from bot.knowledge import Knowledge
from tests.system.browser.test_widget_browser import TURN_MS, Visit, ask_prefix
from tools.stack import ROOT, Stack

AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe's best practices (landmarks, heading order ...) are run too: reported, not asserted.
OTHER_TAGS = ["best-practice"]
BLOCKING = ("critical", "serious")
IMPACTS = ("critical", "serious", "moderate", "minor")
REPORT = ROOT / "results" / "a11y" / "axe.json"
RESULT_TEXT = "might play a part"  # every ranked cause in the result says so
MAX_TABS = 40  # key presses allowed to reach one control

RUN_AXE = """(tags) => axe.run(document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]
}).then((result) => result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, tags: v.tags,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html.slice(0, 200),
                                summary: n.failureSummary}))
})))"""

# Animations with an end that are still running (the typing dots loop forever: ignored).
FINITE_ANIMATIONS = """() => document.getAnimations().filter((a) =>
    a.playState === "running" && Number.isFinite(a.effect.getComputedTiming().endTime)).length"""


def still(page: Page) -> None:
    """Wait until no transition or entry animation runs (polled with ``page.evaluate``:
    ``wait_for_function`` would evaluate a string in the page, which the CSP forbids)."""
    for _ in range(100):
        if page.evaluate(FINITE_ANIMATIONS) == 0:
            return
        page.wait_for_timeout(100)
    pytest.fail("the page kept animating for 10 s")


def settle(page: Page) -> None:
    """Wait until the bot has finished typing and nothing moves."""
    expect(page.locator(".rw-typing-indication")).to_have_count(0, timeout=TURN_MS)
    still(page)


def run_axe(page: Page) -> List[Dict[str, Any]]:
    """axe-core's violations on the page as it is now (WCAG 2.1 A/AA and best practices)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;true")
    violations: List[Dict[str, Any]] = page.evaluate(RUN_AXE, WCAG_TAGS + OTHER_TAGS)
    for v in violations:
        v["wcag"] = bool(set(v["tags"]) & set(WCAG_TAGS))
    return violations


def by_impact(violations: List[Dict[str, Any]]) -> Dict[str, Dict[str, int]]:
    """Rules violated and elements affected, per impact."""
    rules = Counter(v["impact"] for v in violations)
    nodes: Counter[str] = Counter()
    for v in violations:
        nodes[v["impact"]] += len(v["nodes"])
    return {impact: {"rules": rules[impact], "elements": nodes[impact]} for impact in IMPACTS}


def write_report(found: Dict[str, List[Dict[str, Any]]]) -> None:
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "axe_core": json.loads((AXE_JS.parent / "package.json").read_text())["version"],
        "tags": WCAG_TAGS,
        "summary": {
            state: by_impact([v for v in violations if v["wcag"]])
            for state, violations in found.items()
        },
        "best_practice_summary": {
            state: by_impact([v for v in violations if not v["wcag"]])
            for state, violations in found.items()
        },
        "violations": found,
    }
    REPORT.write_text(json.dumps(report, indent=2) + "\n")


def blocking(found: Dict[str, List[Dict[str, Any]]]) -> List[str]:
    return [
        f"{state}: [{v['impact']}] {v['id']} ({v['help']}) on "
        + ", ".join(n["target"] for n in v["nodes"])
        for state, violations in found.items()
        for v in violations
        if v["wcag"] and v["impact"] in BLOCKING
    ]


def test_axe_finds_no_serious_or_critical_violation(
    browser: Browser, servers: Stack, knowledge: Knowledge
) -> None:
    """Closed, open, mid-assessment, result (portal page), the iframe page, a phone."""
    found: Dict[str, List[Dict[str, Any]]] = {}
    visit = Visit(browser, servers)
    try:
        page = visit.page
        page.goto(f"{servers.rasa_url}/portal/")
        expect(page.locator(".rw-launcher")).to_be_visible(timeout=TURN_MS)
        still(page)
        found["closed"] = run_axe(page)

        page.locator(".rw-launcher").click()
        expect(page.locator(".rw-conversation-container")).to_be_visible()
        expect(page.locator(".rw-replies .rw-reply").first).to_be_visible(timeout=TURN_MS)
        settle(page)
        found["open"] = run_axe(page)

        visit.say("why do my muscles twitch")
        visit.bot_says(ask_prefix(knowledge, 0))
        expect(page.locator(".rw-replies .rw-reply")).to_have_count(
            len(knowledge.questions.questions[0].options), timeout=TURN_MS
        )
        settle(page)
        found["mid-assessment"] = run_axe(page)

        page.locator(".rw-replies .rw-reply", has_text="No, none of these").click()
        visit.bot_says(ask_prefix(knowledge, 1))
        page.locator(".rw-replies .rw-reply", has_text="Most days").click()
        visit.bot_says(ask_prefix(knowledge, 2))
        for answer, next_question in [
            ("hardly ever", 3),
            ("six", 4),
            ("very stressed lately", 5),
            ("no medications", 6),
            ("plenty of water", 7),
            ("jitters", 8),
        ]:
            visit.say(answer)
            visit.bot_says(ask_prefix(knowledge, next_question))
        visit.say("for about three weeks")
        visit.bot_says(RESULT_TEXT)
        settle(page)
        found["result"] = run_axe(page)

        page.goto(f"{servers.rasa_url}/portal/embed")
        expect(page.locator(".rw-response").first).to_be_visible(timeout=TURN_MS)
        settle(page)
        found["iframe page"] = run_axe(page)

        # A phone: the open chat takes the whole screen, its close button in the header.
        page.set_viewport_size({"width": 375, "height": 700})
        page.goto(f"{servers.rasa_url}/portal/")  # the chat is still open (kept by the widget)
        expect(page.locator(".rw-close-button")).to_be_visible(timeout=TURN_MS)
        settle(page)
        found["open, phone (375 px)"] = run_axe(page)
    finally:
        write_report(found)
        visit.close()
    problems = blocking(found)
    assert not problems, "\n".join([*problems, f"(every violation: {REPORT})"])


def focused(page: Page) -> Dict[str, Any]:
    """What has the keyboard focus: its classes, text and focus ring."""
    info: Dict[str, Any] = page.evaluate(
        """() => {
            const e = document.activeElement;
            const s = getComputedStyle(e);
            return {cls: e.className && e.className.baseVal === undefined ? e.className : "",
                    tag: e.tagName, text: (e.innerText || "").trim(),
                    outline: s.outlineStyle, width: parseFloat(s.outlineWidth)};
        }"""
    )
    return info


def press_until(page: Page, key: str, wanted: re.Pattern[str], text: str = "") -> None:
    """Press ``key`` (Tab or Shift+Tab) until the focused element's classes match ``wanted``
    (and its text is ``text``, when given); the element must show a focus ring."""
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        now = focused(page)
        if wanted.search(now["cls"]) and (not text or now["text"] == text):
            assert now["outline"] != "none" and now["width"] >= 2, f"no visible focus: {now}"
            return
    pytest.fail(f"{key} x{MAX_TABS} never reached {wanted.pattern} {text!r}")


def choose(page: Page, title: str, key: str = "Enter") -> None:
    """Go back from the text field to the quick reply ``title`` and press it with ``key``."""
    reply = page.locator(".rw-replies .rw-reply", has_text=title)
    expect(reply).to_be_visible(timeout=TURN_MS)
    press_until(page, "Shift+Tab", re.compile(r"\brw-reply\b"), title)
    page.keyboard.press(key)
    expect(page.locator(".rw-client .rw-message-text").last).to_have_text(title)
    # the replies are gone with the answer: the focus is back in the text field
    expect(page.locator(".rw-new-message")).to_be_focused()


def type_answer(page: Page, text: str) -> None:
    expect(page.locator(".rw-new-message")).to_be_focused()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(page.locator(".rw-client .rw-message-text").last).to_have_text(text)


def test_a_whole_assessment_with_the_keyboard_alone(
    browser: Browser, servers: Stack, knowledge: Knowledge
) -> None:
    """Tab to the launcher, Enter, type, quick replies by Shift+Tab and Enter/Space: a result."""
    visit = Visit(browser, servers)
    try:
        page = visit.page
        page.goto(f"{servers.rasa_url}/portal/")
        expect(page.locator(".rw-launcher")).to_be_visible(timeout=TURN_MS)
        press_until(page, "Tab", re.compile(r"\brw-launcher\b"))
        launcher = page.locator(".rw-launcher")
        expect(launcher).to_have_attribute("aria-expanded", "false")
        page.keyboard.press("Enter")
        expect(page.locator(".rw-conversation-container")).to_be_visible()
        expect(launcher).to_have_attribute("aria-expanded", "true")

        # Bot messages are in a polite live region, the log of the conversation.
        log = page.locator(".rw-messages-container")
        expect(log).to_have_attribute("role", "log")
        expect(log).to_have_attribute("aria-live", "polite")
        greeting = page.locator(".rw-response").first
        expect(greeting).to_be_visible(timeout=TURN_MS)
        assert greeting.evaluate("e => e.closest('[aria-live]').getAttribute('aria-live')") == (
            "polite"
        )

        type_answer(page, "why do my muscles twitch")
        visit.bot_says(ask_prefix(knowledge, 0))
        choose(page, "No, none of these")
        visit.bot_says(ask_prefix(knowledge, 1))
        choose(page, "Most days", key=" ")  # Space works as well as Enter
        visit.bot_says(ask_prefix(knowledge, 2))
        type_answer(page, "hardly ever")
        visit.bot_says(ask_prefix(knowledge, 3))
        choose(page, "5 or more")
        visit.bot_says(ask_prefix(knowledge, 4))
        type_answer(page, "very stressed lately")
        visit.bot_says(ask_prefix(knowledge, 5))
        choose(page, "None")
        visit.bot_says(ask_prefix(knowledge, 6))
        type_answer(page, "plenty of water")
        visit.bot_says(ask_prefix(knowledge, 7))
        choose(page, "None of these")
        visit.bot_says(ask_prefix(knowledge, 8))
        choose(page, "A few weeks", key=" ")
        visit.bot_says(RESULT_TEXT)

        # The conversation can be scrolled from the keyboard: its log takes the focus.
        press_until(page, "Shift+Tab", re.compile(r"\brw-messages-container\b"))
        assert visit.dialogs == [] and visit.offsite() == []
    finally:
        visit.close()


# Longest animation / transition of any element of the widget, in seconds.
LONGEST_MOTION = """() => {
    const seconds = (v) => Math.max(...v.split(",").map((t) =>
        t.trim().endsWith("ms") ? parseFloat(t) / 1000 : parseFloat(t)));
    let longest = 0;
    for (const e of document.querySelectorAll(".rw-widget-container, .rw-widget-container *")) {
        const s = getComputedStyle(e);
        if (s.animationName !== "none") longest = Math.max(longest, seconds(s.animationDuration));
        longest = Math.max(longest, seconds(s.transitionDuration));
    }
    return longest;
}"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_the_widget_honours_prefers_reduced_motion(
    browser: Browser, servers: Stack, motion: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 860}, reduced_motion=motion)
    try:
        page = context.new_page()
        page.goto(f"{servers.rasa_url}/portal/")
        expect(page.locator(".rw-launcher")).to_be_visible(timeout=TURN_MS)
        page.locator(".rw-launcher").click()
        expect(page.locator(".rw-typing-indication, .rw-response").first).to_be_visible(
            timeout=TURN_MS
        )
        longest = page.evaluate(LONGEST_MOTION)
        if motion == "reduce":
            assert longest <= 0.001, f"a widget animation still lasts {longest} s"
        else:  # the check measures something: the widget does animate by default
            assert longest >= 0.1
    finally:
        context.close()


def test_axe_core_is_never_served(servers: Stack) -> None:
    """axe-core is a test tool: not an asset of the portal, not named by its pages."""
    for name in ("axe.min.js", "axe.js", "../../node_modules/axe-core/axe.min.js"):
        response = requests.get(f"{servers.rasa_url}/portal/assets/{name}", timeout=10)
        assert response.status_code == 404, name
    for page in ("", "embed"):
        text = requests.get(f"{servers.rasa_url}/portal/{page}", timeout=10).text
        assert "axe.min" not in text and "axe-core" not in text
