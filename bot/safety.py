"""Safety rules (project additions, not from the source document).

* Warning signs (red flags) in triage tiers: ``emergency`` (call now) and ``today``
  (see a doctor today); read from every message by :mod:`bot.reader`; a flag stops
  the assessment and gets its tier's message, the action first.
* No doses: answers never contain a dose; :func:`contains_dose` checks text.
* Never "stop taking it": medication answers come from ``safety.yml``.
* The disclaimer is part of every result.
"""

from __future__ import annotations

import re
from typing import Iterable, List

from bot.knowledge import Knowledge

# A number followed by a unit is a dose; we never send one.
_DOSE = re.compile(
    r"\b\d[\d,.]*\s*(?:iu|i\.u\.|mg|mcg|µg|ug|micrograms?|milligrams?|units?)\b", re.I
)
# "Not sure" at the safety check is asked again this many times less one, then advised on.
UNSURE_ASKS = 2
EMERGENCY = "emergency"
TODAY = "today"


def tier(knowledge: Knowledge, flag_ids: Iterable[str], context: Iterable[str] = ()) -> str:
    """The tier of a set of red flags: ``emergency`` or ``today``.

    Args:
        knowledge: the knowledge.
        flag_ids: the red flags found.
        context: other flags and symptoms known in the conversation; a ``today`` flag
            becomes an emergency when one of its ``escalate_with`` is among them or
            among ``flag_ids`` (palpitations with fainting, say).
    """
    flags = [f for f in flag_ids if f in {r.id for r in knowledge.red_flags.red_flags}]
    known = set(flags) | set(context)
    for flag_id in flags:
        flag = knowledge.red_flag(flag_id)
        if flag.tier == EMERGENCY or known.intersection(flag.escalate_with):
            return EMERGENCY
    return TODAY


def red_flag_names(knowledge: Knowledge, flag_ids: Iterable[str]) -> List[str]:
    """Display names of red flags."""
    by_id = {r.id: r.name for r in knowledge.red_flags.red_flags}
    return [by_id[f] for f in flag_ids if f in by_id]


def red_flag_list(knowledge: Knowledge) -> str:
    """All red flags as one readable list."""
    return join_words([r.name for r in knowledge.red_flags.red_flags], "or")


def tier_list(knowledge: Knowledge, tier_id: str) -> str:
    """The red flags of one tier as one readable list."""
    return join_words([r.name for r in knowledge.red_flags.red_flags if r.tier == tier_id], "or")


def warning_signs(knowledge: Knowledge) -> str:
    """The tiered warning signs, one wording everywhere (answers, page note)."""
    return knowledge.safety.warning_signs.text.format(
        emergency_number=knowledge.emergency_number,
        emergency_list=tier_list(knowledge, EMERGENCY),
        today_list=tier_list(knowledge, TODAY),
    )


def answer_before_questions(knowledge: Knowledge, question: str) -> str:
    """The answer to "should I be worried?" (``serious``) or "should I see a doctor?"
    (``see_doctor``) asked in a message that also starts the assessment: the fixed answer
    without its list of warning signs, since the safety check that follows asks about each."""
    entry = knowledge.safety.serious if question == "serious" else knowledge.safety.see_doctor
    return entry.text.format(warning_signs="").strip()


def page_note(knowledge: Knowledge) -> str:
    """The safety note of the widget's host page: the disclaimer and the warning signs."""
    return knowledge.safety.page_note.text.format(warning_signs=warning_signs(knowledge))


def urgent_message(
    knowledge: Knowledge, flag_ids: Iterable[str], context: Iterable[str] = ()
) -> str:
    """The message for red flags: its tier's action first, then the signs named."""
    flag_ids = list(flag_ids)
    names = red_flag_names(knowledge, flag_ids)
    if not names:  # a sign not named: the emergency step first, then the doctor today
        return knowledge.safety.tiers["unknown"].text.format(
            emergency_list=tier_list(knowledge, EMERGENCY),
            emergency_number=knowledge.emergency_number,
        )
    level = tier(knowledge, flag_ids, context)
    return knowledge.safety.tiers[level].text.format(  # type: ignore[index]
        red_flags=join_words(names, "and"), emergency_number=knowledge.emergency_number
    )


def screen_again(knowledge: Knowledge) -> str:
    """The safety check asked again after a first "not sure"."""
    return knowledge.safety.screen_again.text.format(red_flag_list=red_flag_list(knowledge))


def unsure_screen(knowledge: Knowledge) -> str:
    """The see-a-doctor-today advice after a second "not sure" at the safety check."""
    return knowledge.safety.unsure_screen.text.format(
        red_flag_list=red_flag_list(knowledge), emergency_number=knowledge.emergency_number
    )


def contains_dose(text: str) -> bool:
    """True when ``text`` contains a number with a dose unit (IU, mg, mcg ...)."""
    return bool(_DOSE.search(text))


def join_words(items: List[str], last: str) -> str:
    """``a, b and c`` style join."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
