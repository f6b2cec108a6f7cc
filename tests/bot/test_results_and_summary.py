"""The short result, its details, "Where does it say that?" and the summary (issue 14)."""

from __future__ import annotations

import itertools
from typing import Any, Dict

import pytest

from bot.answers import Answers
from bot.assessment import Assessor
from bot.knowledge import Knowledge
from bot.review import normalise, source_path
from bot.summary import build_summary

SHORT_LIMIT = 1200
# Every cause matched, both lines some answers call for, several medicines, a long
# duration in the user's words: the longest short result the knowledge can produce.
WORST: Dict[str, Any] = {
    "red_flag": False,
    "diet": "rarely",
    "sun": "rarely",
    "caffeine": "high",
    "caffeine_cups": 12.0,
    "stress": "high",
    "medications": ["corticosteroid", "diuretic", "other"],
    "medication_names": ["prednisolone", "hydrochlorothiazide", "dexamethasone", "furosemide"],
    "hydration": "low",
    "symptoms": [
        "muscle_weakness",
        "fatigue",
        "muscle_cramps",
        "rapid_heart_rate",
        "jitters",
        "thirst",
        "dark_urine",
        "difficulty_sleeping",
    ],
    "duration": "months",
    "understood": {
        "words": {"duration": "for the past several months, on and off since last winter"}
    },
}


def test_the_longest_short_result_stays_short(assessor: Assessor, answers: Answers) -> None:
    messages, buttons = answers.short_result(assessor.rank(WORST), WORST)
    assert max(len(m) for m in messages) < SHORT_LIMIT, [len(m) for m in messages]
    lines = [line for line in messages[0].splitlines() if line.startswith("• ")]
    assert len(lines) == 4  # three causes, then "also from your answers" naming the rest
    assert "Also from your answers" in lines[-1]
    assert "checked by a healthcare professional" in messages[0]  # weakness
    assert "ask your pharmacist" in messages[0]  # a medicine the article doesn't list
    assert "for the past several months" in messages[-1]
    assert [b["title"] for b in buttons][:2] == ["What can help", "Why these?"]


@pytest.mark.parametrize(
    "combo", list(itertools.product(["often", "rarely"], ["none", "high"], ["low", "high"]))
)
def test_every_short_result_is_under_the_limit_and_names_the_users_reasons(
    assessor: Assessor, answers: Answers, combo: tuple
) -> None:
    sun, caffeine, stress = combo
    profile = {**WORST, "sun": sun, "caffeine": caffeine, "stress": stress, "diet": "often",
               "medications": ["none"], "medication_names": None, "symptoms": ["none"]}  # fmt: skip
    ranking = assessor.rank(profile)
    messages, _ = answers.short_result(ranking, profile)
    assert max(len(m) for m in messages) < SHORT_LIMIT
    for scored in ranking.likely[:3]:
        assert f"• {answers.k.cause(scored.cause_id).name}: you said" in messages[0]


def test_nothing_matched_offers_no_why_button(assessor: Assessor, answers: Answers) -> None:
    profile = {**WORST, "diet": "often", "sun": "often", "caffeine": "none", "stress": "low",
               "medications": ["none"], "medication_names": None, "hydration": "good",
               "symptoms": ["none"]}  # fmt: skip
    messages, buttons = answers.short_result(assessor.rank(profile), profile)
    assert "None of the common causes in this article matched" in messages[0]
    titles = [b["title"] for b in buttons]
    assert "Why these?" not in titles and "What can help" in titles
    assert answers.why_result(assessor.rank(profile)) == [answers.t.why_nothing]


def test_why_and_what_can_help_hold_what_the_short_result_left_out(
    assessor: Assessor, answers: Answers, knowledge: Knowledge
) -> None:
    ranking = assessor.rank(WORST)
    why = "\n".join(answers.why_result(ranking))
    for cause in knowledge.causes.causes:  # every cause matched: each with its table row
        assert f"• {cause.name} might play a part, because" in why
        assert cause.how in why
    help_ = "\n".join(answers.what_can_help(ranking, WORST))
    assert help_.startswith("What can help:") and knowledge.strategies.nih.text in help_
    low_d = {**WORST, "caffeine": "none", "stress": "low", "medications": ["none"],
             "medication_names": None, "hydration": "good", "symptoms": ["none"]}  # fmt: skip
    help_ = "\n".join(answers.what_can_help(assessor.rank(low_d), low_d))
    assert help_.index("If a healthcare professional identifies low vitamin D") < help_.index(
        "Safe sun exposure"
    )
    assert knowledge.strategies.nih.text in help_


def test_every_passage_is_in_the_source_word_for_word(knowledge: Knowledge) -> None:
    document = source_path().read_text(encoding="utf-8")
    plain, headings = normalise(document), {normalise(x) for x in document.splitlines()}
    for passage in knowledge.passages.passages:
        assert normalise(passage.section) in headings, passage.id
        for piece in passage.quote:
            assert normalise(piece) in plain, (passage.id, piece)


def test_every_cause_strategy_and_topic_has_its_passage(
    knowledge: Knowledge, answers: Answers
) -> None:
    refs = [f"cause:{c.id}" for c in knowledge.causes.causes]
    refs += [f"strategy:{s.id}" for s in knowledge.strategies.strategies]
    refs += [f"topic:{t.id}" for t in knowledge.topics.topics if not t.safety_addition]
    for ref in refs:
        shown = answers.sources([ref])
        assert shown[0].startswith('From the article "'), ref
        assert len(shown) >= 2 and '"' in shown[1], ref


def test_the_source_of_a_caffeine_answer_is_its_table_row(answers: Answers) -> None:
    shown = answers.sources(["cause:excessive_caffeine"])
    assert shown[1] == (
        "Beyond Deficiency: Other Common Causes of Muscle Twitches (table of common causes, "
        "row 'Excessive Caffeine'): \"Excessive Caffeine | Acts as a stimulant on the central "
        "nervous system, increasing nerve firing and causing muscle jitters. | Jitters, "
        'insomnia, rapid heart rate, and anxiety."'
    )


def test_safety_additions_are_said_to_be_the_projects(answers: Answers) -> None:
    assert answers.sources(["safety:tiers"]) == [answers.t.source_safety]
    als = answers.sources(["topic:als"])
    assert als[-1] == answers.t.source_safety and "consult a healthcare professional" in als[1]
    (nothing,) = answers.sources([])
    assert nothing.startswith("My answers come from one health article") and "Mechanism" in nothing


def _summary(knowledge: Knowledge, assessor: Assessor, answers: Answers, slots: Dict) -> str:
    return build_summary(knowledge, assessor, answers, slots, "3 December 2026").text()


def test_the_summary_holds_every_answer_in_the_users_words(
    knowledge: Knowledge, assessor: Assessor, answers: Answers
) -> None:
    slots = {**WORST, "understood": {
        "words": {"caffeine": "like 12 red bulls", "duration": "since last winter"},
        "sites": ["left eyelid", "calves"], "ruled_out": [["chest_pain", "no chest pain"]],
        "past_medicines": ["ibuprofen"]}}  # fmt: skip
    text = _summary(knowledge, assessor, answers, slots)
    for expected in (
        "3 December 2026", "Where: left eyelid and calves", "How long: since last winter",
        'my words: "like 12 red bulls"', "Sun exposure: Rarely",
        "prednisolone (a corticosteroid)", "hydrochlorothiazide (a diuretic)",
        "Taken in the past, not now: ibuprofen", "My answer: none of these",
        "I said I did not have: chest pain", "Excessive caffeine: you said you drink about 12 cups",
        "The Mechanism Behind Low Vitamin D and Muscle Twitches", knowledge.safety.disclaimer.text,
    ):  # fmt: skip
        assert expected in text, expected


def test_the_summary_after_a_warning_sign_says_what_was_advised(
    knowledge: Knowledge, assessor: Assessor, answers: Answers
) -> None:
    slots = {"red_flag": True, "red_flags_found": ["chest_pain"], "caffeine": "high"}
    text = _summary(knowledge, assessor, answers, slots)
    assert "I reported: chest pain. The assistant advised me to call" in text
    assert "Common causes the assistant said" not in text  # no result was given
    unsure = {"red_flag": False, "screen_unsure": 2.0}
    assert "not sure (the assistant advised seeing a doctor today)" in _summary(
        knowledge, assessor, answers, unsure
    )


def test_the_summary_page_escapes_the_users_words(
    knowledge: Knowledge, assessor: Assessor, answers: Answers
) -> None:
    slots = {**WORST, "understood": {"words": {"caffeine": "<script>alert(1)</script> 5 cups"},
                                     "sites": ['<img src=x onerror="alert(1)">']}}  # fmt: skip
    page = build_summary(knowledge, assessor, answers, slots, "3 December 2026").html()
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 5 cups" in page
    assert 'name="robots" content="noindex, nofollow"' in page and "@media print" in page
