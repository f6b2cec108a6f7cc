"""Actions with CollectingDispatcher and the real domain: events and responses."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import pytest
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import ActionAnswerQuestion, ActionAskRephrase, ActionExplainQuestion
from actions.assessment import (
    ActionApplyCorrection,
    ActionRankCauses,
    ActionRedFlagAlert,
    ActionStopAssessment,
)
from actions.form import ValidateTwitchAssessmentForm
from actions.session import ActionSessionStart
from bot.knowledge import Knowledge
from tests.conftest import make_tracker

FORM = "twitch_assessment_form"
# The events Rasa's form sends its validator when it is activated (a temporary tracker).
ACTIVATION = [
    {"event": "user", "text": "why do my muscles twitch?"},
    {"event": "active_loop", "name": FORM},
    {"event": "slot", "name": "requested_slot", "value": None},
    {"event": "action", "name": FORM},
]


def run(action: Any, tracker: Any, domain: Dict, dispatcher: CollectingDispatcher) -> List:
    # The action server gets no domain (endpoints: enable_selective_domain), so neither do
    # the actions here; the ``domain`` argument is not passed on.
    return asyncio.run(action.run(dispatcher, tracker, {}))


def texts(dispatcher: CollectingDispatcher) -> List[str]:
    return [m.get("text") or "" for m in dispatcher.messages]


def test_every_domain_action_has_a_class(domain: Dict) -> None:
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    custom = [a for a in domain["actions"] if not a.startswith("utter_")]
    assert sorted(custom) == sorted(executor.actions)


def test_every_response_used_exists(domain: Dict) -> None:
    for name in ("utter_assessment_stopped", "utter_start_assessment"):
        assert name in domain["responses"]


def test_session_start_sends_disclaimer(domain, dispatcher, knowledge: Knowledge) -> None:
    events = run(ActionSessionStart(), make_tracker(), domain, dispatcher)
    assert [e["event"] for e in events] == ["session_started", "action"]
    assert texts(dispatcher) == [knowledge.safety.disclaimer.text]


def _question(dispatcher: CollectingDispatcher, knowledge: Knowledge, slot: str) -> None:
    """The dispatcher's last message is the question of ``slot``, with its buttons."""
    message = dispatcher.messages[-1]
    assert message["text"].split()[:3] == knowledge.question(slot).ask.split()[:3]
    assert all(b["payload"].startswith("/") for b in message["buttons"])


def test_form_activation_forgets_old_answers_and_asks_red_flags(domain, dispatcher, knowledge):
    """A new assessment: earlier answers cleared, an introduction, the safety screen."""
    old = {"red_flag": False, "diet": "often", "symptoms": ["jitters"], "caffeine_cups": 6.0}
    tracker = make_tracker(
        "why do my muscles twitch?", "start_assessment", old, None, FORM, ACTIVATION
    )
    events = run(ValidateTwitchAssessmentForm(), tracker, domain, dispatcher)
    for name in [*knowledge.question_slots, "caffeine_cups"]:
        assert SlotSet(name, None) in events
    assert events[-1] == SlotSet("requested_slot", "red_flag")
    assert dispatcher.messages[0]["response"] == "utter_start_assessment"
    assert len(dispatcher.messages) == 2
    _question(dispatcher, knowledge, "red_flag")
    assert not any(b["payload"] == "/skip" for b in dispatcher.messages[-1]["buttons"])


def test_form_activation_with_a_red_flag_ends_at_once(domain, dispatcher) -> None:
    text = "my calf twitches and I have chest pain"
    tracker = make_tracker(text, "start_assessment", None, None, FORM, ACTIVATION)
    events = run(ValidateTwitchAssessmentForm(), tracker, domain, dispatcher)
    assert SlotSet("red_flag", True) in events
    assert events[-1] == SlotSet("requested_slot", None)


@pytest.mark.parametrize("slot", ["diet", "caffeine", "symptoms"])
def test_form_resuming_after_a_rule_asks_again(domain, dispatcher, knowledge, slot) -> None:
    """After a side question was answered, the form asks its question again."""
    earlier = {"red_flag": False, "diet": "often", "sun": "often", "caffeine": "low",
               "stress": "low", "medications": ["none"], "hydration": "good"}  # fmt: skip
    order = [*earlier, "symptoms"]
    slots = {k: v for k, v in earlier.items() if order.index(k) < order.index(slot)}
    events = [
        {"event": "user", "text": "why do you ask?"},
        {"event": "action", "name": "action_explain_question"},
        {"event": "bot", "text": "Because ..."},
        {"event": "action", "name": FORM},
    ]
    tracker = make_tracker(
        "why do you ask?", "ask_why", {"requested_slot": slot, **slots}, None, FORM, events
    )
    out = run(ValidateTwitchAssessmentForm(), tracker, domain, dispatcher)
    assert out == [SlotSet("requested_slot", slot)]
    _question(dispatcher, knowledge, slot)
    assert dispatcher.messages[-1]["buttons"][-1]["payload"] == "/skip"


def _validate(domain, dispatcher, text, intent, slot, slots=None, entities=None) -> List[Dict]:
    tracker = make_tracker(
        text, intent, {"requested_slot": slot, **(slots or {})}, entities, active_loop=FORM
    )
    return run(ValidateTwitchAssessmentForm(), tracker, domain, dispatcher)


def test_form_fills_answer_and_asks_next(domain, dispatcher, knowledge) -> None:
    events = _validate(
        domain,
        dispatcher,
        "about six coffees",
        "inform",
        "caffeine",
        {"red_flag": False, "diet": "often", "sun": "often"},
    )
    assert SlotSet("caffeine", "high") in events
    assert SlotSet("caffeine_cups", 6.0) in events
    assert events[-1] == SlotSet("requested_slot", "stress")
    assert len(dispatcher.messages) == 1  # the next question, asked by the validator
    _question(dispatcher, knowledge, "stress")


def test_form_accepts_button_payload(domain, dispatcher) -> None:
    events = _validate(
        domain,
        dispatcher,
        '/inform{"answer": "rarely"}',
        "inform",
        "diet",
        {"red_flag": False},
        [{"entity": "answer", "value": "rarely"}],
    )
    assert SlotSet("diet", "rarely") in events
    assert events[-1] == SlotSet("requested_slot", "sun")


def test_form_skip(domain, dispatcher) -> None:
    events = _validate(domain, dispatcher, "not sure", "skip", "sun", {"red_flag": False})
    assert SlotSet("sun", "skipped") in events


def test_form_rejects_side_question(domain, dispatcher) -> None:
    """A side question returns no events, so the form rejects and a rule answers."""
    assert _validate(domain, dispatcher, "why do you ask?", "ask_why", "diet") == []
    assert _validate(domain, dispatcher, "what is the VDR?", "ask_info", "diet") == []
    assert dispatcher.messages == []


def test_form_reprompts_unclear_answer(domain, dispatcher, knowledge) -> None:
    events = _validate(domain, dispatcher, "purple", "inform", "stress", {"red_flag": False})
    assert events == [SlotSet("stress", None), SlotSet("requested_slot", "stress")]
    assert "Sorry, I didn't catch that" in texts(dispatcher)[0]
    assert len(dispatcher.messages) == 2
    _question(dispatcher, knowledge, "stress")


def test_form_check_again_at_a_question_is_not_a_misunderstanding(
    domain, dispatcher, knowledge
) -> None:
    """ "check my twitching" typed at the safety question: the check is on, the question
    comes again, with no "Sorry, I didn't catch that"."""
    events = _validate(domain, dispatcher, "check my twitching", "start_assessment", "red_flag")
    assert events == [SlotSet("red_flag", None), SlotSet("requested_slot", "red_flag")]
    assert dispatcher.messages[0]["response"] == "utter_already_assessing"
    assert len(dispatcher.messages) == 2
    _question(dispatcher, knowledge, "red_flag")


def test_form_stops_on_red_flag_mid_assessment(domain, dispatcher) -> None:
    events = _validate(
        domain,
        dispatcher,
        "3 coffees, and I have trouble swallowing",
        "inform",
        "caffeine",
        {"red_flag": False},
    )
    assert SlotSet("red_flag", True) in events
    assert SlotSet("red_flags_found", ["swallowing"]) in events
    assert events[-1] == SlotSet("requested_slot", None)


def test_form_last_answer_completes(domain, dispatcher) -> None:
    done = {
        "red_flag": False,
        "diet": "often",
        "sun": "often",
        "caffeine": "low",
        "stress": "low",
        "medications": ["none"],
        "hydration": "good",
    }
    events = _validate(domain, dispatcher, "none of these", "deny", "symptoms", done)
    assert events[-1] == SlotSet("requested_slot", "duration")  # asked last
    done["symptoms"] = ["none"]
    events = _validate(domain, dispatcher, "a couple of weeks", "inform", "duration", done)
    assert SlotSet("duration", "weeks") in events
    assert events[-1] == SlotSet("requested_slot", None)


def test_duration_said_earlier_is_not_asked_and_is_echoed_in_the_close(domain, dispatcher):
    text = "my calf has been twitching for about a month and I drink a lot of coffee"
    tracker = make_tracker(text, "start_assessment", None, None, FORM, ACTIVATION)
    events = run(ValidateTwitchAssessmentForm(), tracker, domain, dispatcher)
    assert SlotSet("duration", "months") in events
    dispatcher.messages.clear()
    understood = [e["value"] for e in events if e.get("name") == "understood"][-1]
    slots = {"red_flag": False, "diet": "often", "sun": "often", "caffeine": "high",
             "stress": "low", "medications": ["none"], "hydration": "good",
             "symptoms": ["none"], "duration": "months", "understood": understood}  # fmt: skip
    run(ActionRankCauses(), make_tracker(slots=slots), domain, dispatcher)
    close = next(t for t in texts(dispatcher) if t.startswith("You said"))
    assert close.startswith("You said it has been going on: for about a month.")
    assert "persistent or bothersome" in close


def test_rank_causes_sends_ranked_result(domain, dispatcher, knowledge) -> None:
    slots = {
        "red_flag": False,
        "diet": "often",
        "sun": "often",
        "caffeine": "high",
        "caffeine_cups": 6.0,
        "stress": "high",
        "medications": ["none"],
        "hydration": "good",
        "symptoms": ["jitters"],
        "duration": "weeks",
    }
    events = run(ActionRankCauses(), make_tracker(slots=slots), domain, dispatcher)
    assert events == [
        SlotSet(
            "last_sources",
            ["result", "cause:excessive_caffeine", "cause:stress_anxiety", "professional"],
        )
    ]
    out = texts(dispatcher)
    assert out[0].startswith("Here is what I understood:") and "about 6 cups" in out[0]
    assert "might play a part:" in out[1] and "most likely" not in " ".join(out)
    lines = [line for line in out[1].splitlines() if line]
    assert lines[1].startswith("• Excessive caffeine: you said you drink about 6 cups")
    assert lines[2].startswith("• Stress and anxiety: you said you feel very stressed")
    assert "How it can lead to twitches" not in out[1]  # details are one tap away
    assert knowledge.safety.disclaimer.text in out[2] and "a few weeks" in out[2]
    titles = [b["title"] for b in dispatcher.messages[-1]["buttons"]]
    assert titles == ["What can help", "Why these?", "About Excessive caffeine",
                      "Summary for my doctor", "Where does it say that?", "Change an answer"]  # fmt: skip


def test_rank_causes_after_red_flag_sends_urgent_message(domain, dispatcher) -> None:
    slots = {"red_flag": True, "red_flags_found": ["chest_pain"]}
    run(ActionRankCauses(), make_tracker(slots=slots), domain, dispatcher)
    (text,) = texts(dispatcher)
    assert "chest pain" in text and "emergency" in text


def test_red_flag_alert_stops_the_form(domain, dispatcher) -> None:
    tracker = make_tracker("I had a seizure", "report_red_flag", active_loop=FORM)
    events = run(ActionRedFlagAlert(), tracker, domain, dispatcher)
    assert ActiveLoop(None) in events and SlotSet("red_flag", True) in events
    assert "seizure" in texts(dispatcher)[0]


@pytest.mark.parametrize(
    "intent,text,needle",
    [
        ("ask_dose", "should I take 50,000 IU a day?", "can't recommend a dose"),
        ("ask_medication", "should I stop my furosemide?", "don't stop"),
        ("ask_serious", "is it serious?", "healthcare professional"),
        ("ask_see_doctor", "when should I see a doctor", "persistent or bothersome"),
        ("ask_info", "what is hypocalcemia?", "hypocalcemia"),
        ("ask_info", "D2 or D3?", "ergocalciferol"),
        ("ask_info", "something vague", "Common causes are"),
    ],
)
def test_answer_question(domain, dispatcher, intent, text, needle) -> None:
    run(ActionAnswerQuestion(), make_tracker(text, intent), domain, dispatcher)
    joined = " ".join(texts(dispatcher))
    assert needle in joined
    if intent == "ask_dose":
        assert "50,000" not in joined and "IU" not in joined


def test_answer_question_topic_from_button(domain, dispatcher, knowledge) -> None:
    tracker = make_tracker(
        '/ask_info{"topic": "mechanism"}',
        "ask_info",
        entities=[{"entity": "topic", "value": "mechanism"}],
    )
    run(ActionAnswerQuestion(), tracker, domain, dispatcher)
    assert texts(dispatcher) == [knowledge.topic("mechanism").answer]


def test_explain_question(domain, dispatcher, knowledge) -> None:
    tracker = make_tracker("why do you ask?", "ask_why", {"requested_slot": "caffeine"})
    run(ActionExplainQuestion(), tracker, domain, dispatcher)
    assert texts(dispatcher) == [knowledge.question("caffeine").why]


def test_correction_in_form(domain, dispatcher) -> None:
    tracker = make_tracker(
        "actually I drink 2 cups not 6",
        "correct",
        {"caffeine": "high", "caffeine_cups": 6.0},
        active_loop=FORM,
    )
    events = run(ActionApplyCorrection(), tracker, domain, dispatcher)
    assert SlotSet("caffeine", "low") in events and SlotSet("caffeine_cups", 2.0) in events
    assert "caffeine" in texts(dispatcher)[0]


def test_correction_after_result_reranks(domain, dispatcher) -> None:
    slots = {
        "red_flag": False,
        "diet": "often",
        "sun": "often",
        "caffeine": "high",
        "caffeine_cups": 6.0,
        "stress": "low",
        "medications": ["none"],
        "hydration": "good",
        "symptoms": ["none"],
        "duration": "days",
        "understood": {"words": {"caffeine": "6 cups of coffee"}},
    }
    tracker = make_tracker("sorry, I only have 1 coffee a day", "correct", slots)
    events = run(ActionApplyCorrection(), tracker, domain, dispatcher)
    out = texts(dispatcher)
    assert "None of the common causes in this article matched your answers" in out[1]
    assert "doesn't rule anything out" in out[1]
    # the words shown beside the answer are the correction's, not the old ones
    understood = next(e["value"] for e in events if e.get("name") == "understood")
    assert understood["words"]["caffeine"] == "sorry, I only have 1 coffee a day"


def test_stop_and_reset_clear_answers(domain, dispatcher) -> None:
    events = run(ActionStopAssessment(), make_tracker(active_loop=FORM), domain, dispatcher)
    assert ActiveLoop(None) in events and SlotSet("caffeine", None) in events
    assert dispatcher.messages[0]["response"] == "utter_assessment_stopped"


def test_ask_rephrase_offers_the_likely_topics(domain, dispatcher) -> None:
    tracker = make_tracker("twitchy dose thing", "nlu_fallback")
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": "ask_dose", "confidence": 0.35},
        {"name": "start_assessment", "confidence": 0.3},
    ]
    run(ActionAskRephrase(), tracker, domain, dispatcher)
    (message,) = dispatcher.messages
    assert message["response"] == "utter_ask_rephrase"
    titles = [b["title"] for b in message["buttons"]]
    assert titles[:2] == ["Vitamin D supplements", "Check my twitching"]
    assert len(titles) == 4
