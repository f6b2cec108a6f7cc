"""Delete my data (``actions/privacy.py``): the action's marker, the domain's words and
buttons, and the form letting the request through to its rule."""

from __future__ import annotations

import asyncio
from typing import Any, Dict

from rasa.shared.core.events import Event
from rasa_sdk.events import SlotSet

from actions.privacy import FORGET_SLOT, ActionForgetMe
from rasa_ext.stores.tracker_store import FORGET_EVENT
from tests.actions.test_actions import _validate
from tests.conftest import make_tracker


def test_forget_me_returns_the_marker_the_tracker_store_deletes_on(dispatcher) -> None:
    tracker = make_tracker("/affirm", "affirm")
    events = asyncio.run(ActionForgetMe().run(dispatcher, tracker, {}))
    assert events == [SlotSet(FORGET_SLOT, True)]
    # The same event, once Rasa has read the action server's reply.
    assert [Event.from_parameters(e) for e in events] == [FORGET_EVENT]
    assert [m["response"] for m in dispatcher.messages] == ["utter_forgotten"]


def test_the_domain_asks_with_two_buttons_and_declares_the_marker(domain: Dict[str, Any]) -> None:
    assert "forget_me" in domain["intents"]
    assert "action_forget_me" in domain["actions"]
    slot = domain["slots"][FORGET_SLOT]
    assert slot["type"] == "bool" and slot["influence_conversation"] is False
    (ask,) = domain["responses"]["utter_ask_forget_me"]
    assert [b["payload"] for b in ask["buttons"]] == ["/affirm", "/deny"]
    assert "cannot be recovered" in ask["text"]


def test_the_widget_is_told_to_start_afresh_and_other_channels_get_the_text(
    domain: Dict[str, Any],
) -> None:
    variants = domain["responses"]["utter_forgotten"]
    widget = [v for v in variants if v.get("channel") == "socketio"]
    others = [v for v in variants if "channel" not in v]
    assert len(widget) == 1 and len(others) == 1
    # rasa_ext/channels/web/portal.js acts on exactly this (socket.io "bot_uttered" data).
    assert widget[0]["custom"] == {"data": {"twitch": "forgotten"}}
    assert widget[0]["text"] == others[0]["text"]
    assert "custom" not in others[0]  # Slack/Telegram would post a custom payload as is


def test_the_form_lets_delete_my_data_through_to_its_rule(domain, dispatcher) -> None:
    """Mid-assessment, "delete my data" is never taken as an answer: the form rejects."""
    assert _validate(domain, dispatcher, "delete my data", "forget_me", "diet") == []
    assert _validate(domain, dispatcher, "forget me", "forget_me", "red_flag") == []
    assert dispatcher.messages == []
