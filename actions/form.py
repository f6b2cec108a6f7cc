"""Validation of the twitch assessment form."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.core import core, entity_values, latest_intent, latest_text
from bot.safety import find_red_flags

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
        return "validate_twitch_assessment_form"

    async def required_slots(
        self,
        domain_slots: List[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[str]:
        """All questions, or none once a red flag has been reported."""
        if tracker.get_slot("red_flag") is True:
            return []
        return domain_slots

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Extract the answer to the requested slot (and red flags from any text)."""
        c = core()
        slot = tracker.get_slot("requested_slot")
        intent = latest_intent(tracker)
        text = latest_text(tracker)
        events: List[EventType] = []
        flags = find_red_flags(c.lexicon, text, entity_values(tracker, "red_flag"))
        if flags:
            return [
                SlotSet("red_flag", True),
                SlotSet("red_flags_found", flags),
                SlotSet("requested_slot", None),
            ]
        if not slot or intent not in ANSWER_INTENTS:
            return []  # not an answer: reject, a rule handles it
        buttons = entity_values(tracker, "answer")
        parsed = c.assessor.parse(
            slot, text, intent=intent, button_value=buttons[0] if buttons else None
        )
        if not parsed.understood:
            dispatcher.utter_message(text=c.answers.not_understood(slot))
            return [SlotSet(slot, None)]
        values: Dict[str, Any] = dict(parsed.slots)
        events.extend(SlotSet(name, value) for name, value in values.items())
        if values.get("red_flag") is True:
            events.append(SlotSet("requested_slot", None))
            return events
        tracker.slots.update(values)
        next_slot = next(
            (s for s in c.knowledge.question_slots if tracker.get_slot(s) is None), None
        )
        events.append(SlotSet("requested_slot", next_slot))
        return events
