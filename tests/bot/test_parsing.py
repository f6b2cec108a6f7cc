"""Free-text and button answers become the right slot values."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from bot.assessment import Assessor, first_number

CASES = [
    ("caffeine", "about six coffees a day", "inform", {"caffeine": "high", "caffeine_cups": 6.0}),
    ("caffeine", "6", "inform", {"caffeine": "high", "caffeine_cups": 6.0}),
    ("caffeine", "a lot", "inform", {"caffeine": "high", "caffeine_cups": None}),
    ("caffeine", "none", "inform", {"caffeine": "none", "caffeine_cups": 0.0}),
    ("caffeine", "I dont drink coffee", "inform", {"caffeine": "none", "caffeine_cups": 0.0}),
    ("caffeine", "2 teas", "inform", {"caffeine": "low", "caffeine_cups": 2.0}),
    (
        "caffeine",
        "three energy drinks daily",
        "inform",
        {"caffeine": "moderate", "caffeine_cups": 3.0},
    ),
    ("diet", "I eat salmon twice a week", "inform", {"diet": "sometimes"}),
    ("diet", "I rarely eat fish", "inform", {"diet": "rarely"}),
    ("diet", "eggs most mornings", "inform", {"diet": "often"}),
    ("diet", "fortified cereal every day", "inform", {"diet": "often"}),
    ("diet", "I'm vegan", "inform", {"diet": "rarely"}),
    ("sun", "I work nights indoors", "inform", {"sun": "rarely"}),
    ("sun", "I'm outside a lot", "inform", {"sun": "often"}),
    ("stress", "very stressed lately", "inform", {"stress": "high"}),
    ("stress", "not stressed at all", "inform", {"stress": "low"}),
    ("stress", "a bit anxious", "inform", {"stress": "moderate"}),
    (
        "medications",
        "I take prednisone",
        "inform",
        {"medications": ["corticosteroid"], "medication_names": ["prednisone"]},
    ),
    (
        "medications",
        "furosemide and Prednisolone",
        "inform",
        {
            "medications": ["diuretic", "corticosteroid"],
            "medication_names": ["furosemide", "prednisolone"],
        },
    ),
    (
        "medications",
        "a water pill",
        "inform",
        {"medications": ["diuretic"], "medication_names": ["water pill"]},
    ),
    ("medications", "no medications", "inform", {"medications": ["none"], "medication_names": []}),
    ("medications", "just the pill", "inform", {"medications": ["other"], "medication_names": []}),
    ("hydration", "always thirsty", "inform", {"hydration": "low"}),
    ("hydration", "my pee is dark", "inform", {"hydration": "low"}),
    ("hydration", "none", "inform", {"hydration": "low"}),  # no water at all
    ("hydration", "plenty of water", "inform", {"hydration": "good"}),
    # "no" / "yes" to the question's "Do you often feel thirsty or notice dark urine?"
    ("hydration", "no", "deny", {"hydration": "good"}),
    ("hydration", "nope", "deny", {"hydration": "good"}),
    ("hydration", "yes", "affirm", {"hydration": "low"}),
    ("symptoms", "cramps and fatigue", "inform", {"symptoms": ["muscle_cramps", "fatigue"]}),
    ("symptoms", "no", "deny", {"symptoms": ["none"]}),
    ("red_flag", "no", "deny", {"red_flag": False}),
    ("red_flag", "yes", "affirm", {"red_flag": True}),
    ("red_flag", "no chest pain, no swallowing trouble", "inform", {"red_flag": False}),
    ("diet", "not sure", "skip", {"diet": "skipped"}),
    ("symptoms", "no idea", "skip", {"symptoms": ["skipped"]}),
]


@pytest.mark.parametrize("slot,text,intent,expected", CASES)
def test_free_text_answers(
    assessor: Assessor, slot: str, text: str, intent: str, expected: Dict[str, Any]
) -> None:
    assert assessor.parse(slot, text, intent=intent).slots == expected


@pytest.mark.parametrize(
    "slot,value,expected",
    [
        ("diet", "often", {"diet": "often"}),
        ("red_flag", "yes", {"red_flag": True}),
        ("symptoms", "none", {"symptoms": ["none"]}),
        ("caffeine", "skipped", {"caffeine": "skipped"}),
        ("diet", "banana", {}),  # a forged payload is not an answer
    ],
)
def test_button_answers(assessor: Assessor, slot: str, value: str, expected: Dict) -> None:
    assert assessor.parse(slot, "", button_value=value).slots == expected


@pytest.mark.parametrize("text", ["purple", "", "what?"])
def test_unclear_answers_are_not_guessed(assessor: Assessor, text: str) -> None:
    assert not assessor.parse("stress", text, intent="inform").understood


@pytest.mark.parametrize(
    "text,expected",
    [("six", 6.0), ("6 cups", 6.0), ("about 2.5", 2.5), ("twelve a day", 12.0), ("a lot", None)],
)
def test_first_number(text: str, expected: float | None) -> None:
    assert first_number(text) == expected


@pytest.mark.parametrize(
    "text,slot,value",
    [
        ("actually I drink 2 cups not 6", "caffeine", "low"),
        ("wait, I do take a diuretic", "medications", ["diuretic"]),
        ("let me correct that, I'm not stressed", "stress", "low"),
        ("I made a mistake, I eat fish often", "diet", "often"),
        ("sorry, I do get sun most days", "sun", "often"),
        ("correction: I drink lots of water", "hydration", "good"),
    ],
)
def test_corrections(assessor: Assessor, text: str, slot: str, value: Any) -> None:
    parsed = assessor.parse_correction(text)
    assert parsed.slots[slot] == value


def test_correction_without_a_topic_is_not_guessed(assessor: Assessor) -> None:
    assert not assessor.parse_correction("wait, I answered wrong").understood
