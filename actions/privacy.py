"""Delete my data: the confirmation, then the marker that makes the tracker store delete.

The deletion itself happens in the Rasa server, not here: after this action, Rasa saves the
tracker, and ``rasa_ext.stores.tracker_store.CachedSQLTrackerStore.save`` (under the
conversation's lock) deletes every stored event of a conversation whose turn holds the slot
``forget_me`` set to true, instead of inserting the turn. Deleting rows from here would be
undone by that save, which re-inserts the turn's events.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

FORGET_SLOT = "forget_me"  # read by rasa_ext.stores.tracker_store (FORGET_EVENT)


class ActionForgetMe(Action):
    """After "yes" to ``utter_ask_forget_me`` (data/rules.yml): tell the user, and mark the
    conversation for deletion."""

    def name(self) -> str:
        """Action name."""
        return "action_forget_me"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Say it is done and return the marker (the deletion happens when Rasa saves)."""
        dispatcher.utter_message(response="utter_forgotten")
        return [SlotSet(FORGET_SLOT, True)]
