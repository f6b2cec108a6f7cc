"""domain.yml agrees with the knowledge it is built beside."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.knowledge import Knowledge

DOMAIN = Path(__file__).resolve().parents[2] / "domain.yml"


def test_form_slots_are_the_questions_in_their_order(knowledge: Knowledge) -> None:
    domain = yaml.safe_load(DOMAIN.read_text())
    required = domain["forms"]["twitch_assessment_form"]["required_slots"]
    assert required == [question.slot for question in knowledge.questions.questions]
    for slot in required:
        assert slot in domain["slots"], f"form slot {slot} is not a domain slot"
