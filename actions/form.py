"""Validation of the twitch assessment form; it also asks the form's questions.

The domain has no ``action_ask_<slot>``, so Rasa's form asks nothing itself (it logs
"There was no action found to ask for slot" at debug level, by design). Rasa calls this
validator on every run of the form (activation, each reply, resuming after a side
question), so asking here saves one action-server round trip per turn. At activation it
also forgets the previous assessment's answers and introduces the new one.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.assessment import reset_events
from actions.core import Core, core, entity_values, latest_intent, latest_text
from bot.safety import find_red_flags

FORM = "twitch_assessment_form"

# Intents that answer the current question. Any other intent (a side
# question, "why do you ask?", a correction, stop ...) makes the form reject,
# so a rule handles it and the form then resumes.
ANSWER_INTENTS = frozenset(
    {"inform", "affirm", "deny", "skip", "nlu_fallback", "start_assessment", "report_red_flag"}
)


class ValidateTwitchAssessmentForm(FormValidationAction):
    """Turns each reply into slot values with ``bot.assessment``."""

    def name(self) -> str:
        """Action name."""
        return f"validate_{FORM}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Extract the answer to the requested slot (and red flags), then ask the next question."""
        c = core()
        slot = tracker.get_slot("requested_slot")
        intent = latest_intent(tracker)
        text = latest_text(tracker)
        run_kind = form_run_kind(tracker)
        start: List[EventType] = []
        if run_kind == "activation":  # a new assessment
            dispatcher.utter_message(response="utter_start_assessment")
            start = reset_events()
            tracker.slots.update({e["name"]: None for e in start})
            slot = None
        flags = find_red_flags(c.lexicon, text, entity_values(tracker, "red_flag"))
        if flags:
            return [
                *start,
                SlotSet("red_flag", True),
                SlotSet("red_flags_found", flags),
                SlotSet("requested_slot", None),
            ]
        if not slot:
            return start + ask_next(dispatcher, tracker, c)
        if run_kind == "resume":
            return ask_next(dispatcher, tracker, c)
        if intent not in ANSWER_INTENTS:
            return []  # not an answer: the form rejects, a rule handles it, then resumes
        buttons = entity_values(tracker, "answer")
        parsed = c.assessor.parse(
            slot, text, intent=intent, button_value=buttons[0] if buttons else None
        )
        if not parsed.understood:
            dispatcher.utter_message(text=c.answers.not_understood(slot))
            return [SlotSet(slot, None), *ask(dispatcher, c, slot)]
        values: Dict[str, Any] = dict(parsed.slots)
        events: List[EventType] = [SlotSet(name, value) for name, value in values.items()]
        if values.get("red_flag") is True:
            events.append(SlotSet("requested_slot", None))
            return events
        tracker.slots.update(values)
        return events + ask_next(dispatcher, tracker, c)


def form_run_kind(tracker: Tracker) -> str:
    """Why Rasa runs the form now: ``activation``, a ``reply`` to a question, or ``resume``.

    Read from the events since the user's message: the form's ``active_loop`` event there
    means it has just been activated; another action there (a rule answered a side
    question, applied a correction ...) means the form is resuming and the message was
    not meant for it.
    """
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            return "reply"
        if kind == "active_loop" and event.get("name") == FORM:
            return "activation"
        if kind == "action" and event.get("name") not in (FORM, "action_listen"):
            return "resume"
    return "reply"


def ask(dispatcher: CollectingDispatcher, c: Core, slot: str) -> List[EventType]:
    """Send the question for ``slot`` with its buttons; keep it the requested slot."""
    text, buttons = c.answers.question(slot)
    dispatcher.utter_message(text=text, buttons=buttons)
    return [SlotSet("requested_slot", slot)]


def ask_next(dispatcher: CollectingDispatcher, tracker: Tracker, c: Core) -> List[EventType]:
    """Ask the first unanswered question, or end the form (``requested_slot`` None)."""
    next_slot = next((s for s in c.knowledge.question_slots if tracker.get_slot(s) is None), None)
    if next_slot is None:
        return [SlotSet("requested_slot", None)]
    return ask(dispatcher, c, next_slot)
