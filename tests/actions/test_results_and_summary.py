"""Actions of the short result's buttons: why these, the source, change an answer, the
summary's link or text (issue 14)."""

from __future__ import annotations

import re
import time

from rasa_sdk.events import SlotSet

from actions.answers import ActionExplainQuestion, ActionShowSource
from actions.assessment import ActionApplyCorrection
from actions.summary import ActionSummary
from tests.actions.test_actions import run, texts
from tests.conftest import make_tracker

FINISHED = {"red_flag": False, "diet": "often", "sun": "rarely", "caffeine": "high",
            "caffeine_cups": 6.0, "stress": "high", "medications": ["none"],
            "hydration": "good", "symptoms": ["none"], "duration": "weeks"}  # fmt: skip


def _from(channel: str) -> list:
    return [{"event": "user", "text": "summary please", "input_channel": channel}]


def test_the_widget_gets_a_link_with_a_new_token(domain, dispatcher) -> None:
    tracker = make_tracker("summary please", "ask_summary", FINISHED, None, None, _from("socketio"))
    events = run(ActionSummary(), tracker, domain, dispatcher)
    (text,) = texts(dispatcher)
    token = re.search(r"\(/portal/summary/([0-9a-f]{40})\)", text).group(1)
    expires = next(e["value"] for e in events if e["name"] == "summary_expires")
    assert SlotSet("summary_token", token) in events
    assert 23.9 * 3600 < expires - time.time() <= 24 * 3600
    assert "24 hours" in text and "Excessive caffeine" not in text  # no health data in chat


def test_a_live_link_is_handed_out_again_and_an_expired_one_replaced(domain, dispatcher) -> None:
    live = {**FINISHED, "summary_token": "a" * 40, "summary_expires": time.time() + 3600}
    tracker = make_tracker("summary", "ask_summary", live, None, None, _from("socketio"))
    assert run(ActionSummary(), tracker, domain, dispatcher) == []
    assert "/portal/summary/" + "a" * 40 in texts(dispatcher)[0]
    dispatcher.messages.clear()
    expired = {**live, "summary_expires": time.time() - 1}
    tracker = make_tracker("summary", "ask_summary", expired, None, None, _from("socketio"))
    events = run(ActionSummary(), tracker, domain, dispatcher)
    token = next(e["value"] for e in events if e["name"] == "summary_token")
    assert token != "a" * 40 and f"/portal/summary/{token}" in texts(dispatcher)[0]


def test_the_public_url_and_the_lifetime_come_from_the_environment(
    domain, dispatcher, monkeypatch
) -> None:
    monkeypatch.setenv("TWITCH_PUBLIC_URL", "https://clinic.example/")
    monkeypatch.setenv("TWITCH_SUMMARY_HOURS", "2")
    tracker = make_tracker("summary", "ask_summary", FINISHED, None, None, _from("socketio"))
    events = run(ActionSummary(), tracker, domain, dispatcher)
    assert "(https://clinic.example/portal/summary/" in texts(dispatcher)[0]
    assert "about 2 hours" in texts(dispatcher)[0]
    expires = next(e["value"] for e in events if e["name"] == "summary_expires")
    assert 1.9 * 3600 < expires - time.time() <= 2 * 3600


def test_slack_and_telegram_get_the_summary_as_text_and_no_link(domain, dispatcher) -> None:
    for channel in ("slack", "telegram"):
        dispatcher.messages.clear()
        tracker = make_tracker("summary", "ask_summary", FINISHED, None, None, _from(channel))
        assert run(ActionSummary(), tracker, domain, dispatcher) == []
        intro, summary = texts(dispatcher)
        assert "show your doctor" in intro and "/portal/summary/" not in summary
        assert "Excessive caffeine: you said you drink about 6 cups" in summary
        assert "How long: a few weeks" in summary


def test_no_summary_before_the_safety_check(domain, dispatcher) -> None:
    tracker = make_tracker("summary", "ask_summary", {}, None, None, _from("socketio"))
    assert run(ActionSummary(), tracker, domain, dispatcher) == []
    assert "once we've gone through the questions" in texts(dispatcher)[0]


def test_why_these_after_a_result_explains_each_cause(domain, dispatcher) -> None:
    events = run(ActionExplainQuestion(), make_tracker("why these?", "ask_why", FINISHED),
                 domain, dispatcher)  # fmt: skip
    out = texts(dispatcher)
    assert out[0].startswith("Why these:")
    assert any("Excessive caffeine might play a part, because you said" in t for t in out)
    refs = next(e["value"] for e in events if e["name"] == "last_sources")
    assert "cause:excessive_caffeine" in refs and "cause:stress_anxiety" in refs


def test_where_does_it_say_that_quotes_the_last_answers_passages(domain, dispatcher) -> None:
    slots = {**FINISHED, "last_sources": ["cause:excessive_caffeine"]}
    run(ActionShowSource(), make_tracker("where does it say that?", "ask_source", slots),
        domain, dispatcher)  # fmt: skip
    out = texts(dispatcher)
    assert out[0].startswith('From the article "The Mechanism Behind Low Vitamin D')
    assert "row 'Excessive Caffeine'" in out[1] and "Acts as a stimulant" in out[1]


def test_change_an_answer_lists_the_answers_to_change(domain, dispatcher) -> None:
    run(ActionApplyCorrection(), make_tracker("/correct", "correct", FINISHED), domain, dispatcher)
    listed, how = texts(dispatcher)
    assert listed.startswith("Your answers so far:") and "about 6 cups" in listed
    assert "actually I drink 2 cups a day" in how


def test_a_topic_answer_offers_where_does_it_say_that(domain, dispatcher) -> None:
    from actions.answers import ActionAnswerQuestion

    tracker = make_tracker("can coffee make my muscles twitch", "ask_info", {},
                           [{"entity": "topic", "value": "caffeine"}])  # fmt: skip
    events = run(ActionAnswerQuestion(), tracker, domain, dispatcher)
    assert [b["title"] for b in dispatcher.messages[-1]["buttons"]] == ["Where does it say that?"]
    refs = next(e["value"] for e in events if e["name"] == "last_sources")
    assert refs[0] == "topic:caffeine" and "cause:excessive_caffeine" in refs
