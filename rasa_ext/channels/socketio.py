"""Rasa's socket.io channel, hardened for the web widget.

Rasa 3.6's ``SocketIOInput`` creates its ``AsyncServer`` with ``cors_allowed_origins=[]``, which
turns python-engineio's origin check off: any web site could open a websocket to the bot (CORS
does not apply to websockets, and ``rasa run --cors`` only adds HTTP headers through Sanic-Cors).
It also accepts any ``session_id`` a client sends, so a guessable id (``"1"``, an e-mail ...)
becomes a conversation id. This subclass keeps everything else of Rasa's channel (path
``/socket.io``, events, ``session_persistence``, JWT) and adds:

* an origin allow-list from configuration (``allowed_origins`` in ``credentials.yml`` or the
  ``WIDGET_ALLOWED_ORIGINS`` environment variable, comma-separated); the default allows only
  loopback pages (``http://localhost:<any port>``, ``127.0.0.1``, ``[::1]``); ``*`` is refused;
* each message cleaned at this boundary like every other channel's
  (:func:`rasa_ext.channels.webhooks.user_text`: control characters removed, cut at the
  message cap, a ``/intent{...}`` text passed on as a payload only when it is one of the
  domain's; a message that is not text is dropped);
* conversation ids that are UUID4: a ``session_request`` with anything else gets a new
  ``uuid4().hex``, and a message is accepted only for the session id confirmed to that socket;
* replies split for the widget (:class:`WidgetSocketIOOutput`): one bot message per piece of
  :func:`rasa_ext.channels.limits.split_reply` at :data:`~rasa_ext.channels.limits.WIDGET_BUBBLE`
  characters (Rasa's output makes one message per paragraph, however long), the quick replies
  on the last one;
* safe markdown out: rasa-webchat renders bot text as markdown and keeps ``javascript:`` links
  (raw HTML is shown as text); :func:`safe_markdown` turns every link whose target is not
  ``http(s)://``, ``mailto:``, ``tel:``, ``/`` or ``#`` into an inert ``#...`` fragment before a
  bot message is sent, so a portal page without a strict CSP is safe too.
"""

from __future__ import annotations

import json
import logging
import os
import re
import uuid
from typing import Any, Callable, Dict, List
from urllib.parse import urlsplit

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint

from rasa_ext.channels.limits import WIDGET_BUBBLE, split_reply, split_with_buttons
from rasa_ext.channels.webhooks import user_text

logger = logging.getLogger(__name__)

ORIGINS_ENV = "WIDGET_ALLOWED_ORIGINS"
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
_SAFE_TARGET = r"(?!\s*(?:https?://|mailto:|tel:|/|#))"
_INLINE_LINK = re.compile(r"(\]\(\s*<?)" + _SAFE_TARGET, re.IGNORECASE)
_REFERENCE_LINK = re.compile(r"^( {0,3}\[[^\]]+\]:\s*<?)" + _SAFE_TARGET, re.I | re.M)
_AUTOLINK = re.compile(r"<(?!https?://|mailto:)([a-z][a-z0-9+.\-]*:)", re.IGNORECASE)


def safe_markdown(text: str) -> str:
    """Make every markdown link that could run code inert; keep the rest of the text.

    ``[label](javascript:...)`` becomes ``[label](#javascript:...)`` (a same-page fragment),
    the same for reference links; an autolink ``<javascript:...>`` is escaped to plain text.

    Args:
        text: a bot message.

    Returns:
        The text with only ``http(s)://``, ``mailto:``, ``tel:``, ``/`` and ``#`` link targets.
    """
    text = _INLINE_LINK.sub(r"\1#", text)
    text = _REFERENCE_LINK.sub(r"\1#", text)
    return _AUTOLINK.sub(r"\\<\1", text)


def parse_origins(value: Any) -> List[str]:
    """Normalise configured origins to ``scheme://host[:port]`` strings.

    Args:
        value: a list of origins, or a comma/space-separated string, or ``None``.

    Returns:
        The origins, without trailing slashes; empty when nothing is configured.

    Raises:
        ValueError: for ``*`` or a value that is not an http(s) origin.
    """
    if value is None:
        return []
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value)
    origins = []
    for item in items:
        origin = str(item).strip().rstrip("/")
        if not origin:
            continue
        if origin == "*":
            raise ValueError("allowed_origins: '*' is not allowed; list the portal origins")
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
            raise ValueError(f"allowed_origins: {origin!r} is not an origin like https://host")
        origins.append(f"{parts.scheme}://{parts.netloc.lower()}")
    return origins


def origin_checker(origins: List[str]) -> Callable[[str], bool]:
    """Build the predicate python-engineio calls with a request's ``Origin`` header.

    Args:
        origins: the allowed origins; empty means loopback pages only.

    Returns:
        A function telling whether an origin may connect.
    """
    allowed = frozenset(origins)

    def is_allowed(origin: str) -> bool:
        origin = (origin or "").rstrip("/").lower()
        if allowed:
            return origin in allowed
        parts = urlsplit(origin)
        return parts.scheme in ("http", "https") and parts.hostname in LOOPBACK_HOSTS

    return is_allowed


def is_uuid4(value: Any) -> bool:
    """Whether ``value`` is a UUID4 string (hex or dashed form)."""
    if not isinstance(value, str) or len(value) not in (32, 36):
        return False
    try:
        parsed = uuid.UUID(value)
    except ValueError:
        return False
    return parsed.version == 4 and value.lower() in (parsed.hex, str(parsed))


class WidgetSocketIOOutput(SocketIOOutput):
    """Rasa's socket.io output with each reply split for the widget's bubbles."""

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """One bot message per piece of the text (at most ``WIDGET_BUBBLE`` characters)."""
        for piece in split_reply(text, WIDGET_BUBBLE):
            await self._send_message(recipient_id, {"text": piece})

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: List[Dict[str, Any]],
        **kwargs: Any,
    ) -> None:
        """Like :meth:`send_text_message`, the buttons as quick replies on the last message."""
        for piece, piece_buttons in split_with_buttons(text, WIDGET_BUBBLE, buttons):
            quick_replies = [
                {"content_type": "text", "title": b["title"], "payload": b["payload"]}
                for b in piece_buttons
            ]
            await self._send_message(recipient_id, {"text": piece, "quick_replies": quick_replies})


class WidgetSocketIOInput(SocketIOInput):
    """Socket.io channel with an origin allow-list and UUID4 conversation ids."""

    @classmethod
    def name(cls) -> str:
        """Same name as Rasa's channel: same URLs, same ``input_channel`` in trackers."""
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Dict[str, Any] | None) -> InputChannel:
        """Read Rasa's socket.io settings plus ``allowed_origins``."""
        credentials = credentials or {}
        channel = super().from_credentials(credentials)
        assert isinstance(channel, WidgetSocketIOInput)
        env_value = os.environ.get(ORIGINS_ENV, "").strip()
        channel.allowed_origins = parse_origins(env_value or credentials.get("allowed_origins"))
        return channel

    def __init__(self, *args: Any, allowed_origins: List[str] | None = None, **kw: Any):
        """Create the channel; see ``SocketIOInput`` for the other arguments."""
        super().__init__(*args, **kw)
        self.allowed_origins = parse_origins(allowed_origins)

    def get_output_channel(self) -> OutputChannel | None:
        """The widget's output channel (``None`` before the blueprint made the server)."""
        if self.sio is None:
            return super().get_output_channel()  # warns, as Rasa does
        return WidgetSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Any]) -> Blueprint:
        """Rasa's blueprint with the origin check on and the message handlers replaced."""
        socket_blueprint = super().blueprint(on_new_message)
        assert isinstance(socket_blueprint, SocketBlueprint) and self.sio is not None
        sio = self.sio
        sio.eio.cors_allowed_origins = origin_checker(self.allowed_origins)
        logger.info(
            "socket.io allowed origins: %s",
            ", ".join(self.allowed_origins) or "loopback only (localhost, 127.0.0.1, [::1])",
        )
        namespace = self.namespace or "/"
        confirmed: Dict[str, str] = {}  # socket id -> its conversation id

        async def session_request(sid: str, data: Dict | None) -> None:
            requested = (data or {}).get("session_id") if isinstance(data, dict) else None
            session_id = str(requested) if is_uuid4(requested) else uuid.uuid4().hex
            if requested and session_id != requested:
                logger.info("socket.io: refused a session id that is not a UUID4")
            confirmed[sid] = session_id
            if self.session_persistence:
                sio.enter_room(sid, session_id, namespace=namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        async def user_message(sid: str, data: Any) -> None:
            if not isinstance(data, dict):
                return
            if self.session_persistence and data.get("session_id") != confirmed.get(sid):
                logger.info("socket.io: dropped a message for an unconfirmed session id")
                return
            if not isinstance(data.get("message"), str):
                logger.info("socket.io: dropped a message without text")
                return
            if self.session_persistence and not data.get("session_id"):
                logger.info("socket.io: dropped a message without a session id")
                return
            # As Rasa's handler, with the widget's output channel.
            metadata = data.get(self.metadata_key or "metadata") or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            message = UserMessage(
                user_text(data["message"]),
                WidgetSocketIOOutput(sio, self.bot_message_evt),
                data["session_id"] if self.session_persistence else sid,
                input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else {},
            )
            await on_new_message(message)

        async def disconnect(sid: str) -> None:
            confirmed.pop(sid, None)

        emit = sio.emit

        async def emit_safe_markdown(event: str, data: Any = None, *args: Any, **kw: Any) -> Any:
            is_bot_text = isinstance(data, dict) and isinstance(data.get("text"), str)
            if event == self.bot_message_evt and is_bot_text:
                data = {**data, "text": safe_markdown(data["text"])}
            return await emit(event, data, *args, **kw)

        # SocketIOOutput sends the bot's messages with sio.emit (mypy: no method assignment)
        setattr(sio, "emit", emit_safe_markdown)  # noqa: B010
        sio.on("session_request", session_request, namespace=namespace)
        sio.on(self.user_message_evt, user_message, namespace=namespace)
        sio.on("disconnect", disconnect, namespace=namespace)
        return socket_blueprint
