"""The form with the message reader: volunteered answers, the safety check that cannot
be skipped, warning signs at any turn, medicines by class and status (issues 11, 12)."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk.events import SlotSet

from actions.assessment import ActionRankCauses, ActionRedFlagAlert
from actions.form import ValidateTwitchAssessmentForm
from tests.actions.test_actions import ACTIVATION, FORM, run, texts
from tests.conftest import make_tracker

FULL = {"red_flag": False, "diet": "often", "sun": "often", "caffeine": "low",
        "stress": "low", "medications": ["none"], "hydration": "good", "symptoms": ["none"],
        "duration": "weeks"}  # fmt: skip


def _validate(domain, dispatcher, text, intent, slot, slots=None) -> List[Dict[str, Any]]:
    tracker = make_tracker(text, intent, {"requested_slot": slot, **(slots or {})}, None, FORM)
    return run(ValidateTwitchAssessmentForm(), tracker, domain, dispatcher)


def test_an_opening_description_fills_two_questions_and_says_so(domain, dispatcher) -> None:
    text = "my eyelid twitches all day, I drink 5 coffees a day and I'm super stressed about exams"
    tracker = make_tracker(text, "start_assessment", None, None, FORM, ACTIVATION)
    events = run(ValidateTwitchAssessmentForm(), tracker, domain, dispatcher)
    assert SlotSet("caffeine", "high") in events and SlotSet("caffeine_cups", 5.0) in events
    assert SlotSet("stress", "high") in events
    out = texts(dispatcher)
    noted = next(t for t in out if t.startswith("You mentioned"))
    assert "5 coffees" in noted and "super stressed about exams" in noted and "actually" in noted
    # the safety check is never skipped: it is still the first question
    assert events[-1] == SlotSet("requested_slot", "red_flag")


def test_a_two_fact_answer_fills_both(domain, dispatcher) -> None:
    slots = {"red_flag": False, "diet": "often", "sun": "often"}
    events = _validate(domain, dispatcher, "about 6 cups of coffee, and I'm really stressed at work",
                       "inform", "caffeine", slots)  # fmt: skip
    assert SlotSet("caffeine", "high") in events and SlotSet("stress", "high") in events
    assert events[-1] == SlotSet("requested_slot", "medications")  # stress skipped


def test_drinks_are_summed(domain, dispatcher) -> None:
    slots = {"red_flag": False, "diet": "often", "sun": "often"}
    events = _validate(domain, dispatcher, "4 coffees and a monster", "inform", "caffeine", slots)
    assert SlotSet("caffeine", "high") in events and SlotSet("caffeine_cups", 5.0) in events


def test_an_answer_filed_as_another_intent_is_still_taken(domain, dispatcher) -> None:
    slots = {"red_flag": False, "diet": "often", "sun": "often", "caffeine": "low", "stress": "low",
             "medications": ["none"]}  # fmt: skip
    _validate(domain, dispatcher, "about 4 glasses a day", "ask_info", "hydration", slots)
    assert "thirsty" in texts(dispatcher)[0]  # an amount: the thirst question, not a side answer
    dispatcher.messages.clear()
    events = _validate(domain, dispatcher, "like three or four cans of red bull", "ask_info",
                       "caffeine", {"red_flag": False, "diet": "often", "sun": "often"})  # fmt: skip
    assert SlotSet("caffeine", "moderate") in events


def test_not_sure_at_the_safety_check_is_asked_again_then_advised(domain, dispatcher) -> None:
    events = _validate(domain, dispatcher, "not sure", "skip", "red_flag")
    assert SlotSet("screen_unsure", 1.0) in events
    assert SlotSet("red_flag", False) not in events
    assert events[-1] == SlotSet("requested_slot", "red_flag")
    assert texts(dispatcher)[0].startswith("I need a yes or no")
    dispatcher.messages.clear()
    events = _validate(
        domain, dispatcher, "i dont know", "deny", "red_flag", {"screen_unsure": 1.0}
    )
    assert SlotSet("red_flag", False) in events
    first = texts(dispatcher)[0]
    assert first.startswith("If you're not sure") and "contact a doctor today" in first
    assert events[-1] == SlotSet("requested_slot", "diet")  # the questions go on


def test_no_then_a_warning_sign_is_a_yes(domain, dispatcher) -> None:
    for text in ("No, chest pain", "not sure, chest pain"):
        events = _validate(domain, dispatcher, text, "deny", "red_flag")
        assert SlotSet("red_flag", True) in events
        assert SlotSet("red_flags_found", ["chest_pain"]) in events


def test_an_nlu_red_flag_in_the_form_escalates_without_a_phrase(domain, dispatcher) -> None:
    events = _validate(domain, dispatcher, "something is very wrong with me", "report_red_flag",
                       "sun", {"red_flag": False, "diet": "often"})  # fmt: skip
    assert SlotSet("red_flag", True) in events and events[-1] == SlotSet("requested_slot", None)


def test_emergency_mid_form_comes_with_the_action_first(domain, dispatcher) -> None:
    events = _validate(domain, dispatcher, "about 3, but I think I had a fit yesterday", "inform",
                       "caffeine", {"red_flag": False, "diet": "often", "sun": "often"})  # fmt: skip
    assert SlotSet("red_flags_found", ["seizure"]) in events
    slots = {"red_flag": True, "red_flags_found": ["seizure"]}
    tracker = make_tracker("about 3, but I think I had a fit yesterday", "inform", slots)
    run(ActionRankCauses(), tracker, domain, dispatcher)
    assert texts(dispatcher)[-1].startswith("Please call")


def test_irregular_heartbeat_with_lightheadedness_is_an_emergency(domain, dispatcher) -> None:
    text = "furosemide, and my heart keeps skipping beats and I feel faint"
    run(ActionRedFlagAlert(), make_tracker(text, "report_red_flag"), domain, dispatcher)
    (message,) = texts(dispatcher)
    assert message.startswith("Please call") and "palpitations" in message


def test_chest_pain_and_breathing_get_the_emergency_step_first(domain, dispatcher) -> None:
    text = "I have chest pain and trouble breathing"
    run(ActionRedFlagAlert(), make_tracker(text, "report_red_flag"), domain, dispatcher)
    (message,) = texts(dispatcher)
    assert message.startswith("Please call") and "doctor today" not in message


def test_two_medicine_classes_each_with_its_own_class(domain, dispatcher) -> None:
    slots = {**FULL, "medications": ["corticosteroid", "diuretic"],
             "medication_names": ["prednisone", "furosemide"]}  # fmt: skip
    run(ActionRankCauses(), make_tracker(slots=slots), domain, dispatcher)
    out = " ".join(texts(dispatcher))
    assert "prednisone (a corticosteroid) and furosemide (a diuretic)" in out


def test_a_past_medicine_is_not_current(domain, dispatcher) -> None:
    slots = {**{k: v for k, v in FULL.items() if k not in ("medications", "hydration", "symptoms")}}
    events = _validate(domain, dispatcher, "I stopped taking prednisone last year", "inform",
                       "medications", slots)  # fmt: skip
    assert SlotSet("medications", ["none"]) in events
    understood = next(e["value"] for e in events if e.get("name") == "understood")
    assert understood["past_medicines"] == ["prednisone"]


def test_a_typo_in_a_medicine_is_read(domain, dispatcher) -> None:
    slots = {k: v for k, v in FULL.items() if k not in ("medications", "hydration", "symptoms")}
    events = _validate(domain, dispatcher, "predisone", "inform", "medications", slots)
    assert SlotSet("medications", ["corticosteroid"]) in events


def test_understood_line_lists_words_and_what_was_ruled_out(domain, dispatcher) -> None:
    understood = {"words": {"caffeine": "5 coffees a day"}, "ruled_out": [["chest_pain", "no chest pain"]],
                  "past_medicines": ["prednisone"], "duration": "for about a month"}  # fmt: skip
    slots = {**FULL, "caffeine": "high", "caffeine_cups": 5.0, "understood": understood, "duration": None}  # fmt: skip
    run(ActionRankCauses(), make_tracker(slots=slots), domain, dispatcher)
    line = texts(dispatcher)[0]
    assert line.startswith("Here is what I understood")
    for part in ('you wrote "5 coffees a day"', 'no chest pain (you wrote "no chest pain")',
                 "prednisone taken in the past", '"for about a month"'):  # fmt: skip
        assert part in line, part


def test_weakness_and_an_unknown_medicine_get_their_lines(domain, dispatcher) -> None:
    slots = {**FULL, "symptoms": ["muscle_weakness"], "medications": ["other"]}
    run(ActionRankCauses(), make_tracker(slots=slots), domain, dispatcher)
    out = " ".join(texts(dispatcher))
    assert "Weakness together with twitching should be checked" in out
    assert "ask your pharmacist" in out and "don't stop" in out


def test_vitamin_d_strategies_come_after_the_sources_condition(domain, dispatcher) -> None:
    from actions.answers import ActionAnswerQuestion

    slots = {**FULL, "diet": "rarely", "sun": "rarely"}
    tracker = make_tracker("what can help?", "ask_info", slots, [{"entity": "topic", "value": "strategies"}])  # fmt: skip
    run(ActionAnswerQuestion(), tracker, domain, dispatcher)
    strategies = next(t for t in texts(dispatcher) if t.startswith("What can help"))
    intro = "If a healthcare professional identifies low vitamin D"
    assert intro in strategies
    assert strategies.index(intro) < strategies.index("Safe sun exposure")


def test_sun_a_few_times_a_week_is_not_held_against_the_user(domain, dispatcher) -> None:
    slots = {**FULL, "diet": "sometimes", "sun": "sometimes"}
    run(ActionRankCauses(), make_tracker(slots=slots), domain, dispatcher)
    out = " ".join(texts(dispatcher))
    assert "Vitamin D deficiency might play a part" not in out


def test_is_it_als_gets_a_fixed_answer_then_the_next_step(domain, dispatcher) -> None:
    from actions.answers import ActionAnswerQuestion

    events = run(ActionAnswerQuestion(), make_tracker("could this be ALS?", "ask_serious"),
                 domain, dispatcher)  # fmt: skip
    first = texts(dispatcher)[0]
    assert "I can't tell you whether it is or isn't ALS" in first and "Call" in first
    assert SlotSet("als_asked", 1.0) in events
    dispatcher.messages.clear()
    tracker = make_tracker("but is it als though", "ask_serious", {"als_asked": 1.0})
    events = run(ActionAnswerQuestion(), tracker, domain, dispatcher)
    (message,) = dispatcher.messages
    assert message["text"].startswith("You've asked me this before")
    assert message["buttons"][0]["payload"] == "/start_assessment"
    assert SlotSet("als_asked", 2.0) in events


def test_answers_to_other_questions_are_taken_and_the_question_asked_again(domain, dispatcher):
    slots = {"red_flag": False, "diet": "rarely"}
    events = _validate(domain, dispatcher, "like three or four cans of red bull", "ask_serious",
                       "sun", slots)  # fmt: skip
    assert SlotSet("caffeine", "moderate") in events and SlotSet("caffeine_cups", 4.0) in events
    assert events[-1] == SlotSet("requested_slot", "sun")
    out = texts(dispatcher)
    assert out[0].startswith("You mentioned caffeine") and "sunlight" in out[-1]


def test_a_question_about_coffee_is_not_an_answer(reader) -> None:
    reading = reader.read("can drinking too much coffee make my muscles twitch")
    assert reading.slot_values() == {}


def test_words_it_could_not_place_are_named_before_the_result(domain, dispatcher) -> None:
    text = "musle twiches in my thie for 3 days"
    tracker = make_tracker(text, "start_assessment", None, None, FORM, ACTIVATION)
    events = run(ValidateTwitchAssessmentForm(), tracker, domain, dispatcher)
    understood = [e["value"] for e in events if e.get("name") == "understood"][-1]
    assert understood["unplaced"] == ["thie"]
    assert ["musle", "muscle"] in understood["corrections"]
    dispatcher.messages.clear()
    slots = {**FULL, "duration": "days", "understood": understood}
    run(ActionRankCauses(), make_tracker(slots=slots), domain, dispatcher)
    line = texts(dispatcher)[0]
    assert 'words I couldn\'t place: "thie"' in line and 'I read "musle" as "muscle"' in line


def test_an_opening_that_asks_should_i_be_worried_gets_the_answer_first(domain, dispatcher):
    text = ("I have had twitching in my calves and feet for about a month now, mostly when I'm "
            "resting. I drink a lot of coffee and I haven't been sleeping well. Should I be worried?")  # fmt: skip
    tracker = make_tracker(text, "start_assessment", None, None, FORM, ACTIVATION)
    events = run(ValidateTwitchAssessmentForm(), tracker, domain, dispatcher)
    sent = dispatcher.messages
    answer = next(i for i, m in enumerate(sent) if "consult a healthcare" in (m.get("text") or ""))
    start = next(i for i, m in enumerate(sent) if m.get("response") == "utter_start_assessment")
    assert answer < start  # the question asked is answered before the questions start
    assert SlotSet("caffeine", "high") in events and SlotSet("stress", "high") in events
    assert events[-1] == SlotSet("requested_slot", "red_flag")  # the safety check still first


def test_a_warning_sign_in_an_opening_question_is_not_answered_as_a_worry(domain, dispatcher):
    text = "my arm twitches and I have chest pain, should I be worried?"
    tracker = make_tracker(text, "start_assessment", None, None, FORM, ACTIVATION)
    events = run(ValidateTwitchAssessmentForm(), tracker, domain, dispatcher)
    assert SlotSet("red_flag", True) in events
    assert not any("consult a healthcare professional" in t for t in texts(dispatcher))


def test_an_amount_of_water_gets_the_thirst_question_not_a_re_ask(domain, dispatcher) -> None:
    slots = {"red_flag": False, "diet": "often", "sun": "often", "caffeine": "low",
             "stress": "low", "medications": ["none"]}  # fmt: skip
    events = _validate(domain, dispatcher, "about 4 glasses a day", "inform", "hydration", slots)
    out = texts(dispatcher)
    assert not any(t.startswith("Sorry") for t in out)  # not "I didn't catch that"
    assert 'noted "about 4 glasses a day"' in out[0] and "thirsty" in out[0]
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]] == ["Yes, often", "No, rarely"]
    understood = next(e["value"] for e in events if e.get("name") == "understood")
    assert SlotSet("requested_slot", "hydration") in events
    # "yes" (often thirsty) is "not much"; "no" is "plenty"; the amount stays as the words
    for intent, value in (("affirm", "low"), ("deny", "good")):
        dispatcher.messages.clear()
        events = _validate(domain, dispatcher, "yes" if intent == "affirm" else "no", intent,
                           "hydration", {**slots, "understood": understood})  # fmt: skip
        assert SlotSet("hydration", value) in events
        final = next(e["value"] for e in events if e.get("name") == "understood")
        assert final["words"]["hydration"] == "about 4 glasses a day"


def test_a_yes_with_actually_answers_the_water_follow_up(domain, dispatcher) -> None:
    from actions.assessment import ActionApplyCorrection

    understood = {"water_amount": "about 4 glasses a day", "words": {}}
    slots = {"red_flag": False, "requested_slot": "hydration", "understood": understood}
    tracker = make_tracker("yes quite often actually", "correct", slots, None, FORM)
    events = run(ActionApplyCorrection(), tracker, domain, dispatcher)
    assert events == [SlotSet("hydration", "low")]


def test_an_answer_to_another_question_is_not_an_unknown_medicine(domain, dispatcher) -> None:
    slots = {"red_flag": False, "diet": "often", "sun": "often", "caffeine": "high",
             "stress": "moderate"}  # fmt: skip
    events = _validate(domain, dispatcher, "plenty of water", "inform", "medications", slots)
    assert SlotSet("hydration", "good") in events
    assert not any(e.get("name") == "medications" and e.get("value") for e in events)
    assert events[-1] == SlotSet("requested_slot", "medications")  # asked again


def test_news_about_an_answered_question_updates_it_and_says_so(domain, dispatcher) -> None:
    slots = {**FULL, "hydration": "good", "symptoms": ["none"], "duration": None}
    events = _validate(domain, dispatcher, "oh and I'm also always thirsty", "inform",
                       "duration", slots)  # fmt: skip
    assert SlotSet("hydration", "low") in events and SlotSet("symptoms", ["thirst"]) in events
    out = texts(dispatcher)
    assert any("changed your answer about" in t for t in out)
    assert not any(t.startswith("Sorry") for t in out)
    understood = [e["value"] for e in events if e.get("name") == "understood"][-1]
    assert "always thirsty" in understood["words"]["hydration"]
    assert events[-1] == SlotSet("requested_slot", "duration")


def test_a_description_after_the_result_updates_it_instead_of_starting_again(domain, dispatcher):
    text = "also my other eye twitches now and I'm always thirsty"
    tracker = make_tracker(text, "start_assessment", dict(FULL), None, FORM, ACTIVATION)
    tracker.latest_message["started_by_reader"] = True  # set by rasa_ext.nlu.reader
    events = run(ValidateTwitchAssessmentForm(), tracker, domain, dispatcher)
    assert SlotSet("hydration", "low") in events and SlotSet("symptoms", ["thirst"]) in events
    assert not any(e.get("name") == "diet" and e.get("value") is None for e in events)  # kept
    assert events[-1] == SlotSet("requested_slot", None)  # the form ends: the result follows
    assert not any(m.get("response") == "utter_start_assessment" for m in dispatcher.messages)
    # asked to check again ("check my twitching"), it starts afresh as before
    dispatcher.messages.clear()
    tracker = make_tracker("check my twitching", "start_assessment", dict(FULL), None, FORM,
                           ACTIVATION)  # fmt: skip
    events = run(ValidateTwitchAssessmentForm(), tracker, domain, dispatcher)
    assert any(m.get("response") == "utter_start_assessment" for m in dispatcher.messages)


def test_a_generic_word_in_news_about_another_question_is_not_this_answer(domain, dispatcher):
    # "always" in "i'm always thirsty" is how often one is thirsty, not how often one is outside
    slots = {"red_flag": False, "diet": "often"}
    events = _validate(domain, dispatcher,
                       "oh and my other eye is twitching now too and i'm always thirsty",
                       "inform", "sun", slots)  # fmt: skip
    assert not any(e.get("name") == "sun" and e.get("value") for e in events)
    assert SlotSet("hydration", "low") in events and SlotSet("symptoms", ["thirst"]) in events
    assert events[-1] == SlotSet("requested_slot", "sun")  # asked again
    dispatcher.messages.clear()
    events = _validate(domain, dispatcher, "always", "inform", "sun", slots)
    assert SlotSet("sun", "often") in events  # "always" alone still answers it


def test_an_amount_of_water_at_another_question_is_kept_for_the_water_question(
    domain, dispatcher
) -> None:
    slots = {"red_flag": False}
    events = _validate(domain, dispatcher, "about 4 glasses a day", "ask_info", "diet", slots)
    out = texts(dispatcher)
    assert not any(t.startswith("Sorry") for t in out)
    assert out[0] == 'Thanks, I\'ve noted "about 4 glasses a day" about water.'
    assert events[-1] == SlotSet("requested_slot", "diet")  # asked again
    understood = [e["value"] for e in events if e.get("name") == "understood"][-1]
    assert understood["water_amount"] == "about 4 glasses a day"
    # when the water question comes, it recalls the words and asks about thirst
    dispatcher.messages.clear()
    before = {"red_flag": False, "diet": "often", "sun": "often", "caffeine": "low",
              "stress": "low", "understood": understood}  # fmt: skip
    events = _validate(domain, dispatcher, "no meds", "deny", "medications", before)
    asked = texts(dispatcher)[-1]
    assert asked.startswith('About water, you said "about 4 glasses a day".') and "thirsty" in asked
    assert events[-1] == SlotSet("requested_slot", "hydration")
    dispatcher.messages.clear()
    events = _validate(domain, dispatcher, "yes", "affirm", "hydration",
                       {**before, "medications": ["none"]})  # fmt: skip
    assert SlotSet("hydration", "low") in events


def test_a_drink_count_at_another_question_changes_the_caffeine_answer(domain, dispatcher):
    slots = {"red_flag": False, "caffeine": "low", "caffeine_cups": 1.0}
    events = _validate(domain, dispatcher, "like three or four cans of red bull", "ask_info",
                       "diet", slots)  # fmt: skip
    assert SlotSet("caffeine", "moderate") in events and SlotSet("caffeine_cups", 4.0) in events
    assert any("changed your answer about" in t for t in texts(dispatcher))
    assert events[-1] == SlotSet("requested_slot", "diet")  # asked again


def test_an_opening_with_an_amount_of_water_says_it_after_what_it_took(domain, dispatcher):
    text = "my eyelid twitches, 5 coffees a day and I drink about 4 glasses of water"
    tracker = make_tracker(text, "start_assessment", None, None, FORM, ACTIVATION)
    events = run(ValidateTwitchAssessmentForm(), tracker, domain, dispatcher)
    out = texts(dispatcher)
    noted = next(i for i, t in enumerate(out) if t.startswith("You mentioned"))
    water = next(i for i, t in enumerate(out) if "about water" in t)
    assert noted < water and "I drink about 4 glasses of water" in out[water]
    assert events[-1] == SlotSet("requested_slot", "red_flag")  # the safety check still first


def test_an_answer_with_news_about_an_answered_question_changes_it_and_says_so(domain, dispatcher):
    slots = {"red_flag": False, "diet": "often", "sun": "often", "caffeine": "low",
             "caffeine_cups": 2.0}  # fmt: skip
    events = _validate(domain, dispatcher, "about 6 cups of coffee, and I'm really stressed at work",
                       "inform", "stress", slots)  # fmt: skip
    assert SlotSet("stress", "high") in events
    assert SlotSet("caffeine", "high") in events and SlotSet("caffeine_cups", 6.0) in events
    assert any("changed your answer about caffeine" in t for t in texts(dispatcher))
    assert events[-1] == SlotSet("requested_slot", "medications")
    # the same answer again changes nothing and says nothing
    dispatcher.messages.clear()
    slots = {**slots, "caffeine": "high", "caffeine_cups": 6.0}
    events = _validate(domain, dispatcher, "about 6 cups of coffee, and I'm really stressed at work",
                       "inform", "stress", slots)  # fmt: skip
    assert not any("changed your answer" in t for t in texts(dispatcher))


def test_an_opening_description_taken_for_a_correction_starts_the_assessment(
    domain, dispatcher
) -> None:
    from rasa_sdk.events import FollowupAction

    from actions.assessment import ActionApplyCorrection

    text = (
        "my eye's been twitching for 3 weeks, new baby so sleep is basically nonexistent, "
        "i basically live on diet coke, 6 or so cans a day, and i'm not on any meds"
    )
    tracker = make_tracker(text, "correct", {"red_flag": False})
    events = run(ActionApplyCorrection(), tracker, domain, dispatcher)
    assert events == [FollowupAction("twitch_assessment_form")]
    assert not texts(dispatcher)  # no "I've changed your answer" with nothing to change
    # with an answer already given, it is a correction as before
    tracker = make_tracker("actually 2 coffees a day", "correct", {"red_flag": False,
                           "caffeine": "high"})  # fmt: skip
    events = run(ActionApplyCorrection(), tracker, domain, dispatcher)
    assert SlotSet("caffeine", "low") in events
