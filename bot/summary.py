"""The summary for the appointment: the user's answers, in their words, on one page.

Built from the conversation's slots whenever it is asked for (so a corrected answer shows
corrected), as plain text for Slack and Telegram and as a printable HTML page that the Rasa
server serves at an expiring link (``rasa_ext/channels/portal.py``). Every word around the
user's answers comes from ``templates.yml`` (``summary``); every user word is escaped on
the page.
"""

from __future__ import annotations

import html
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, List, Mapping, Tuple

from bot.answers import Answers
from bot.assessment import Assessor
from bot.knowledge import Knowledge
from bot.safety import UNSURE_ASKS, join_words, red_flag_list, red_flag_names, tier


@dataclass
class Summary:
    """A title, an intro, and sections of lines."""

    title: str
    intro: str
    sections: List[Tuple[str, List[str]]] = field(default_factory=list)
    disclaimer: str = ""

    def text(self) -> str:
        """Plain text (Slack, Telegram): headings, then one line per item."""
        parts = [self.title, self.intro]
        for heading, lines in self.sections:
            parts.append(heading + ":\n" + "\n".join(f"- {line}" for line in lines))
        parts.append(self.disclaimer)
        return "\n\n".join(p for p in parts if p)

    def html(self) -> str:
        """A printable page (every text escaped; no script; noindex)."""
        e = html.escape
        body = "".join(
            f"<section><h2>{e(heading)}</h2><ul>"
            + "".join(f"<li>{e(line)}</li>" for line in lines)
            + "</ul></section>"
            for heading, lines in self.sections
        )
        return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="robots" content="noindex, nofollow">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(self.title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 44rem; margin: 1.5rem auto;
  padding: 0 1rem; color: #111; line-height: 1.45; }}
h1 {{ font-size: 1.5rem; }} h2 {{ font-size: 1.1rem; margin: 1.2rem 0 .3rem; }}
ul {{ margin: 0; padding-left: 1.2rem; }}
.disclaimer {{ border-top: 1px solid #888; margin-top: 1.5rem; padding-top: .6rem; }}
@media print {{ body {{ margin: 0; max-width: none; }}
  section {{ break-inside: avoid; }} }}
</style></head><body>
<main>
<h1>{e(self.title)}</h1>
<p>{e(self.intro)}</p>
{body}
<p class="disclaimer">{e(self.disclaimer)}</p>
</main>
</body></html>
"""


def build_summary(
    knowledge: Knowledge,
    assessor: Assessor,
    answers: Answers,
    slots: Mapping[str, Any],
    date: str,
) -> Summary:
    """The summary of one conversation from its slots, dated ``date``."""
    t = knowledge.templates.summary
    understood = slots.get("understood") or {}
    words = understood.get("words") or {}
    summary = Summary(
        title=t.title, intro=t.intro.format(date=date), disclaimer=answers.disclaimer()
    )

    # Where and how long
    sites = [str(s) for s in understood.get("sites") or []]
    how_long = answers.duration_words(slots) or t.not_said
    summary.sections.append(
        (
            t.twitching,
            [
                t.where.format(sites=join_words(sites, "and") if sites else t.not_said),
                t.how_long.format(duration=how_long),
            ],
        )
    )

    # Every answer, in the user's words where they typed them
    lines: List[str] = []
    for slot in knowledge.question_slots:
        value = slots.get(slot)
        if slot in ("red_flag", "duration") or value is None:
            continue
        label = knowledge.templates.question_labels.get(slot, slot)
        shown = answers.shown_value(slot, slots, assessor.medicines_phrase(slots))
        template = t.answer_words if words.get(slot) else t.answer
        line = template.format(label=label, value=shown, words=words.get(slot, ""))
        lines.append(line[:1].upper() + line[1:])
    summary.sections.append((t.answers, lines or [t.not_said]))

    # The safety check
    screen: List[str] = []
    signs = red_flag_list(knowledge)
    flags = [str(f) for f in slots.get("red_flags_found") or []]
    if slots.get("red_flag") is True:
        names = join_words(red_flag_names(knowledge, flags), "and") if flags else t.not_said
        advice = t.advice[tier(knowledge, flags) if flags else "unknown"]
        screen.append(
            t.screen_yes.format(
                flags=names, advice=advice.format(emergency_number=knowledge.emergency_number)
            )
        )
    elif slots.get("red_flag") is False:
        unsure = float(slots.get("screen_unsure") or 0) >= UNSURE_ASKS
        screen.append((t.screen_unsure if unsure else t.screen_no).format(signs=signs))
    else:
        screen.append(t.screen_missing)
    ruled_out = [str(flag_id) for flag_id, _ in understood.get("ruled_out") or []]
    if ruled_out:
        names = join_words(red_flag_names(knowledge, ruled_out), "and")
        screen.append(t.ruled_out.format(flags=names))
    summary.sections.append((t.warning_signs, screen))

    # Medicines, each with its class
    meds = [m for m in slots.get("medications") or [] if m not in ("none", "skipped")]
    med_lines = [assessor.medicines_phrase(slots)] if meds else [t.medicines_none]
    if "other" in meds and not slots.get("medication_names"):
        med_lines = [answers.value_text("medications", meds)]
    past = [str(n) for n in understood.get("past_medicines") or []]
    if past:
        med_lines.append(t.medicines_past.format(names=join_words(past, "and")))
    summary.sections.append((t.medicines, med_lines))

    # The causes considered, with the reasons
    if slots.get("red_flag") is not True:
        ranking = assessor.rank(slots)
        causes = [
            f"{knowledge.cause(c.cause_id).name}: "
            + knowledge.templates.reason_joiner.join(c.reasons)
            for c in ranking.likely
        ]
        summary.sections.append((t.causes, causes or [t.causes_none]))

    summary.sections.append((t.source, [t.source_text.format(title=knowledge.passages.title)]))
    return summary


def has_answers(slots: Mapping[str, Any]) -> bool:
    """True once the safety check was answered (a summary then has something to say)."""
    return slots.get("red_flag") is not None


def summary_date(timestamp: float | None = None) -> str:
    """The date printed on a summary ("3 December 2026", UTC)."""
    moment = datetime.fromtimestamp(time.time() if timestamp is None else timestamp, timezone.utc)
    return f"{moment.day} {moment:%B %Y}"
