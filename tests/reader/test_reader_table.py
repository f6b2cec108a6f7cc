"""The reader against realistic messages (tests/reader/*.yml, hand-written, never used for
training): recall and precision per kind of fact, printed and gated.

Issue 11 asks for recall ≥ 0.95 on medicines and ≥ 0.90 on the rest. The reader reaches
that on the two development tables, not on the blind table (figures in the issue note);
the floors hold what it measured, so a change that reads worse fails; raise them as it
improves, and never tune on heldout.yml (read its totals only).
``make test-reader`` prints the table and every misread message.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest
import yaml

from bot.reader import PAST, Reader, slot_updates

HERE = Path(__file__).parent


def _messages(name: str) -> List[Dict[str, Any]]:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))["messages"]


# messages10.yml: written blind by a helper on 2026-12-04 (eighth stop) from the same brief,
# weighted to stress, medicines, past medicines, symptoms and diet; first scores in the note.
# messages8.yml, messages9.yml: written blind by helpers on 2026-12-04 (seventh stop) from the
# same brief (BRIEF.md) (messages8.yml weighted to past medicines and diet, messages9.yml to stress and
# diet); first scores, before tuning, in the issue note.
# messages6.yml, messages7.yml: written blind by helpers on 2026-12-04 (sixth stop) from one
# brief (messages6.yml weighted to diet, sun and stress, messages7.yml to how long, past
# medicines and symptoms); their first scores, before any tuning, are in the issue note.
# messages4.yml, messages5.yml: written blind by helpers on 2026-12-03 (fifth stop) from a brief
# alone (messages5.yml weighted to diet, stress, past medicines, symptoms and how long), then
# read and tuned on like the other development tables.
# messages.yml, messages2.yml, messages3.yml: read while the rules and phrase lists were
# extended (development tables; messages2.yml was the blind table until 2026-12-03's third
# stop; messages3.yml was written blind for development, with variety of wording first);
# heldout.yml: written blind, without the bot's files, never tuned on (totals only).
MESSAGES: List[Dict[str, Any]] = _messages("messages.yml")
MESSAGES2: List[Dict[str, Any]] = _messages("messages2.yml")
MESSAGES3: List[Dict[str, Any]] = _messages("messages3.yml")
MESSAGES4: List[Dict[str, Any]] = _messages("messages4.yml")
MESSAGES5: List[Dict[str, Any]] = _messages("messages5.yml")
MESSAGES6: List[Dict[str, Any]] = _messages("messages6.yml")
MESSAGES7: List[Dict[str, Any]] = _messages("messages7.yml")
MESSAGES8: List[Dict[str, Any]] = _messages("messages8.yml")
MESSAGES9: List[Dict[str, Any]] = _messages("messages9.yml")
MESSAGES10: List[Dict[str, Any]] = _messages("messages10.yml")
# messages11.yml: written blind by a helper on 2026-12-05 (ninth stop) from the same brief,
# weighted to counts of drinks, water, symptoms and how long; first scores in the note.
MESSAGES11: List[Dict[str, Any]] = _messages("messages11.yml")
# messages12.yml, messages13.yml: written blind by helpers on 2026-12-05 (ninth stop) from the
# same brief, weighted to sun, diet, stress and medicines (12) and to how long, symptoms,
# counts of drinks and water (13); first scores in the note.
MESSAGES12: List[Dict[str, Any]] = _messages("messages12.yml")
MESSAGES13: List[Dict[str, Any]] = _messages("messages13.yml")
# messages14.yml: written blind by a helper on 2026-12-05 (tenth stop) from the same brief,
# weighted to sun, stress, medicines now and stopped, symptoms, counts and how long; first
# reading in the note, then tuned on.
MESSAGES14: List[Dict[str, Any]] = _messages("messages14.yml")
# messages15.yml, messages16.yml: written blind by helpers on 2026-12-05 (twelfth stop) from the
# same brief, every kind about evenly (16: leaning to rambling stories, answers without context,
# third person and medicines started and stopped); first reading in the note, then tuned on.
MESSAGES15: List[Dict[str, Any]] = _messages("messages15.yml")
MESSAGES16: List[Dict[str, Any]] = _messages("messages16.yml")
# messages17.yml, messages18.yml: written blind by helpers on 2026-12-05 (twelfth stop) from the
# same brief, after that stop's first rules, weighted to sun, stress, past medicines and
# symptoms (17) and to how long, counts of drinks, water and medicines now (18).
MESSAGES17: List[Dict[str, Any]] = _messages("messages17.yml")
MESSAGES18: List[Dict[str, Any]] = _messages("messages18.yml")
# messages19.yml, messages20.yml: written blind by helpers on 2026-12-05 (twelfth stop) from the
# same brief, weighted to sun said indirectly, stress and loosely said symptoms (19) and to past
# medicines, diet and counts of drinks (20); first reading in the note, then tuned on.
MESSAGES19: List[Dict[str, Any]] = _messages("messages19.yml")
MESSAGES20: List[Dict[str, Any]] = _messages("messages20.yml")
# messages21.yml, messages22.yml: written blind by helpers on 2026-12-05 (thirteenth stop) from the
# same brief, weighted to sun and past medicines (21) and to stress, loosely said symptoms and
# counts of drinks (22); first reading in the note, then tuned on.
MESSAGES21: List[Dict[str, Any]] = _messages("messages21.yml")
MESSAGES22: List[Dict[str, Any]] = _messages("messages22.yml")
# messages23.yml, messages24.yml: written blind by helpers on 2026-12-05 (thirteenth stop) from the
# same brief, weighted to diet, water and how long (23) and to long messages, people written for
# or named in passing, and medicines (24); first reading, after that stop's rules, in the note.
MESSAGES23: List[Dict[str, Any]] = _messages("messages23.yml")
MESSAGES24: List[Dict[str, Any]] = _messages("messages24.yml")
# messages25.yml, messages26.yml, messages27.yml: written blind by helpers on 2026-12-06 (fourteenth
# stop) from the same brief, weighted to sun and past medicines (25), to stress, loosely said
# symptoms and medicines now (26) and to drink counts, diet and water (27); first reading, before
# that stop's rules, in the note, then tuned on.
MESSAGES25: List[Dict[str, Any]] = _messages("messages25.yml")
MESSAGES26: List[Dict[str, Any]] = _messages("messages26.yml")
MESSAGES27: List[Dict[str, Any]] = _messages("messages27.yml")
# messages28.yml, messages29.yml: written blind by helpers on 2026-12-06 (fifteenth stop) from the
# same brief, weighted to medicines now and past (28) and to sun said indirectly, stress, loosely
# said symptoms and diet (29); first reading, before that stop's rules, in the note, then tuned on.
MESSAGES28: List[Dict[str, Any]] = _messages("messages28.yml")
MESSAGES29: List[Dict[str, Any]] = _messages("messages29.yml")
# messages30.yml: written blind by a helper on 2026-12-06 (sixteenth stop) from the same brief,
# weighted to stress said through circumstances, sun said indirectly, everyday symptoms, medicines
# stopped or switched and loose drink counts; first reading, after that stop's first rules, in
# the note, then tuned on.
MESSAGES30: List[Dict[str, Any]] = _messages("messages30.yml")
# messages31.yml, messages32.yml: written blind by helpers on 2026-12-06 (stop 32) from the same
# brief, weighted to drink counts said loosely, diet frequency and sun said indirectly (31) and to
# medicines now and past in reported speech, stress through circumstances and everyday symptoms
# (32); first reading, before that stop's rules, in the note, then tuned on.
MESSAGES31: List[Dict[str, Any]] = _messages("messages31.yml")
MESSAGES32: List[Dict[str, Any]] = _messages("messages32.yml")
# messages33.yml, messages34.yml: written blind by helpers on 2026-12-07 (stop 33) from the same
# brief, weighted to sun said indirectly, drink counts said loosely and hydration in everyday
# terms (33) and to medicines now and past as people say them, loosely said symptoms and stress
# through circumstances (34); first reading, before that stop's rules, in the note, then tuned on.
MESSAGES33: List[Dict[str, Any]] = _messages("messages33.yml")
MESSAGES34: List[Dict[str, Any]] = _messages("messages34.yml")
# messages35.yml, messages36.yml: written blind by helpers on 2026-12-07 (stop 34) from the same
# brief, weighted to stress and sun said indirectly (35) and to medicines now, stopped, switched
# and finished, told in reported speech, and loosely said symptoms (36); first reading, before
# that stop's rules, in the note, then tuned on.
MESSAGES35: List[Dict[str, Any]] = _messages("messages35.yml")
MESSAGES36: List[Dict[str, Any]] = _messages("messages36.yml")
HELDOUT: List[Dict[str, Any]] = _messages("heldout.yml")
# heldout2.yml: written blind by a helper on 2026-12-04 (seventh stop), after that stop's
# tuning, from the same brief (a third each past medicines, diet, stress); read as totals only.
HELDOUT2: List[Dict[str, Any]] = _messages("heldout2.yml")
# heldout3.yml: written blind by a helper on 2026-12-05 (ninth stop) from the same brief, every
# kind about evenly; read as totals only, never tuned on.
HELDOUT3: List[Dict[str, Any]] = _messages("heldout3.yml")
# heldout4.yml: written blind by a helper on 2026-12-05 (tenth stop) from the same brief, all
# kinds evenly; its floors are its first reading less 0.03 (figures in the note).
HELDOUT4: List[Dict[str, Any]] = _messages("heldout4.yml")
# heldout5.yml: written blind by a helper on 2026-12-05 (twelfth stop) from the same brief, all
# kinds evenly (it listed the names of the project's folders, read no file); totals only.
HELDOUT5: List[Dict[str, Any]] = _messages("heldout5.yml")
# heldout6.yml: written blind by a helper on 2026-12-05 (twelfth stop) from the same brief, every
# kind about evenly, read once after that stop's rules (totals only), never tuned on.
HELDOUT6: List[Dict[str, Any]] = _messages("heldout6.yml")
# heldout7.yml: written blind by a helper on 2026-12-05 (thirteenth stop) from the same brief, every
# kind about evenly, read once before that stop's rules (totals only), never tuned on.
HELDOUT7: List[Dict[str, Any]] = _messages("heldout7.yml")
# heldout8.yml: written blind by a helper on 2026-12-05 (thirteenth stop) from the same brief, every
# kind about evenly, read once after that stop's rules (totals only), never tuned on.
HELDOUT8: List[Dict[str, Any]] = _messages("heldout8.yml")
# heldout9.yml: written blind by a helper on 2026-12-06 (fourteenth stop) from the same brief, every
# kind about evenly, read before and after that stop's rules (totals only), never tuned on.
HELDOUT9: List[Dict[str, Any]] = _messages("heldout9.yml")
# heldout10.yml: written blind by a helper on 2026-12-06 (fourteenth stop) from the same brief, every
# kind about evenly, read once after that stop's rules (totals only), never tuned on.
HELDOUT10: List[Dict[str, Any]] = _messages("heldout10.yml")
# heldout11.yml: written blind by a helper on 2026-12-06 (fifteenth stop) from the same brief, every
# kind about evenly; read once at the start of that stop, before any rule (totals only).
HELDOUT11: List[Dict[str, Any]] = _messages("heldout11.yml")
# heldout12.yml: written blind by a helper on 2026-12-06 (sixteenth stop) from the same brief,
# every kind, leaning to medicines now and past, sun said indirectly, symptoms and how long; read
# once, after that stop's rules (totals only); floors at that reading less 0.03.
HELDOUT12: List[Dict[str, Any]] = _messages("heldout12.yml")
# heldout13.yml: written blind by a helper on 2026-12-06 (stop 32) from the same brief, every kind
# about evenly, in wordings a rule-writer would not expect; read once at the start of that stop,
# before any rule (totals only); floors at that reading less 0.03.
HELDOUT13: List[Dict[str, Any]] = _messages("heldout13.yml")
# heldout14.yml: written blind by a helper on 2026-12-06 (stop 32) from the same brief, every kind,
# leaning to sun said indirectly, everyday stress and symptoms and medicines stopped or switched;
# read once, after that stop's rules (totals only); floors at that reading less 0.03.
HELDOUT14: List[Dict[str, Any]] = _messages("heldout14.yml")
# heldout15.yml: written blind by a helper on 2026-12-07 (stop 33) from the same brief, every kind
# about evenly, with long multi-fact messages and unexpected wordings; read once at the start of
# that stop, before any rule (totals only); floors at that reading less 0.03.
HELDOUT15: List[Dict[str, Any]] = _messages("heldout15.yml")
# heldout16.yml: written blind by a helper on 2026-12-07 (stop 34) from the same brief, every kind
# about evenly, with long multi-fact messages and unexpected wordings; read once at the start of
# that stop, before any rule (totals only); floors at that reading less 0.03.
HELDOUT16: List[Dict[str, Any]] = _messages("heldout16.yml")
TARGETS = {"medications": 0.95, "past_medicines": 0.95}  # the issue's; the rest 0.90
# Measured (recall), less 0.03 for the odd change of a borderline message; raised after issue
# 11's general rules, last on 2026-12-04 (seventh stop) for every table (never lowered for the
# first five).
FLOORS = {"diet": 0.97, "sun": 0.94, "caffeine": 0.95, "caffeine_cups": 0.95, "stress": 0.97, "hydration": 0.97, "medications": 0.97, "past_medicines": 0.97, "symptoms": 0.97, "duration": 0.91}  # fmt: skip
FLOORS2 = {"diet": 0.97, "sun": 0.94, "caffeine": 0.97, "caffeine_cups": 0.97, "stress": 0.97, "hydration": 0.94, "medications": 0.97, "past_medicines": 0.97, "symptoms": 0.97, "duration": 0.97}  # fmt: skip
FLOORS3 = {"diet": 0.97, "sun": 0.97, "caffeine": 0.94, "caffeine_cups": 0.88, "stress": 0.97, "hydration": 0.95, "medications": 0.97, "past_medicines": 0.97, "symptoms": 0.97, "duration": 0.97}  # fmt: skip
FLOORS4 = {"diet": 0.97, "sun": 0.95, "caffeine": 0.94, "caffeine_cups": 0.93, "stress": 0.96, "hydration": 0.95, "medications": 0.92, "past_medicines": 0.92, "symptoms": 0.96, "duration": 0.97}  # fmt: skip
FLOORS5 = {"diet": 0.94, "sun": 0.87, "caffeine": 0.97, "caffeine_cups": 0.97, "stress": 0.95, "hydration": 0.87, "medications": 0.97, "past_medicines": 0.96, "symptoms": 0.96, "duration": 0.94}  # fmt: skip
FLOORS6 = {"diet": 0.95, "sun": 0.96, "caffeine": 0.97, "caffeine_cups": 0.97, "stress": 0.97, "hydration": 0.97, "medications": 0.97, "past_medicines": 0.97, "symptoms": 0.97, "duration": 0.94}  # fmt: skip
FLOORS7 = {"diet": 0.97, "sun": 0.97, "caffeine": 0.95, "caffeine_cups": 0.95, "stress": 0.97, "hydration": 0.97, "medications": 0.97, "past_medicines": 0.95, "symptoms": 0.94, "duration": 0.96}  # fmt: skip
FLOORS8 = {"diet": 0.95, "sun": 0.89, "caffeine": 0.97, "caffeine_cups": 0.97, "stress": 0.97, "hydration": 0.97, "medications": 0.91, "past_medicines": 0.93, "symptoms": 0.97, "duration": 0.97}  # fmt: skip
FLOORS9 = {"diet": 0.89, "sun": 0.89, "caffeine": 0.95, "caffeine_cups": 0.93, "stress": 0.94, "hydration": 0.97, "medications": 0.93, "past_medicines": 0.89, "symptoms": 0.90, "duration": 0.97}  # fmt: skip
FLOORS11 = {"diet": 0.97, "sun": 0.97, "caffeine": 0.92, "caffeine_cups": 0.91, "stress": 0.97, "hydration": 0.95, "medications": 0.97, "past_medicines": 0.97, "symptoms": 0.96, "duration": 0.97}  # fmt: skip
FLOORS12 = {"diet": 0.89, "sun": 0.91, "caffeine": 0.93, "caffeine_cups": 0.86, "stress": 0.95, "hydration": 0.97, "medications": 0.93, "past_medicines": 0.91, "symptoms": 0.97, "duration": 0.97}  # fmt: skip
FLOORS13 = {"diet": 0.97, "sun": 0.97, "caffeine": 0.85, "caffeine_cups": 0.83, "stress": 0.97, "hydration": 0.97, "medications": 0.97, "past_medicines": 0.97, "symptoms": 0.94, "duration": 0.86}  # fmt: skip
FLOORS14 = {"diet": 0.97, "sun": 0.95, "caffeine": 0.93, "caffeine_cups": 0.95, "stress": 0.89, "hydration": 0.92, "medications": 0.87, "past_medicines": 0.97, "symptoms": 0.90, "duration": 0.93}  # fmt: skip
# messages15.yml … messages20.yml: their first reading (2026-12-05, twelfth stop) less 0.03.
FLOORS15 = {"diet": 0.91, "sun": 0.83, "caffeine": 0.92, "caffeine_cups": 0.94, "stress": 0.89, "hydration": 0.91, "medications": 0.95, "past_medicines": 0.97, "symptoms": 0.87, "duration": 0.97}  # fmt: skip
FLOORS16 = {"diet": 0.94, "sun": 0.77, "caffeine": 0.79, "caffeine_cups": 0.78, "stress": 0.88, "hydration": 0.93, "medications": 0.87, "past_medicines": 0.90, "symptoms": 0.89, "duration": 0.87}  # fmt: skip
FLOORS17 = {"diet": 0.89, "sun": 0.85, "caffeine": 0.87, "caffeine_cups": 0.89, "stress": 0.86, "hydration": 0.97, "medications": 0.86, "past_medicines": 0.82, "symptoms": 0.87, "duration": 0.90}  # fmt: skip
FLOORS18 = {"diet": 0.88, "sun": 0.80, "caffeine": 0.80, "caffeine_cups": 0.76, "stress": 0.93, "hydration": 0.94, "medications": 0.90, "past_medicines": 0.89, "symptoms": 0.92, "duration": 0.91}  # fmt: skip
FLOORS19 = {"diet": 0.97, "sun": 0.68, "caffeine": 0.85, "caffeine_cups": 0.84, "stress": 0.90, "hydration": 0.87, "medications": 0.91, "past_medicines": 0.97, "symptoms": 0.69, "duration": 0.97}  # fmt: skip
FLOORS20 = {"diet": 0.94, "sun": 0.82, "caffeine": 0.88, "caffeine_cups": 0.88, "stress": 0.90, "hydration": 0.97, "medications": 0.87, "past_medicines": 0.88, "symptoms": 0.89, "duration": 0.97}  # fmt: skip
# messages21.yml, messages22.yml: their first reading (2026-12-05, thirteenth stop) less 0.03.
FLOORS21 = {"diet": 0.97, "sun": 0.70, "caffeine": 0.83, "caffeine_cups": 0.82, "stress": 0.97, "hydration": 0.97, "medications": 0.83, "past_medicines": 0.85, "symptoms": 0.97, "duration": 0.97}  # fmt: skip
FLOORS22 = {"diet": 0.97, "sun": 0.91, "caffeine": 0.68, "caffeine_cups": 0.61, "stress": 0.84, "hydration": 0.87, "medications": 0.93, "past_medicines": 0.89, "symptoms": 0.81, "duration": 0.92}  # fmt: skip
FLOORS23 = {"diet": 0.91, "sun": 0.87, "caffeine": 0.90, "caffeine_cups": 0.90, "stress": 0.97, "hydration": 0.90, "medications": 0.97, "past_medicines": 0.97, "symptoms": 0.94, "duration": 0.94}  # fmt: skip
FLOORS24 = {"diet": 0.91, "sun": 0.88, "caffeine": 0.86, "caffeine_cups": 0.87, "stress": 0.94, "hydration": 0.97, "medications": 0.88, "past_medicines": 0.90, "symptoms": 0.89, "duration": 0.95}  # fmt: skip
# messages25.yml … messages27.yml: their first reading (2026-12-06, fourteenth stop) less 0.03.
FLOORS25 = {"diet": 0.97, "sun": 0.77, "caffeine": 0.97, "caffeine_cups": 0.97, "stress": 0.91, "hydration": 0.97, "medications": 0.90, "past_medicines": 0.92, "symptoms": 0.94, "duration": 0.91}  # fmt: skip
FLOORS26 = {"diet": 0.97, "sun": 0.97, "caffeine": 0.92, "caffeine_cups": 0.97, "stress": 0.75, "hydration": 0.97, "medications": 0.89, "past_medicines": 0.90, "symptoms": 0.76, "duration": 0.97}  # fmt: skip
FLOORS28 = {"diet": 0.97, "sun": 0.97, "caffeine": 0.97, "caffeine_cups": 0.97, "stress": 0.97, "hydration": 0.97, "medications": 0.89, "past_medicines": 0.76, "symptoms": 0.97, "duration": 0.97}  # fmt: skip
FLOORS29 = {"diet": 0.88, "sun": 0.78, "caffeine": 0.91, "caffeine_cups": 0.85, "stress": 0.80, "hydration": 0.97, "medications": 0.97, "past_medicines": 0.97, "symptoms": 0.78, "duration": 0.90}  # fmt: skip
FLOORS30 = {"diet": 0.94, "sun": 0.83, "caffeine": 0.86, "caffeine_cups": 0.82, "stress": 0.92, "hydration": 0.92, "medications": 0.94, "past_medicines": 0.89, "symptoms": 0.84, "duration": 0.95}  # fmt: skip
FLOORS31 = {"diet": 0.91, "sun": 0.83, "caffeine": 0.83, "caffeine_cups": 0.75, "stress": 0.91, "hydration": 0.97, "medications": 0.93, "past_medicines": 0.89, "symptoms": 0.93, "duration": 0.97}  # fmt: skip
# messages33.yml, messages34.yml: their first reading (stop 33, before its rules), less 0.03.
FLOORS33 = {"diet": 0.97, "sun": 0.74, "caffeine": 0.85, "caffeine_cups": 0.86, "stress": 0.93, "hydration": 0.87, "medications": 0.93, "past_medicines": 0.97, "symptoms": 0.92, "duration": 0.87}  # fmt: skip
FLOORS34 = {"diet": 0.88, "sun": 0.97, "caffeine": 0.97, "caffeine_cups": 0.92, "stress": 0.91, "hydration": 0.93, "medications": 0.83, "past_medicines": 0.79, "symptoms": 0.90, "duration": 0.93}  # fmt: skip
# messages35.yml, messages36.yml: their first reading (stop 34, before its rules), less 0.03.
FLOORS35 = {"diet": 0.92, "sun": 0.79, "caffeine": 0.92, "caffeine_cups": 0.91, "stress": 0.86, "hydration": 0.97, "medications": 0.94, "past_medicines": 0.97, "symptoms": 0.84, "duration": 0.97}  # fmt: skip
FLOORS36 = {"diet": 0.90, "sun": 0.94, "caffeine": 0.88, "caffeine_cups": 0.81, "stress": 0.95, "hydration": 0.94, "medications": 0.85, "past_medicines": 0.80, "symptoms": 0.93, "duration": 0.94}  # fmt: skip
FLOORS32 = {"diet": 0.89, "sun": 0.97, "caffeine": 0.89, "caffeine_cups": 0.87, "stress": 0.82, "hydration": 0.97, "medications": 0.74, "past_medicines": 0.77, "symptoms": 0.79, "duration": 0.93}  # fmt: skip
FLOORS27 = {"diet": 0.89, "sun": 0.91, "caffeine": 0.74, "caffeine_cups": 0.65, "stress": 0.92, "hydration": 0.87, "medications": 0.93, "past_medicines": 0.97, "symptoms": 0.88, "duration": 0.97}  # fmt: skip
FLOORS10 = {"diet": 0.93, "sun": 0.92, "caffeine": 0.97, "caffeine_cups": 0.97, "stress": 0.97, "hydration": 0.97, "medications": 0.94, "past_medicines": 0.97, "symptoms": 0.95, "duration": 0.94}  # fmt: skip
# The blind table, measured 2026-12-04 (seventh stop) less 0.03 (totals only, never tuned on).
# heldout2.yml, its first and only reading (2026-12-04, seventh stop), less 0.03.
HELDOUT2_FLOORS = {"diet": 0.87, "sun": 0.76, "caffeine": 0.95, "caffeine_cups": 0.92, "stress": 0.79, "hydration": 0.97, "medications": 0.83, "past_medicines": 0.77, "symptoms": 0.81, "duration": 0.91}  # fmt: skip
# heldout3.yml, its first reading (2026-12-05, ninth stop, before that stop's tuning), less 0.03.
HELDOUT3_FLOORS = {"diet": 0.90, "sun": 0.87, "caffeine": 0.85, "caffeine_cups": 0.79, "stress": 0.95, "hydration": 0.85, "medications": 0.93, "past_medicines": 0.97, "symptoms": 0.85, "duration": 0.82}  # fmt: skip
# heldout5.yml, its first reading (2026-12-05, twelfth stop, before that stop's tuning), less 0.03.
HELDOUT5_FLOORS = {"diet": 0.97, "sun": 0.87, "caffeine": 0.89, "caffeine_cups": 0.89, "stress": 0.91, "hydration": 0.88, "medications": 0.94, "past_medicines": 0.97, "symptoms": 0.89, "duration": 0.88}  # fmt: skip
# heldout6.yml, its first reading (2026-12-05, twelfth stop, after that stop's rules), less 0.03.
HELDOUT6_FLOORS = {"diet": 0.90, "sun": 0.75, "caffeine": 0.93, "caffeine_cups": 0.92, "stress": 0.94, "hydration": 0.94, "medications": 0.94, "past_medicines": 0.90, "symptoms": 0.95, "duration": 0.95}  # fmt: skip
# heldout7.yml, its first reading (2026-12-05, thirteenth stop, before that stop's rules), less 0.03.
HELDOUT7_FLOORS = {"diet": 0.93, "sun": 0.78, "caffeine": 0.85, "caffeine_cups": 0.83, "stress": 0.97, "hydration": 0.97, "medications": 0.87, "past_medicines": 0.86, "symptoms": 0.82, "duration": 0.90}  # fmt: skip
# heldout8.yml, its first and only reading (2026-12-05, thirteenth stop, after its rules), less 0.03.
HELDOUT8_FLOORS = {"diet": 0.88, "sun": 0.94, "caffeine": 0.94, "caffeine_cups": 0.87, "stress": 0.88, "hydration": 0.91, "medications": 0.92, "past_medicines": 0.88, "symptoms": 0.91, "duration": 0.94}  # fmt: skip
# heldout9.yml, its first reading (2026-12-06, fourteenth stop, before that stop's rules), less 0.03.
HELDOUT9_FLOORS = {"diet": 0.90, "sun": 0.89, "caffeine": 0.92, "caffeine_cups": 0.94, "stress": 0.95, "hydration": 0.97, "medications": 0.89, "past_medicines": 0.86, "symptoms": 0.90, "duration": 0.97}  # fmt: skip
# heldout10.yml, its first and only reading (2026-12-06, fourteenth stop, after its rules), less 0.03.
HELDOUT10_FLOORS = {"diet": 0.94, "sun": 0.97, "caffeine": 0.94, "caffeine_cups": 0.94, "stress": 0.94, "hydration": 0.94, "medications": 0.90, "past_medicines": 0.85, "symptoms": 0.93, "duration": 0.97}  # fmt: skip
# heldout11.yml, its first reading (2026-12-06, fifteenth stop, before its rules), less 0.03.
HELDOUT11_FLOORS = {"diet": 0.97, "sun": 0.94, "caffeine": 0.88, "caffeine_cups": 0.89, "stress": 0.97, "hydration": 0.94, "medications": 0.89, "past_medicines": 0.90, "symptoms": 0.88, "duration": 0.94}  # fmt: skip
HELDOUT12_FLOORS = {"diet": 0.88, "sun": 0.84, "caffeine": 0.85, "caffeine_cups": 0.83, "stress": 0.92, "hydration": 0.94, "medications": 0.93, "past_medicines": 0.91, "symptoms": 0.97, "duration": 0.95}  # fmt: skip
# heldout13.yml, its first reading (2026-12-06, stop 32, before that stop's rules), less 0.03.
HELDOUT13_FLOORS = {"diet": 0.89, "sun": 0.79, "caffeine": 0.94, "caffeine_cups": 0.92, "stress": 0.84, "hydration": 0.97, "medications": 0.89, "past_medicines": 0.88, "symptoms": 0.83, "duration": 0.86}  # fmt: skip
# heldout14.yml, its first and only reading (2026-12-06, stop 32, after its rules), less 0.03.
# heldout15.yml, its first reading (2026-12-07, stop 33, before that stop's rules), less 0.03.
HELDOUT15_FLOORS = {"diet": 0.92, "sun": 0.87, "caffeine": 0.95, "caffeine_cups": 0.94, "stress": 0.80, "hydration": 0.97, "medications": 0.90, "past_medicines": 0.94, "symptoms": 0.92, "duration": 0.88}  # fmt: skip
# heldout16.yml, its first reading (2026-12-07, stop 34, before that stop's rules), less 0.03.
HELDOUT16_FLOORS = {"diet": 0.93, "sun": 0.97, "caffeine": 0.90, "caffeine_cups": 0.86, "stress": 0.93, "hydration": 0.95, "medications": 0.92, "past_medicines": 0.88, "symptoms": 0.95, "duration": 0.93}  # fmt: skip
HELDOUT14_FLOORS = {"diet": 0.93, "sun": 0.88, "caffeine": 0.85, "caffeine_cups": 0.84, "stress": 0.91, "hydration": 0.89, "medications": 0.87, "past_medicines": 0.84, "symptoms": 0.84, "duration": 0.90}  # fmt: skip
HELDOUT4_FLOORS = {"diet": 0.91, "sun": 0.83, "caffeine": 0.85, "caffeine_cups": 0.85, "stress": 0.79, "hydration": 0.90, "medications": 0.94, "past_medicines": 0.90, "symptoms": 0.82, "duration": 0.90}  # fmt: skip
HELDOUT_FLOORS = {"diet": 0.82, "sun": 0.88, "caffeine": 0.92, "caffeine_cups": 0.90, "stress": 0.86, "hydration": 0.88, "medications": 0.97, "past_medicines": 0.81, "symptoms": 0.87, "duration": 0.89}  # fmt: skip
KINDS = ("diet", "sun", "caffeine", "caffeine_cups", "stress", "hydration", "medications",
         "past_medicines", "symptoms", "duration")  # fmt: skip


def extracted(reader: Reader, text: str) -> Dict[str, Any]:
    """What the reader takes from ``text``, in the table's terms."""
    reading = reader.read(text)
    found: Dict[str, Any] = dict(slot_updates(reading))
    found.pop("medication_names", None)
    past = [str(f.value).lower() for f in reading.medicines(PAST)]
    if past:
        found["past_medicines"] = past
    # A name typed with a typo and read as the medicine ("predisone" → prednisone): the
    # tables give names as typed, the reader the corrected name; either is right.
    found["_typed"] = {typed.lower(): fixed.lower() for typed, fixed in reading.corrections}
    if reading.duration():
        found["duration"] = True
    return found


def _same(kind: str, expected: Any, got: Any) -> bool:
    if kind == "caffeine_cups":
        return got is not None and float(got) == float(expected)
    if expected == []:  # "no medicines", "nothing else": no current one taken
        return not got or got in (["none"],)
    if isinstance(expected, list):
        return isinstance(got, list) and sorted(map(str, got)) == sorted(map(str, expected))
    return got == expected


def score(reader: Reader, messages: List[Dict[str, Any]]) -> Tuple[Dict[str, Counter], List[str]]:
    """Per kind: true positives, false negatives, false positives; and the misses."""
    counts: Dict[str, Counter] = {k: Counter() for k in KINDS}
    misses: List[str] = []
    for message in messages:
        expect = message.get("expect") or {}
        got = extracted(reader, message["text"])
        typed = got.pop("_typed")
        for kind in KINDS:
            if kind in expect:
                wanted = expect[kind]
                if kind == "past_medicines" and isinstance(wanted, list):
                    wanted = [typed.get(str(name).lower(), name) for name in wanted]
                if _same(kind, wanted, got.get(kind)):
                    counts[kind]["tp"] += 1
                else:
                    counts[kind]["fn"] += 1
                    misses.append(
                        f"{kind}: {message['text']!r} expected {expect[kind]!r}, got {got.get(kind)!r}"
                    )
            elif kind in got and not (kind == "caffeine_cups" and got[kind] in (None, 0.0)):
                counts[kind]["fp"] += 1
                misses.append(f"{kind} (not stated): {message['text']!r} got {got[kind]!r}")
    return counts, misses


def report(
    reader: Reader,
    name: str,
    messages: List[Dict[str, Any]],
    floors: Dict[str, float],
    show_misses: bool = True,
) -> List[str]:
    """Print the table for ``messages``; the kinds whose recall is under its floor."""
    counts, misses = score(reader, messages)
    print(f"\n{name}: {len(messages)} messages")
    print(f"{'fact':15} {'n':>4} {'recall':>7} {'precision':>9} {'target':>7}")
    failing = []
    for kind in KINDS:
        c = counts[kind]
        n = c["tp"] + c["fn"]
        recall = c["tp"] / n if n else 1.0
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        target = TARGETS.get(kind, 0.90)
        print(f"{kind:15} {n:>4} {recall:>7.2f} {precision:>9.2f} {target:>7.2f}")
        if recall < floors[kind]:
            failing.append(f"{name} {kind} recall {recall:.2f} < {floors[kind]}")
    if show_misses:
        print("\n".join(["misread:", *misses]))
    else:  # a blind table stays blind: its misreads are not shown
        print(f"misread: {len(misses)} (not shown: this table is not tuned on)")
    return failing


@pytest.mark.parametrize(
    ("name", "messages", "floors"),
    [
        ("messages.yml (development)", MESSAGES, FLOORS),
        ("messages2.yml (development)", MESSAGES2, FLOORS2),
        ("messages3.yml (development)", MESSAGES3, FLOORS3),
        ("messages4.yml (development)", MESSAGES4, FLOORS4),
        ("messages5.yml (development)", MESSAGES5, FLOORS5),
        ("messages6.yml (development)", MESSAGES6, FLOORS6),
        ("messages7.yml (development)", MESSAGES7, FLOORS7),
        ("messages8.yml (development)", MESSAGES8, FLOORS8),
        ("messages9.yml (development)", MESSAGES9, FLOORS9),
        ("messages10.yml (development)", MESSAGES10, FLOORS10),
        ("messages11.yml (development)", MESSAGES11, FLOORS11),
        ("messages12.yml (development)", MESSAGES12, FLOORS12),
        ("messages13.yml (development)", MESSAGES13, FLOORS13),
        ("messages14.yml (development)", MESSAGES14, FLOORS14),
        ("messages15.yml (development)", MESSAGES15, FLOORS15),
        ("messages16.yml (development)", MESSAGES16, FLOORS16),
        ("messages17.yml (development)", MESSAGES17, FLOORS17),
        ("messages18.yml (development)", MESSAGES18, FLOORS18),
        ("messages19.yml (development)", MESSAGES19, FLOORS19),
        ("messages20.yml (development)", MESSAGES20, FLOORS20),
        ("messages21.yml (development)", MESSAGES21, FLOORS21),
        ("messages22.yml (development)", MESSAGES22, FLOORS22),
        ("messages23.yml (development)", MESSAGES23, FLOORS23),
        ("messages24.yml (development)", MESSAGES24, FLOORS24),
        ("messages25.yml (development)", MESSAGES25, FLOORS25),
        ("messages26.yml (development)", MESSAGES26, FLOORS26),
        ("messages27.yml (development)", MESSAGES27, FLOORS27),
        ("messages28.yml (development)", MESSAGES28, FLOORS28),
        ("messages29.yml (development)", MESSAGES29, FLOORS29),
        ("messages30.yml (development)", MESSAGES30, FLOORS30),
        ("messages31.yml (development)", MESSAGES31, FLOORS31),
        ("messages32.yml (development)", MESSAGES32, FLOORS32),
        ("messages33.yml (development)", MESSAGES33, FLOORS33),
        ("messages34.yml (development)", MESSAGES34, FLOORS34),
        ("messages35.yml (development)", MESSAGES35, FLOORS35),
        ("messages36.yml (development)", MESSAGES36, FLOORS36),
    ],
)
def test_reader_on_a_development_table(
    reader: Reader, name: str, messages: List[Dict[str, Any]], floors: Dict[str, float]
) -> None:
    assert len(messages) >= 200
    failing = report(reader, name, messages, floors)
    assert not failing, failing


@pytest.mark.parametrize(
    ("name", "messages", "floors"),
    [
        ("heldout.yml (written blind)", HELDOUT, HELDOUT_FLOORS),
        ("heldout2.yml (written blind)", HELDOUT2, HELDOUT2_FLOORS),
        ("heldout3.yml (written blind)", HELDOUT3, HELDOUT3_FLOORS),
        ("heldout4.yml (written blind)", HELDOUT4, HELDOUT4_FLOORS),
        ("heldout5.yml (written blind)", HELDOUT5, HELDOUT5_FLOORS),
        ("heldout6.yml (written blind)", HELDOUT6, HELDOUT6_FLOORS),
        ("heldout7.yml (written blind)", HELDOUT7, HELDOUT7_FLOORS),
        ("heldout8.yml (written blind)", HELDOUT8, HELDOUT8_FLOORS),
        ("heldout9.yml (written blind)", HELDOUT9, HELDOUT9_FLOORS),
        ("heldout10.yml (written blind)", HELDOUT10, HELDOUT10_FLOORS),
        ("heldout11.yml (written blind)", HELDOUT11, HELDOUT11_FLOORS),
        ("heldout12.yml (written blind)", HELDOUT12, HELDOUT12_FLOORS),
        ("heldout13.yml (written blind)", HELDOUT13, HELDOUT13_FLOORS),
        ("heldout14.yml (written blind)", HELDOUT14, HELDOUT14_FLOORS),
        ("heldout15.yml (written blind)", HELDOUT15, HELDOUT15_FLOORS),
        ("heldout16.yml (written blind)", HELDOUT16, HELDOUT16_FLOORS),
    ],
)
def test_reader_on_a_held_out_table(
    reader: Reader, name: str, messages: List[Dict[str, Any]], floors: Dict[str, float]
) -> None:
    assert len(messages) >= 200
    failing = report(reader, name, messages, floors, show_misses=False)
    assert not failing, failing
