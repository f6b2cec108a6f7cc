"""Safety rules: red flags, no doses, the disclaimer in every result."""

from __future__ import annotations

import re

import pytest

from bot.answers import Answers
from bot.assessment import Assessor
from bot.knowledge import Knowledge
from bot.reader import Reader
from bot.safety import contains_dose, page_note, tier, urgent_message, warning_signs

RED_FLAG_PHRASES = [
    ("I'm getting weaker in my legs", "progressive_weakness"),
    ("I keep dropping things", "progressive_weakness"),
    ("my calf muscle is shrinking", "muscle_wasting"),
    ("the twitching is spreading to my arms", "spreading"),
    ("I have trouble swallowing", "swallowing"),
    ("my speech is slurred", "speaking"),
    ("I can't breathe properly", "breathing"),
    ("I cant breathe", "breathing"),
    ("cant breath", "breathing"),
    ("sharp chest pain since this morning", "chest_pain"),
    ("I had a seizure yesterday", "seizure"),
    # issue 12's examples
    ("my heart is racing and skipping beats and my muscles are twitching", "heart_rhythm"),
    ("the muscle between my thumb and finger is getting smaller", "muscle_wasting"),
    ("I fainted this morning", "fainting"),
    ("I had a fit last night", "seizure"),
    ("I collapsed at work", "fainting"),
    ("one side of my face is drooping", "stroke_signs"),
    ("sudden numbness down my left side", "stroke_signs"),
    ("about 3, but I think I had a fit yesterday", "seizure"),
    ("fatigue and fainting", "fainting"),
    ("not much, and my face feels numb on one side", "stroke_signs"),
    ("furosemide, and my heart keeps skipping beats and I feel faint", "heart_rhythm"),
    ("No, chest pain", "chest_pain"),
    ("not sure, chest pain", "chest_pain"),
    ("dificulty swalowing", "swallowing"),
]


@pytest.mark.parametrize("text,flag", RED_FLAG_PHRASES)
def test_red_flags_are_caught(reader: Reader, text: str, flag: str) -> None:
    assert flag in reader.read(text).red_flags()


@pytest.mark.parametrize(
    "text",
    [
        "no chest pain",
        "I don't have trouble swallowing",
        "I don't have trouble swallowing or chest pain",
        "no seizures, no chest pain and no trouble breathing",
        "cramps and fatigue",
        "I'm fit and well",
        "Should I be worried?",
    ],
)
def test_negated_or_ordinary_text_is_not_a_red_flag(reader: Reader, text: str) -> None:
    assert reader.read(text).red_flags() == []


def test_negation_is_read_by_clause(reader: Reader) -> None:
    reading = reader.read("I don't have chest pain but I do have trouble swallowing")
    assert reading.red_flags() == ["swallowing"]
    assert [f.key for f in reading.negated_red_flags()] == ["chest_pain"]


def test_red_flag_mid_assessment_answer(reader: Reader) -> None:
    """An answer to an unrelated question that carries a red flag is caught."""
    assert reader.read("about 3 coffees, and lately I have trouble swallowing").red_flags() == [
        "swallowing"
    ]


@pytest.mark.parametrize(
    "flags,context,expected",
    [
        (["chest_pain"], [], "emergency"),
        (["fainting"], [], "emergency"),
        (["heart_rhythm"], [], "today"),
        (["heart_rhythm"], ["lightheadedness"], "emergency"),
        (["heart_rhythm", "fainting"], [], "emergency"),
        (["spreading"], [], "today"),
        ([], [], "today"),  # an NLU-only report: "a warning sign", see a doctor today
    ],
)
def test_tiers(knowledge: Knowledge, flags: list, context: list, expected: str) -> None:
    assert tier(knowledge, flags, context) == expected


def test_each_tier_message_puts_the_action_first(knowledge: Knowledge, monkeypatch) -> None:
    monkeypatch.setenv("TWITCH_EMERGENCY_NUMBER", "000")
    emergency = urgent_message(knowledge, ["chest_pain", "breathing"])
    assert emergency.startswith("Please call 000 now")
    assert "chest pain and trouble breathing" in emergency
    unnamed = urgent_message(knowledge, [])  # "yes" at the safety check, or the NLU alone
    assert unnamed.startswith("If it is sudden or severe (chest pain") and "call 000 now" in unnamed
    assert "contact a doctor today" in unnamed
    today = urgent_message(knowledge, ["spreading"])
    assert today.startswith("Please contact a doctor today")
    assert "000" in today  # when it gets worse


def test_one_wording_everywhere(knowledge: Knowledge) -> None:
    """The answers about seriousness, the doctor and the portal note share the tiered list."""
    signs = warning_signs(knowledge)
    assert signs in page_note(knowledge)
    assert "{warning_signs}" in knowledge.safety.serious.text
    assert "{warning_signs}" in knowledge.safety.see_doctor.text
    for flag in knowledge.red_flags.red_flags:
        assert flag.name in signs


def test_urgent_message_names_flags_and_number(knowledge: Knowledge, monkeypatch) -> None:
    monkeypatch.setenv("TWITCH_EMERGENCY_NUMBER", "000")
    text = urgent_message(knowledge, ["chest_pain"])
    assert "chest pain" in text and "000" in text


def test_emergency_number_default(knowledge: Knowledge, monkeypatch) -> None:
    monkeypatch.delenv("TWITCH_EMERGENCY_NUMBER", raising=False)
    assert "112" in urgent_message(knowledge, ["seizure"])


@pytest.mark.parametrize("topic", ["supplements", "d2_d3"])
def test_dosing_answers_have_no_number(knowledge: Knowledge, answers: Answers, topic: str) -> None:
    for text in [knowledge.safety.dose.text, *answers.topic(topic)]:
        assert not contains_dose(text)
        text = text.replace(knowledge.emergency_number, "")  # "911 in the US" is not a dose
        assert not re.search(r"(?<![A-Za-z])\d", text), text  # "D2"/"D3" are names


def test_supplement_answers_say_when_to_get_help_after_too_much(answers: Answers) -> None:
    for topic in ("supplements", "d2_d3"):
        assert "feel sick or confused, contact a doctor today" in answers.topic(topic)[-1]


def test_no_knowledge_text_contains_a_dose(knowledge: Knowledge, answers: Answers) -> None:
    texts = [t for topic in knowledge.topics.topics for t in answers.topic(topic.id)]
    texts += [s.text for s in knowledge.strategies.strategies]
    assert not [t for t in texts if contains_dose(t)]


def test_contains_dose_detects_doses() -> None:
    assert contains_dose("take 50,000 IU a day")
    assert contains_dose("400 mg of magnesium")
    assert not contains_dose("15 minutes a few times per week")


def test_medication_answer_never_says_stop(knowledge: Knowledge) -> None:
    text = knowledge.safety.medication.text.lower()
    assert "don't stop" in text
    assert "stop taking" not in text


@pytest.mark.parametrize(
    "answers_",
    [
        {"caffeine": "high", "caffeine_cups": 6.0, "stress": "high"},
        {"diet": "often", "sun": "often"},
        {},
    ],
)
def test_disclaimer_in_every_result(
    assessor: Assessor, answers: Answers, knowledge: Knowledge, answers_: dict
) -> None:
    messages, _ = answers.short_result(assessor.rank(answers_), answers_)
    assert knowledge.safety.disclaimer.text in messages[-1]
    assert "healthcare professional" in messages[-1]
    assert "not a test or a diagnosis" in messages[-1]
