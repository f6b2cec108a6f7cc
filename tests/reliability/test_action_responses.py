"""Action-server replies are checked as strictly as Rasa 3.6 checks them, only faster.

``bot.channels.action_guard.install`` replaces ``RemoteAction._validate_action_result``
(``jsonschema.validate``, which re-checks Rasa's schema on every call) with a validator
compiled once. These tests hold the two to the same verdicts and error messages.
"""

from __future__ import annotations

from typing import Any, Dict

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot.channels import action_guard

RASAS_OWN = action_guard.RASA_VALIDATE_ACTION_RESULT
action_guard.install()

REPLIES = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "diet", "value": "often"}],
        "responses": [{"text": "hi"}],
    },
    {"events": [{"event": "active_loop", "name": None}, {"event": "followup", "name": "x"}]},
    {"events": [{"event": "no_such_event"}]},
    {"events": [{"event": "slot"}]},
    {"events": "not a list"},
    {"responses": [1, 2]},
]


def verdict(check: Any, reply: Dict[str, Any]) -> str:
    try:
        check(RemoteAction("a", None), reply)
        return "ok"
    except ValidationError as error:
        return error.message


@pytest.mark.parametrize("reply", REPLIES)
def test_same_verdict_and_message_as_rasa(reply: Dict[str, Any]) -> None:
    ours = verdict(RemoteAction._validate_action_result, reply)
    assert ours == verdict(RASAS_OWN, reply)
    if ours != "ok":
        assert "Failed to validate Action server response" in ours


def test_installed_once_and_compiled_once() -> None:
    assert RASAS_OWN is not action_guard._compiled_validate_action_result
    action_guard.install()
    assert RemoteAction._validate_action_result is action_guard._compiled_validate_action_result
    RemoteAction("a", None)._validate_action_result({"events": []})
    assert list(action_guard._validators) == [RemoteAction]
