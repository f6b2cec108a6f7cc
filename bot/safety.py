"""Safety rules (project additions, not from the source document).

* Red flags: detected on every message; a hit stops the assessment.
* No doses: answers never contain a dose; :func:`contains_dose` checks text.
* Never "stop taking it": medication answers come from ``safety.yml``.
* The disclaimer is part of every result.
"""

from __future__ import annotations

import re
from typing import Iterable, List

from bot.knowledge import Knowledge
from bot.lexicon import Lexicon

# A number followed by a unit is a dose; we never send one.
_DOSE = re.compile(
    r"\b\d[\d,.]*\s*(?:iu|i\.u\.|mg|mcg|µg|ug|micrograms?|milligrams?|units?)\b", re.I
)


def find_red_flags(
    lexicon: Lexicon, text: str, entity_values: Iterable[str] | None = None
) -> List[str]:
    """Red-flag ids mentioned (not negated) in ``text`` or in red_flag entities.

    Args:
        lexicon: the knowledge lexicon.
        text: the user's message.
        entity_values: texts of ``red_flag`` entities found by the NLU pipeline.
    """
    found = lexicon.find("red_flag", text)
    seen = set(lexicon.find("red_flag", text, include_negated=True))
    for value in entity_values or ():
        for flag in lexicon.find("red_flag", value):
            if flag not in seen:  # only what the text check missed (e.g. a form it lacks)
                found.append(flag)
                seen.add(flag)
    return found


def red_flag_names(knowledge: Knowledge, flag_ids: Iterable[str]) -> List[str]:
    """Display names of red flags."""
    by_id = {r.id: r.name for r in knowledge.red_flags.red_flags}
    return [by_id[f] for f in flag_ids if f in by_id]


def red_flag_list(knowledge: Knowledge) -> str:
    """All red flags as one readable list."""
    return join_words([r.name for r in knowledge.red_flags.red_flags], "or")


def page_note(knowledge: Knowledge) -> str:
    """The safety note of the widget's host page: the disclaimer and every red flag."""
    return knowledge.safety.page_note.text.format(
        red_flag_list=red_flag_list(knowledge), emergency_number=knowledge.emergency_number
    )


def urgent_message(knowledge: Knowledge, flag_ids: Iterable[str]) -> str:
    """The urgent-care message naming the red flags found."""
    names = red_flag_names(knowledge, flag_ids) or ["a warning sign"]
    return knowledge.safety.urgent.text.format(
        red_flags=join_words(names, "and"), emergency_number=knowledge.emergency_number
    )


def contains_dose(text: str) -> bool:
    """True when ``text`` contains a number with a dose unit (IU, mg, mcg ...)."""
    return bool(_DOSE.search(text))


def join_words(items: List[str], last: str) -> str:
    """``a, b and c`` style join."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
