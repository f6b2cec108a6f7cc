"""Ranking: a table of user profiles with the expected order and reasons."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from bot.assessment import Assessor

NOTHING = {
    "red_flag": False,
    "diet": "often",
    "sun": "often",
    "caffeine": "low",
    "stress": "low",
    "medications": ["none"],
    "hydration": "good",
    "symptoms": ["none"],
}


def profile(**changes: Any) -> Dict[str, Any]:
    return {**NOTHING, **changes}


# (name, profile, expected order of likely causes, words each top reason must contain)
CASES: List[tuple] = [
    (
        "heavy coffee + stress",
        profile(caffeine="high", caffeine_cups=6.0, stress="high"),
        ["stress_anxiety", "excessive_caffeine"],
        {"excessive_caffeine": ["about 6 cups"], "stress_anxiety": ["very stressed"]},
    ),
    (
        "heavy coffee + stress + jitters puts caffeine first",
        profile(caffeine="high", caffeine_cups=6.0, stress="high", symptoms=["jitters"]),
        ["excessive_caffeine", "stress_anxiety"],
        {"excessive_caffeine": ["about 6 cups", "jitters"]},
    ),
    (
        "no sun + no fish",
        profile(diet="rarely", sun="rarely"),
        ["vitamin_d_deficiency"],
        {"vitamin_d_deficiency": ["rarely eat vitamin D foods", "rarely get sun"]},
    ),
    (
        "diuretic + thirst",
        profile(
            medications=["diuretic"],
            medication_names=["furosemide"],
            hydration="low",
            symptoms=["thirst"],
        ),
        ["dehydration", "medications"],
        {"medications": ["furosemide", "a diuretic"], "dehydration": ["thirst"]},
    ),
    ("nothing stands out", profile(), [], {}),
    (
        "everything skipped",
        {
            "red_flag": False,
            **{s: "skipped" for s in ("diet", "sun", "caffeine", "stress", "hydration")},
            "medications": ["skipped"],
            "symptoms": ["skipped"],
        },
        [],
        {},
    ),
    (
        "contradicting correction: 6 cups corrected to 1",
        profile(caffeine="low", caffeine_cups=1.0, stress="moderate"),
        [],
        {},
    ),
    (
        "correction the other way: none corrected to a lot",
        profile(caffeine="high", caffeine_cups=None),
        ["excessive_caffeine"],
        {"excessive_caffeine": ["a lot of coffee"]},
    ),
    (
        "steroid alone",
        profile(medications=["corticosteroid"], medication_names=["prednisone"]),
        ["medications"],
        {"medications": ["prednisone", "a corticosteroid"]},
    ),
    (
        "low water + cramps brings electrolytes in",
        profile(hydration="low", symptoms=["muscle_cramps"]),
        ["dehydration", "electrolyte_imbalance"],
        {"electrolyte_imbalance": ["muscle cramps"]},
    ),
    (
        "some fish, some sun, bone pain: vitamin D",
        profile(diet="sometimes", sun="sometimes", symptoms=["bone_pain"]),
        ["vitamin_d_deficiency"],
        {"vitamin_d_deficiency": ["once or twice a week", "bone pain"]},
    ),
    (
        "symptoms alone can point to a cause",
        profile(symptoms=["insomnia", "rapid_heart_rate"]),
        ["excessive_caffeine"],
        {"excessive_caffeine": ["insomnia and rapid heart rate"]},
    ),
    (
        "ties keep the table order",
        profile(stress="high", hydration="low"),
        ["stress_anxiety", "dehydration"],
        {},
    ),
    (
        "moderate answers alone stay below the bar",
        profile(caffeine="moderate", caffeine_cups=3.0, stress="moderate", diet="sometimes"),
        [],
        {},
    ),
]


@pytest.mark.parametrize("name,answers,expected,reason_words", CASES, ids=[c[0] for c in CASES])
def test_ranking_table(
    assessor: Assessor,
    name: str,
    answers: Dict[str, Any],
    expected: List[str],
    reason_words: Dict[str, List[str]],
) -> None:
    ranking = assessor.rank(answers)
    assert [c.cause_id for c in ranking.likely] == expected
    by_id = {c.cause_id: c for c in ranking.likely}
    for cause_id, words in reason_words.items():
        text = " ".join(by_id[cause_id].reasons)
        for word in words:
            assert word in text, (cause_id, word, text)
    for cause in ranking.likely:
        assert cause.reasons, f"{cause.cause_id} is listed without a reason"


def test_ranking_is_deterministic(assessor: Assessor) -> None:
    answers = profile(caffeine="high", stress="high", hydration="low", diet="rarely")
    first = assessor.rank(answers)
    assert all(assessor.rank(answers) == first for _ in range(5))
