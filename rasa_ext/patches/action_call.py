"""What the user gets when the action server is down, slow or failing.

Rasa 3.6 calls the action server from ``RemoteAction.run`` with a hard-coded 300 s
timeout (``rasa.core.constants.DEFAULT_REQUEST_TIMEOUT``, used at
``rasa/core/actions/action.py``) and, when the call fails, the processor logs the
exception and carries on with no events: the user gets silence, or a form that
keeps asking for nothing. There is no setting or hook for this in 3.6, so
:func:`guarded` wraps ``RemoteAction.run`` (installed by :func:`rasa_ext.patches.install_all`):

* the call is bounded by ``action_endpoint.timeout`` from the endpoints file
  (seconds; Rasa itself ignores that key, it lands in ``EndpointConfig.kwargs``),
  default :data:`DEFAULT_TIMEOUT_S`;
* on a connection error, timeout or 5xx it returns the domain's
  ``utter_action_unavailable`` (once per user turn), deactivates an active form
  (its filled slots stay, so asking again resumes it) and listens;
* after one failure, the other custom actions of the same user turn fail at once
  instead of each waiting for the timeout; the next user message tries again;
* the call goes out through :mod:`rasa_ext.patches.action_pool` (kept-alive connections).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Callable, Coroutine, List

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.events import ActiveLoop, BotUttered, Event, FollowupAction, SlotSet
from rasa.shared.exceptions import RasaException

from rasa_ext.patches.action_pool import pooled

if TYPE_CHECKING:
    from rasa.core.channels.channel import OutputChannel
    from rasa.core.nlg import NaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 5.0
UNAVAILABLE_RESPONSE = "utter_action_unavailable"
_MAX_REMEMBERED_TURNS = 1000
# sender id -> id of the user message whose turn already saw the action server fail.
_failed_turns: OrderedDict[str, str | None] = OrderedDict()

RunMethod = Callable[..., Coroutine[Any, Any, List[Event]]]


def _turn_key(tracker: DialogueStateTracker) -> str | None:
    latest = getattr(tracker, "latest_message", None)
    return getattr(latest, "message_id", None) if latest is not None else None


def _remember_failure(tracker: DialogueStateTracker) -> None:
    _failed_turns[tracker.sender_id] = _turn_key(tracker)
    _failed_turns.move_to_end(tracker.sender_id)
    while len(_failed_turns) > _MAX_REMEMBERED_TURNS:
        _failed_turns.popitem(last=False)


def _failed_this_turn(tracker: DialogueStateTracker) -> bool:
    key = _turn_key(tracker)
    return key is not None and _failed_turns.get(tracker.sender_id) == key


def action_timeout(action: RemoteAction) -> float:
    """The configured action timeout in seconds (``action_endpoint.timeout``)."""
    endpoint = action.action_endpoint
    raw = endpoint.kwargs.get("timeout") if endpoint is not None else None
    try:
        value = float(raw) if raw is not None else DEFAULT_TIMEOUT_S
    except (TypeError, ValueError):
        value = DEFAULT_TIMEOUT_S
    return value if value > 0 else DEFAULT_TIMEOUT_S


def _already_told(tracker: DialogueStateTracker) -> bool:
    """True if this user turn already got the unavailable message."""
    for event in reversed(tracker.events):
        if isinstance(event, BotUttered) and event.metadata.get("utter_action") == (
            UNAVAILABLE_RESPONSE
        ):
            return True
        if event.type_name == "user":
            return False
    return False


async def _unavailable_events(
    action: RemoteAction,
    output_channel: OutputChannel,
    nlg: NaturalLanguageGenerator,
    tracker: DialogueStateTracker,
) -> List[Event]:
    events: List[Event] = []
    if not _already_told(tracker):
        message = await nlg.generate(UNAVAILABLE_RESPONSE, tracker, output_channel.name())
        message = dict(message or {"text": "I can't look that up right now."})
        message["utter_action"] = UNAVAILABLE_RESPONSE
        events.extend(await action._utter_responses([message], output_channel, nlg, tracker))
    if tracker.active_loop_name:
        events.extend([ActiveLoop(None), SlotSet("requested_slot", None)])
    # Stop predicting for this turn: without the action server every further action
    # would fail the same way.
    events.append(FollowupAction("action_listen"))
    return events


async def guarded_run(
    self: RemoteAction,
    output_channel: OutputChannel,
    nlg: NaturalLanguageGenerator,
    tracker: DialogueStateTracker,
    domain: Domain,
    *,
    original: RunMethod,
) -> List[Event]:
    """Rasa's ``RemoteAction.run`` (``original``): bounded, pooled, with a reply on failure."""
    if _failed_this_turn(tracker):
        return await _unavailable_events(self, output_channel, nlg, tracker)
    self.action_endpoint = pooled(self.action_endpoint)
    try:
        return await asyncio.wait_for(
            original(self, output_channel, nlg, tracker, domain), action_timeout(self)
        )
    except ActionExecutionRejection:
        raise
    except (asyncio.TimeoutError, RasaException) as error:
        logger.error(
            "Action server unavailable for '%s' (%s); replying with %s.",
            self.name(),
            type(error.__cause__ or error).__name__,
            UNAVAILABLE_RESPONSE,
        )
        _remember_failure(tracker)
        return await _unavailable_events(self, output_channel, nlg, tracker)


def guarded(original: RunMethod) -> functools.partialmethod:
    """The replacement of ``RemoteAction.run``: :func:`guarded_run` around ``original``."""
    return functools.partialmethod(guarded_run, original=original)
