"""Lazy access to the pure-Python core (loaded once, on first use)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Dict, List

from rasa_sdk import Tracker

from bot.answers import Answers
from bot.assessment import Assessor, profile_slots
from bot.knowledge import Knowledge, load_knowledge
from bot.lexicon import Lexicon, get_lexicon
from bot.reader import Reading


@dataclass(frozen=True)
class Core:
    """The knowledge and the services built on it."""

    knowledge: Knowledge
    lexicon: Lexicon
    assessor: Assessor
    answers: Answers


@lru_cache(maxsize=1)
def core() -> Core:
    """The core, built on first use (not at import time)."""
    knowledge = load_knowledge()
    lexicon = get_lexicon()
    return Core(knowledge, lexicon, Assessor(knowledge, lexicon), Answers(knowledge))


def latest_text(tracker: Tracker) -> str:
    """The latest user message's text ('' for a payload without text)."""
    text = tracker.latest_message.get("text") or ""
    return "" if text.startswith("/") else text


def latest_intent(tracker: Tracker) -> str | None:
    """The latest user message's intent name."""
    intent = tracker.latest_message.get("intent") or {}
    name = intent.get("name")
    return str(name) if name else None


def entity_values(tracker: Tracker, entity: str) -> List[str]:
    """Values of one entity type in the latest message."""
    return [
        str(e.get("value"))
        for e in tracker.latest_message.get("entities") or []
        if e.get("entity") == entity and e.get("value") is not None
    ]


def profile(tracker: Tracker) -> Dict[str, Any]:
    """The assessment answers held in the tracker's slots."""
    return {name: tracker.get_slot(name) for name in profile_slots(core().knowledge)}


def reading(tracker: Tracker) -> Reading:
    """What the message reader (the NLU component ``rasa_ext.nlu.reader``) took from the
    latest message; an empty reading for a button payload, which has no words."""
    return Reading.from_dict(tracker.latest_message.get("reader"))


def answers_complete(tracker: Tracker) -> bool:
    """True when every question is answered and no warning sign stands."""
    if tracker.get_slot("red_flag") is not False:
        return False
    return all(tracker.get_slot(s) is not None for s in core().knowledge.question_slots)


def result_ready(tracker: Tracker) -> bool:
    """True once the questions are done and a result was given (no warning sign)."""
    return tracker.active_loop_name is None and answers_complete(tracker)


def utter_all(dispatcher: Any, messages: List[str], buttons: List[Dict[str, str]]) -> None:
    """Send ``messages``, the buttons on the last one."""
    for message in messages[:-1]:
        dispatcher.utter_message(text=message)
    if messages:
        dispatcher.utter_message(text=messages[-1], buttons=buttons)


def water_follow_up_answer(tracker: Tracker, c: Core, text: str, intent: str | None) -> str | None:
    """The hydration option a yes or no to the water follow-up gives ("yes quite often
    actually" → not much), or None when no follow-up is pending or the reply is neither."""
    if not (tracker.get_slot("understood") or {}).get("water_amount"):
        return None
    said = c.assessor.parse("red_flag", text, intent=intent).slots.get("red_flag")
    t = c.knowledge.templates.water_follow_up
    if said is True:
        return t.often.payload
    if said is False:
        return t.rarely.payload
    return None
