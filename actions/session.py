"""Session start: the disclaimer opens every conversation session."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted
from rasa_sdk.executor import CollectingDispatcher

from actions.core import core


class ActionSessionStart(Action):
    """Starts a session with the disclaimer (slots are not carried over)."""

    def name(self) -> str:
        """Action name."""
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Emit SessionStarted, the disclaimer, then listen."""
        dispatcher.utter_message(text=core().answers.disclaimer())
        return [SessionStarted(), ActionExecuted("action_listen")]
