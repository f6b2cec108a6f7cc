"""The red-flag table (tests/bot/data/*.yml): every warning sign, said every way people
say it, is caught with its tier; the false-alarm rate on ordinary messages is reported.

The messages were hand-written for this test (see each file's header) and are never used
for training.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import yaml

from bot.knowledge import Knowledge
from bot.reader import Reader
from bot.safety import tier

DATA = Path(__file__).parent / "data"


def _load(name: str) -> List[Dict[str, Any]]:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))["messages"]


FLAGGED = _load("red_flag_messages.yml")
ORDINARY = _load("no_flag_messages.yml")


def test_the_tables_are_big_enough(knowledge: Knowledge) -> None:
    assert len(FLAGGED) >= 250 and len(ORDINARY) >= 200
    covered = {f for m in FLAGGED for f in m["flags"]}
    assert covered == {r.id for r in knowledge.red_flags.red_flags}


def test_every_warning_sign_is_caught_with_its_tier(reader: Reader, knowledge: Knowledge) -> None:
    missed: List[str] = []
    wrong_tier: List[str] = []
    for message in FLAGGED:
        reading = reader.read(message["text"])
        found = reading.red_flags()
        if not set(message["flags"]) <= set(found):
            missed.append(f"{message['text']!r}: expected {message['flags']}, got {found}")
            continue
        level = tier(knowledge, found, reading.symptoms())
        if level != message["tier"]:
            wrong_tier.append(f"{message['text']!r}: expected {message['tier']}, got {level}")
    caught = len(FLAGGED) - len(missed)
    print(f"\nred flags caught: {caught}/{len(FLAGGED)}; tier right: {caught - len(wrong_tier)}")
    assert not missed, "\n".join(missed)
    assert not wrong_tier, "\n".join(wrong_tier)


def test_false_alarm_rate_on_ordinary_messages(reader: Reader) -> None:
    """Reported, and kept low: a false alarm is the safer error, but not a free one."""
    alarms = [m["text"] for m in ORDINARY if reader.read(m["text"]).red_flags()]
    rate = len(alarms) / len(ORDINARY)
    print(f"\nfalse alarms: {len(alarms)}/{len(ORDINARY)} = {rate:.1%}: {alarms}")
    assert rate <= 0.05, alarms


def test_the_table_covers_every_question_and_after_the_result(knowledge: Knowledge) -> None:
    wheres = {m.get("where") for m in FLAGGED}
    # (the duration question is asked last; its answers are covered by the symptoms ones)
    assert set(knowledge.question_slots) - {"duration"} | {"after_result"} <= wheres
