"""Action-server replies are checked as strictly as Rasa 3.6 checks them, only faster.

``rasa_ext.patches.install_all`` replaces ``RemoteAction._validate_action_result``
(``jsonschema.validate``, which re-checks Rasa's schema on every call) with a validator
compiled once, with a fast path for replies it surely accepts. These tests hold the two to
the same verdicts and error messages, on hand-picked replies and on several hundred made by
breaking each field of every kind of event.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Dict, List

import pytest
from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    AgentUttered,
    AllSlotsReset,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
    DefinePrevUserUtteredFeaturization,
    EntitiesAdded,
    FollowupAction,
    LoopInterrupted,
    ReminderCancelled,
    ReminderScheduled,
    Restarted,
    SessionStarted,
    SlotSet,
    StoryExported,
    UserUtteranceReverted,
    UserUttered,
)

from rasa_ext import patches
from rasa_ext.patches import action_reply

RASAS_OWN = patches.original(RemoteAction, "_validate_action_result")
pytestmark = pytest.mark.usefixtures("rasa_patches")

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
    assert RASAS_OWN is not action_reply.compiled_validate_action_result
    patches.install_all()
    assert RemoteAction._validate_action_result is action_reply.compiled_validate_action_result
    RemoteAction("a", None)._validate_action_result({"events": []})
    assert list(action_reply._validators) == [RemoteAction]


def _event_samples() -> List[Dict[str, Any]]:
    """One serialised event of every kind Rasa knows (as an action server would send it)."""
    return [
        event.as_dict()
        for event in [
            UserUttered(
                "hi",
                {"name": "greet", "confidence": 0.9},
                [{"entity": "food", "value": "milk", "start": 0, "end": 2}],
            ),
            ActionExecuted("action_listen", policy="RulePolicy", confidence=1.0),
            SlotSet("diet", "often"),
            EntitiesAdded([{"entity": "food", "value": "milk"}]),
            DefinePrevUserUtteredFeaturization(True),
            ReminderCancelled(name="r"),
            ReminderScheduled("intent_x", datetime(2026, 1, 1)),
            ActionExecutionRejected("a"),
            LoopInterrupted(True),
            ActiveLoop("twitch_assessment_form"),
            AllSlotsReset(),
            ConversationResumed(),
            ConversationPaused(),
            FollowupAction("action_x"),
            StoryExported(),
            Restarted(),
            ActionReverted(),
            UserUtteranceReverted(),
            BotUttered("hello", {"buttons": []}, {"utter_action": "utter_x"}),
            SessionStarted(),
            AgentUttered("hi"),
        ]
    ]


ODD_VALUES: List[Any] = [None, 1, 1.5, True, "text", [], {}, ["a"], {"name": 1}]


def _replies() -> List[Any]:
    """Valid replies and, from them, many broken ones: each field of each event changed."""
    samples = _event_samples()
    replies: List[Any] = [{"events": samples, "responses": [{"text": "hi"}]}, {}, [], "x"]
    replies += [{"events": [event]} for event in samples]
    for event in samples:
        for key in [*event, "name", "entities", "text"]:
            replies.append({"events": [{k: v for k, v in event.items() if k != key}]})
            replies += [{"events": [{**event, key: value}]} for value in ODD_VALUES]
    replies += [{"events": [odd]} for odd in ODD_VALUES]
    replies += [{"events": odd} for odd in ODD_VALUES]
    replies += [{"responses": odd} for odd in ODD_VALUES]
    replies += [{"responses": [odd]} for odd in ODD_VALUES]
    return replies


def _plain_jsonschema(_action: Any, reply: Any) -> bool:
    """What ``jsonschema.validate`` does in Rasa's check, without re-checking the schema."""
    schema = RemoteAction.action_response_format_spec()
    error = best_match(validator_for(schema)(schema).iter_errors(reply))
    if error is not None:
        error.message += ". Failed to validate Action server response"
        raise error
    return True


def test_fast_path_agrees_with_rasa_on_many_replies() -> None:
    """Every reply, valid or broken in one field, gets Rasa's verdict and message.

    Rasa's own function re-checks its schema against the meta-schema on every call (tens of
    ms here), so it judges every 20th reply and plain jsonschema judges them all.
    """
    replies = _replies()
    verdicts = [verdict(RemoteAction._validate_action_result, r) for r in replies]
    plain = [verdict(_plain_jsonschema, r) for r in replies]
    assert [v.split(". Failed")[0] for v in verdicts] == [v.split(". Failed")[0] for v in plain]
    sample = range(0, len(replies), 20)
    assert [verdicts[i] for i in sample] == [verdict(RASAS_OWN, replies[i]) for i in sample]
    assert verdicts.count("ok") > 50 and len(verdicts) - verdicts.count("ok") > 400


def test_fast_path_vouches_for_every_valid_event_kind() -> None:
    """The replies an action server sends skip the full oneOf check, each event kind alike."""
    check = action_reply._ReplyCheck(RemoteAction.action_response_format_spec())
    assert len(check.by_event) == 23
    for event in _event_samples():
        assert check.surely_valid({"events": [event], "responses": [{"text": "x"}]}), event
    assert not check.surely_valid({"events": [{"event": "slot"}]})  # no name: full check
    assert not check.surely_valid({"events": [{"event": ["slot"]}]})


def test_no_fast_path_for_a_schema_of_another_shape() -> None:
    """If Rasa's schema changes shape, every reply goes through the full validator."""
    schema = {"type": "object", "properties": {"events": {"type": "array"}}}
    check = action_reply._ReplyCheck(schema)
    assert check.shallow is None and not check.surely_valid({"events": []})
    check.validate({"events": []})
    with pytest.raises(ValidationError):
        check.validate({"events": 1})
