"""``action_ask_<slot>``: each assessment question, worded from the knowledge.

One small class per question (the names must match ``domain.yml``); they share
:class:`AskQuestion`, which renders the question and its buttons.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.core import core


class AskQuestion(Action, ABC):
    """Asks the question that fills ``slot`` (abstract: not registered itself)."""

    @property
    @abstractmethod
    def slot(self) -> str:
        """The slot this question fills."""

    def name(self) -> str:
        """Action name: ``action_ask_<slot>``."""
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Send the question with its buttons."""
        text, buttons = core().answers.question(self.slot)
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


class ActionAskRedFlag(AskQuestion):
    """The safety screen, asked first."""

    slot = "red_flag"


class ActionAskDiet(AskQuestion):
    """Vitamin D foods."""

    slot = "diet"


class ActionAskSun(AskQuestion):
    """Sun exposure."""

    slot = "sun"


class ActionAskCaffeine(AskQuestion):
    """Caffeinated drinks a day."""

    slot = "caffeine"


class ActionAskStress(AskQuestion):
    """Stress, anxiety and sleep."""

    slot = "stress"


class ActionAskMedications(AskQuestion):
    """Regular medicines."""

    slot = "medications"


class ActionAskHydration(AskQuestion):
    """Water, thirst and urine colour."""

    slot = "hydration"


class ActionAskSymptoms(AskQuestion):
    """Other symptoms from the cause table."""

    slot = "symptoms"
