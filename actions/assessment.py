"""Actions around the assessment: the result, corrections, stop, restart, red flags."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.core import (
    core,
    latest_text,
    profile,
    reading,
    result_ready,
    water_follow_up_answer,
)
from bot.safety import urgent_message

# Slots that hold one assessment's answers (besides the questions' own slots).
COMPANION_SLOTS = (
    "caffeine_cups",
    "medication_names",
    "red_flags_found",
    "screen_unsure",
    "understood",
    "summary_token",
    "summary_expires",
)


def reset_events() -> List[EventType]:
    """Events that forget every assessment answer."""
    names = core().knowledge.question_slots + list(COMPANION_SLOTS)
    return [SlotSet(name, None) for name in names]


def urgent_text(tracker: Tracker, flags: List[str] | None = None) -> str:
    """The tier message for ``flags`` (default: those found in this conversation), with
    the symptoms known so far as context (palpitations with feeling faint → emergency)."""
    if flags is None:
        flags = list(tracker.get_slot("red_flags_found") or [])
    context = [*(tracker.get_slot("symptoms") or []), *reading(tracker).symptoms()]
    return urgent_message(core().knowledge, flags, context)


def send_short_result(dispatcher: CollectingDispatcher, answers: Dict[str, Any]) -> List[str]:
    """Send the short result for ``answers`` (buttons on its last message); return what
    it said, for "Where does it say that?"."""
    c = core()
    ranking = c.assessor.rank(answers)
    messages, buttons = c.answers.short_result(ranking, answers)
    for message in messages[:-1]:
        dispatcher.utter_message(text=message)
    dispatcher.utter_message(text=messages[-1], buttons=buttons)
    return c.answers.result_refs(ranking)


class ActionRankCauses(Action):
    """After the form: the urgent message for a red flag, else the short result."""

    def name(self) -> str:
        """Action name."""
        return "action_rank_causes"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Rank the causes from the slots and send the result."""
        c = core()
        if tracker.get_slot("red_flag") is True:
            dispatcher.utter_message(text=urgent_text(tracker))
            return [SlotSet("last_sources", ["safety:tiers"])]
        answers = profile(tracker)
        dispatcher.utter_message(
            text=c.answers.understood(answers, tracker.get_slot("understood") or {})
        )
        return [SlotSet("last_sources", send_short_result(dispatcher, answers))]


class ActionRedFlagAlert(Action):
    """A red flag reported outside the questions, or one the form missed."""

    def name(self) -> str:
        """Action name."""
        return "action_red_flag_alert"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Send the urgent-care message and stop any assessment."""
        known = tracker.get_slot("red_flags_found") or []
        flags = list(dict.fromkeys([*reading(tracker).red_flags(), *known]))
        dispatcher.utter_message(text=urgent_text(tracker, flags))
        return [
            SlotSet("last_sources", ["safety:tiers"]),
            ActiveLoop(None),
            SlotSet("requested_slot", None),
            SlotSet("red_flag", True),
            SlotSet("red_flags_found", flags),
        ]


class ActionApplyCorrection(Action):
    """Changes an earlier answer ("actually I drink 2 cups")."""

    def name(self) -> str:
        """Action name."""
        return "action_apply_correction"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Find which answer the message corrects, set it, and confirm."""
        c = core()
        if tracker.get_slot("red_flag") is True:  # a warning sign stands: repeat its advice
            dispatcher.utter_message(text=urgent_text(tracker))
            return []
        read = reading(tracker)
        if (
            tracker.active_loop_name is None
            and not any(v is not None for k, v in profile(tracker).items() if k != "red_flag")
            and read.describes_twitching()
        ):
            # An opening description the classifier took for a correction ("my eye's been
            # twitching for 3 weeks, … 6 or so cans a day, and i'm not on any meds"): there
            # is nothing to change yet, so the assessment starts with what it said
            return [FollowupAction("twitch_assessment_form")]
        parsed = c.assessor.parse_correction(latest_text(tracker))
        if not parsed.understood and tracker.get_slot("requested_slot") == "hydration":
            # "yes quite often actually" to the water follow-up is its answer
            value = water_follow_up_answer(tracker, c, latest_text(tracker), None)
            if value is not None:
                return [SlotSet("hydration", value)]
        if not parsed.understood:
            answers = profile(tracker)
            if result_ready(tracker):  # "Change an answer": what there is to change
                items = c.answers.answer_items(answers, tracker.get_slot("understood") or {})
                dispatcher.utter_message(
                    text=c.knowledge.templates.change_intro.format(items=items)
                )
            dispatcher.utter_message(text=c.knowledge.templates.correction_unknown)
            return []
        slot = next(s for s in c.knowledge.question_slots if s in parsed.slots)
        dispatcher.utter_message(
            text=c.answers.correction_done(slot, c.answers.value_text(slot, parsed.slots[slot]))
        )
        events: List[EventType] = [SlotSet(k, v) for k, v in parsed.slots.items()]
        # The words shown beside the answer are now the correction's (never the old ones).
        understood = dict(tracker.get_slot("understood") or {})
        words = dict(understood.get("words") or {})
        for name in parsed.slots:
            if name in words:
                words[name] = latest_text(tracker)
        understood["words"] = words
        events.append(SlotSet("understood", understood))
        if result_ready(tracker):  # the assessment was finished: the updated short result
            updated = {**profile(tracker), **parsed.slots, "understood": understood}
            events.append(SlotSet("last_sources", send_short_result(dispatcher, updated)))
        return events


class ActionStopAssessment(Action):
    """Stops the questions and forgets the answers."""

    def name(self) -> str:
        """Action name."""
        return "action_stop_assessment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Deactivate the form and clear its slots."""
        dispatcher.utter_message(response="utter_assessment_stopped")
        return [ActiveLoop(None), SlotSet("requested_slot", None), *reset_events()]
