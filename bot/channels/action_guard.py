"""What the user gets when the action server is down, slow or failing.

Rasa 3.6 calls the action server from ``RemoteAction.run`` with a hard-coded 300 s
timeout (``rasa.core.constants.DEFAULT_REQUEST_TIMEOUT``, used at
``rasa/core/actions/action.py``) and, when the call fails, the processor logs the
exception and carries on with no events: the user gets silence, or a form that
keeps asking for nothing. There is no setting or hook for this in 3.6, so
:func:`install` wraps ``RemoteAction.run`` (once, at channel import, before the
agent loads):

* the call is bounded by ``action_endpoint.timeout`` from the endpoints file
  (seconds; Rasa itself ignores that key, it lands in ``EndpointConfig.kwargs``),
  default :data:`DEFAULT_TIMEOUT_S`;
* on a connection error, timeout or 5xx it returns the domain's
  ``utter_action_unavailable`` (once per user turn), deactivates an active form
  (its filled slots stay, so asking again resumes it) and listens;
* after one failure, the other custom actions of the same user turn fail at once
  instead of each waiting for the timeout; the next user message tries again.

It also replaces ``RemoteAction._validate_action_result`` with the same check done by a
validator compiled once (Rasa re-validated its own schema on every call: 19 ms of each
action call, measured with ``bench/`` on the 2-core box), and sends the calls through
:class:`PooledActionEndpoint`: Rasa opens a new HTTP client and TCP connection for every
call; the pooled endpoint keeps connections to the action server alive per event loop.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections import OrderedDict
from typing import Any, Dict, List

import aiohttp
from jsonschema.exceptions import ValidationError, best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import ActiveLoop, BotUttered, Event, FollowupAction, SlotSet
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 5.0
UNAVAILABLE_RESPONSE = "utter_action_unavailable"
_MARK = "_twitch_action_guard"
_MAX_REMEMBERED_TURNS = 1000
# sender id -> id of the user message whose turn already saw the action server fail.
_failed_turns: OrderedDict[str, str | None] = OrderedDict()
# Rasa's own check, kept for comparison (tests hold ours to the same verdicts).
RASA_VALIDATE_ACTION_RESULT = RemoteAction._validate_action_result
# RemoteAction class -> the compiled check of its response schema.
_validators: Dict[type, _ReplyCheck] = {}


# Idle connections to the action server are dropped after this many seconds: well under
# Sanic's keep-alive (5 s, the rasa-sdk action server's default), so a call never goes
# out on a connection the server is closing at that moment.
KEEPALIVE_S = 2.0
# event loop -> its kept-alive HTTP client (each Sanic worker has its own loop).
_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aiohttp.ClientSession] = (
    weakref.WeakKeyDictionary()
)


class _Borrowed:
    """``async with`` that lends the shared client without closing it afterwards."""

    def __init__(self, client: aiohttp.ClientSession) -> None:
        self._client = client

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._client

    async def __aexit__(self, *exc_info: Any) -> None:
        return None


class PooledActionEndpoint(EndpointConfig):
    """The action endpoint, with its connections kept alive between calls.

    Rasa's ``EndpointConfig.request`` does ``async with self.session()``: a new client,
    hence a new TCP connection, for every action call. Here ``session()`` lends the client
    the server opened for its event loop (:func:`open_clients`), so calls reuse
    connections; the request itself is still Rasa's.
    """

    @classmethod
    def of(cls, endpoint: EndpointConfig) -> PooledActionEndpoint:
        """The pooled twin of an endpoint read from the endpoints file."""
        return cls(
            url=endpoint.url,
            params=endpoint.params,
            headers=endpoint.headers,
            basic_auth=endpoint.basic_auth,
            token=endpoint.token,
            token_name=endpoint.token_name,
            cafile=endpoint.cafile,
            **endpoint.kwargs,
        )

    def session(self) -> Any:
        """The running server's shared client, lent (not closed by the caller).

        Outside a server that opened one (:func:`open_clients`: ``rasa test``, scripts), this
        is Rasa's own client-per-call, so no client outlives its event loop.
        """
        client = _clients.get(asyncio.get_running_loop())
        if client is None or client.closed or self.basic_auth:
            # Rasa sets basic auth on the client, not per request: such an endpoint keeps
            # Rasa's client-per-call. Headers and the token are sent per request by Rasa.
            return super().session()
        return _Borrowed(client)


def pooled(endpoint: EndpointConfig | None) -> EndpointConfig | None:
    """The pooled twin of ``endpoint`` (made once per endpoint object, kept on it)."""
    if endpoint is None or isinstance(endpoint, PooledActionEndpoint):
        return endpoint
    twin = getattr(endpoint, _MARK, None)
    if twin is None:
        twin = PooledActionEndpoint.of(endpoint)
        setattr(endpoint, _MARK, twin)
    return twin


async def open_clients() -> None:
    """Give the current event loop a kept-alive client (at server start; idempotent)."""
    loop = asyncio.get_running_loop()
    client = _clients.get(loop)
    if client is None or client.closed:
        _clients[loop] = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_S),
        )


async def close_clients() -> None:
    """Close the kept-alive client of the current event loop (at server stop)."""
    client = _clients.pop(asyncio.get_running_loop(), None)
    if client is not None and not client.closed:
        await client.close()


def _turn_key(tracker: Any) -> str | None:
    latest = getattr(tracker, "latest_message", None)
    return getattr(latest, "message_id", None) if latest is not None else None


def _remember_failure(tracker: Any) -> None:
    _failed_turns[tracker.sender_id] = _turn_key(tracker)
    _failed_turns.move_to_end(tracker.sender_id)
    while len(_failed_turns) > _MAX_REMEMBERED_TURNS:
        _failed_turns.popitem(last=False)


def _failed_this_turn(tracker: Any) -> bool:
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


def _already_told(tracker: Any) -> bool:
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
    action: RemoteAction, output_channel: Any, nlg: Any, tracker: Any
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


class _ReplyCheck:
    """Rasa's response schema, compiled once, with a fast path for replies it surely accepts.

    The schema checks each event against a ``oneOf`` of 23 event kinds, one per value of
    ``event``: jsonschema tries all 23 for every event and builds an error object for each
    kind that does not match (8 % of a Sanic worker's busy time under load, py-spy). An
    event whose ``event`` is the constant of exactly one kind passes the ``oneOf`` exactly
    when it passes that kind, so :meth:`surely_valid` checks it against that kind only.
    Anything the fast path cannot vouch for goes through the full validator, whose verdict
    and error message are Rasa's. If the schema does not have the shape this relies on
    (another Rasa version), there is no fast path.
    """

    def __init__(self, schema: Dict[str, Any]) -> None:
        cls = validator_for(schema)
        cls.check_schema(schema)
        self.full = cls(schema)
        self.shallow: Any = None
        self.by_event: Dict[str, Any] = {}
        events = schema.get("properties", {}).get("events")
        if not (isinstance(events, dict) and set(events) == {"type", "items"}):
            return
        if events["type"] != "array" or not isinstance(events["items"], dict):
            return
        item = events["items"]
        kinds = item.get("oneOf")
        if not isinstance(kinds, list):
            return
        by_event: Dict[str, Any] = {}
        common = {key: value for key, value in item.items() if key != "oneOf"}
        for kind in kinds:
            const = kind.get("properties", {}).get("event", {}).get("const")
            if not isinstance(const, str) or const in by_event:
                return  # a kind not told apart by its constant: no fast path
            by_event[const] = cls({**common, "allOf": [kind]})
        shallow = {**schema, "properties": {**schema["properties"], "events": {"type": "array"}}}
        self.shallow = cls(shallow)
        self.by_event = by_event

    def surely_valid(self, result: Any) -> bool:
        """True only if the full schema accepts ``result`` (False: not sure, check fully)."""
        if self.shallow is None or not self.shallow.is_valid(result):
            return False
        for event in result.get("events", ()):
            name = event.get("event") if isinstance(event, dict) else None
            kind = self.by_event.get(name) if isinstance(name, str) else None
            if kind is None or not kind.is_valid(event):
                return False
        return True

    def validate(self, result: Any) -> None:
        """Raise jsonschema's best-matching error, as ``jsonschema.validate`` does."""
        if self.surely_valid(result):
            return
        error = best_match(self.full.iter_errors(result))
        if error is not None:
            raise error


def _compiled_validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """``RemoteAction._validate_action_result`` with the validator built once per schema.

    Rasa 3.6 calls ``jsonschema.validate``, which first checks Rasa's own constant schema
    against the JSON-Schema meta-schema: 19 ms of every action call here (0.3 ms with a
    compiled validator, less with :class:`_ReplyCheck`'s fast path). Same schema, same
    error (jsonschema's best match), same message.
    """
    check = _validators.get(type(self))
    if check is None:
        check = _validators[type(self)] = _ReplyCheck(self.action_response_format_spec())
    try:
        check.validate(result)
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your "
            "response from the Action endpoint is valid. For more information about "
            f"the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise
    return True


def install() -> None:
    """Wrap ``RemoteAction.run`` once (idempotent); validate replies with a compiled schema."""
    RemoteAction._validate_action_result = _compiled_validate_action_result
    if getattr(RemoteAction.run, _MARK, False):
        return
    original = RemoteAction.run

    async def guarded_run(
        self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
    ) -> List[Event]:
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

    setattr(guarded_run, _MARK, True)
    RemoteAction.run = guarded_run


def install_message_cap() -> None:
    """Cap and clean the text of every ``UserMessage``, whatever channel built it (idempotent).

    The REST channel refuses over-long messages with a 413 before this point; other
    channels (socket.io, Slack, Telegram) have no such check in Rasa, so their text is
    cut to :func:`bot.input_guard.max_message_chars`, control characters are removed, and
    a non-text message becomes its string form.
    """
    from rasa.core.channels.channel import UserMessage

    from bot.input_guard import clean_text, max_message_chars

    if getattr(UserMessage.__init__, _MARK, False):
        return
    original = UserMessage.__init__

    def capped_init(self: UserMessage, text: str | None = None, *args: Any, **kw: Any) -> None:
        if text is not None:
            if not isinstance(text, str):
                text = str(text)
            if len(text) > max_message_chars():
                logger.info("Message of %d characters cut to the cap.", len(text))
                text = text[: max_message_chars()]
            text = clean_text(text)
        original(self, text, *args, **kw)

    setattr(capped_init, _MARK, True)
    UserMessage.__init__ = capped_init
