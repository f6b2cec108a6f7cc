"""Answers to questions: knowledge topics, "why do you ask?", safety answers."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.core import (
    core,
    entity_values,
    latest_intent,
    latest_text,
    profile,
    result_ready,
    utter_all,
)
from bot.safety import warning_signs

ALS = "als"  # the topic asked again and again (topics.yml)
STRATEGIES = "strategies"  # the topic "What can help" opens (after a result: its strategies)


class ActionAnswerQuestion(Action):
    """Answers ask_info / ask_serious / ask_see_doctor / ask_dose / ask_medication."""

    def name(self) -> str:
        """Action name."""
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Send the knowledge answer for the latest question."""
        c = core()
        safety = c.knowledge.safety
        intent = latest_intent(tracker)
        if ALS in c.lexicon.find("topic", latest_text(tracker)):  # asked as any question
            return self._als(dispatcher, tracker)
        if intent == "ask_dose":
            dispatcher.utter_message(text=safety.dose.text)
            dispatcher.utter_message(
                text=safety.overdose.text.format(emergency_number=c.knowledge.emergency_number)
            )
            refs = ["safety:dose", "safety:overdose"]
        elif intent == "ask_medication":
            dispatcher.utter_message(text=safety.medication.text)
            refs = ["safety:medication"]
        elif intent == "ask_serious":
            dispatcher.utter_message(
                text=safety.serious.text.format(warning_signs=warning_signs(c.knowledge))
            )
            refs = ["safety:serious"]
        elif intent == "ask_see_doctor":
            dispatcher.utter_message(
                text=safety.see_doctor.text.format(warning_signs=warning_signs(c.knowledge))
            )
            refs = ["safety:see_doctor"]
        else:
            topic = self._topic(tracker)
            if topic == STRATEGIES and result_ready(tracker):
                # "What can help" after a result: the strategies for its causes.
                answers = profile(tracker)
                ranking = c.assessor.rank(answers)
                source = c.answers.source_button()
                utter_all(dispatcher, c.answers.what_can_help(ranking, answers), source)
                return [SlotSet("last_sources", c.answers.strategy_refs(ranking, answers))]
            utter_all(dispatcher, c.answers.topic(topic), c.answers.source_button())
            refs = [f"topic:{topic}", *c.knowledge.topic(topic).refs]
        return [SlotSet("last_sources", refs)]

    @staticmethod
    def _als(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        """The fixed ALS answer; asked again, the next step instead of reassurance."""
        c = core()
        asked = float(tracker.get_slot("als_asked") or 0) + 1
        topic = c.knowledge.topic(ALS)
        if asked > 1 and topic.repeat_answer:
            start = c.knowledge.templates.suggestions.buttons["start_assessment"]
            dispatcher.utter_message(
                text=topic.repeat_answer,
                buttons=[{"title": start.title, "payload": start.payload}],
            )
        else:
            for message in c.answers.topic(ALS):
                dispatcher.utter_message(text=message)
        return [SlotSet("als_asked", asked), SlotSet("last_sources", [f"topic:{ALS}"])]

    @staticmethod
    def _topic(tracker: Tracker) -> str:
        c = core()
        known = {t.id for t in c.knowledge.topics.topics}
        for value in entity_values(tracker, "topic"):
            if value in known:  # a button payload names the topic id
                return value
        found: str | None = next(iter(c.lexicon.find("topic", latest_text(tracker))), None)
        if found is None:
            for value in entity_values(tracker, "topic"):
                found = next(iter(c.lexicon.find("topic", value)), None)
                if found:
                    break
        return found or c.knowledge.topics.default_topic


class ActionExplainQuestion(Action):
    """Answers "why do you ask?" for the question being asked; after a result, "Why
    these?": every cause with the user's reasons and the table's columns."""

    def name(self) -> str:
        """Action name."""
        return "action_explain_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Explain the requested slot's question, or the result's causes."""
        c = core()
        if tracker.active_loop_name is None and result_ready(tracker):
            ranking = c.assessor.rank(profile(tracker))
            buttons = c.answers.source_button() if ranking.likely else []
            utter_all(dispatcher, c.answers.why_result(ranking), buttons)
            refs = [f"cause:{scored.cause_id}" for scored in ranking.likely]
            return [SlotSet("last_sources", refs)]
        dispatcher.utter_message(text=c.answers.why(tracker.get_slot("requested_slot")))
        return []


class ActionShowSource(Action):
    """ "Where does it say that?": the source's passages behind the last medical answer."""

    def name(self) -> str:
        """Action name."""
        return "action_show_source"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Quote the passages of ``last_sources`` with their sections."""
        refs = [str(r) for r in tracker.get_slot("last_sources") or []]
        for message in core().answers.sources(refs):
            dispatcher.utter_message(text=message)
        return []


class ActionAskRephrase(Action):
    """Low NLU confidence: ask to rephrase, with buttons for the likely topics."""

    def name(self) -> str:
        """Action name."""
        return "action_ask_rephrase"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Send utter_ask_rephrase with buttons built from the intent ranking."""
        ranking = tracker.latest_message.get("intent_ranking") or []
        intents = [str(r.get("name")) for r in ranking if r.get("name") != "nlu_fallback"]
        buttons = core().answers.suggestions(intents)
        dispatcher.utter_message(response="utter_ask_rephrase", buttons=buttons)
        return []
