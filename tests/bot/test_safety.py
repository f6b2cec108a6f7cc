"""Safety rules: red flags, no doses, the disclaimer in every result."""

from __future__ import annotations

import re

import pytest

from bot.answers import Answers
from bot.assessment import Assessor
from bot.knowledge import Knowledge
from bot.lexicon import Lexicon
from bot.safety import contains_dose, find_red_flags, urgent_message

RED_FLAG_PHRASES = [
    ("I'm getting weaker in my legs", "progressive_weakness"),
    ("I keep dropping things", "progressive_weakness"),
    ("my calf muscle is shrinking", "muscle_wasting"),
    ("the twitching is spreading to my arms", "spreading"),
    ("I have trouble swallowing", "swallowing"),
    ("my speech is slurred", "speaking"),
    ("I can't breathe properly", "breathing"),
    ("I cant breathe", "breathing"),
    ("sharp chest pain since this morning", "chest_pain"),
    ("I had a seizure yesterday", "seizure"),
]


@pytest.mark.parametrize("text,flag", RED_FLAG_PHRASES)
def test_red_flags_are_caught(lexicon: Lexicon, text: str, flag: str) -> None:
    assert flag in find_red_flags(lexicon, text)


@pytest.mark.parametrize(
    "text",
    [
        "no chest pain",
        "I don't have trouble swallowing",
        "I don't have trouble swallowing or chest pain",
        "no seizures, no chest pain and no trouble breathing",
        "cramps and fatigue",
        "I'm fit and well",
    ],
)
def test_negated_or_ordinary_text_is_not_a_red_flag(lexicon: Lexicon, text: str) -> None:
    assert find_red_flags(lexicon, text) == []


def test_negation_does_not_hide_a_later_red_flag(lexicon: Lexicon) -> None:
    text = "no chest pain, but I have trouble swallowing"
    assert find_red_flags(lexicon, text) == ["swallowing"]


def test_entity_only_red_flag_is_kept(lexicon: Lexicon) -> None:
    """A red_flag entity from the NLU counts even if the text check missed it."""
    assert find_red_flags(lexicon, "it's bad", ["seizures"]) == ["seizure"]


def test_red_flag_mid_assessment_answer(assessor: Assessor, lexicon: Lexicon) -> None:
    """An answer to an unrelated question that carries a red flag is caught."""
    text = "about 3 coffees, and lately I have trouble swallowing"
    assert find_red_flags(lexicon, text) == ["swallowing"]


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
        assert not re.search(r"(?<![A-Za-z])\d", text), text  # "D2"/"D3" are names


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
    messages = answers.result(assessor.rank(answers_))
    assert knowledge.safety.disclaimer.text in messages[0]
    assert "healthcare professional" in messages[-1]
    assert "National Institutes of Health" in messages[-1]
