"""Slack connector: Rasa 3.6's built-in one, hardened.

Referenced in ``credentials.yml`` as ``rasa_ext.channels.slack.SlackInput``; the webhook stays at
``/webhooks/slack/webhook``. Differences from ``rasa.core.channels.slack.SlackInput``:

* a bad, missing or expired signature gets **401** (Rasa: 400), and nothing is processed;
* every retry (``X-Slack-Retry-Num``, whatever ``X-Slack-Retry-Reason`` says) is acknowledged
  with ``X-Slack-No-Retry: 1`` and dropped, and an ``event_id`` seen before is dropped too:
  the first delivery is acknowledged at once and answered in the background, so a retry can
  only duplicate a reply;
* edits, joins, bot messages and the bot's own user are ignored (see ``slack_logic``);
* ``url_verification`` is answered with ``{"challenge": ...}``;
* the Web API base URL is configurable (``slack_api_url`` or env ``SLACK_API_URL``) so tests
  use a fake Slack on loopback; replies do not send the legacy ``as_user`` flag; text goes out
  as plain-text ``section`` blocks split within Slack's limits
  (:func:`rasa_ext.channels.slack_logic.message_payloads`), buttons as Block Kit rows.
"""

from __future__ import annotations

import json
import logging
import os
import time
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot
from rasa.core.channels.slack import SlackInput as RasaSlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from rasa_ext.channels.slack_logic import (
    is_retry,
    message_payloads,
    reply_thread,
    should_answer,
    signature_is_valid,
)
from rasa_ext.channels.webhooks import BackgroundTasks, SeenIds, user_text

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
API_URL_ENV = "SLACK_API_URL"  # used when the credentials block has no `slack_api_url`


class SlackOutput(SlackBot):
    """Posts replies with ``chat.postMessage`` to a configurable Slack Web API."""

    def __init__(
        self,
        token: str,
        slack_channel: str | None = None,
        thread_id: str | None = None,
        proxy: str | None = None,
        api_url: str = DEFAULT_API_URL,
    ) -> None:
        """Create the output channel for one reply target (channel and optional thread)."""
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, base_url=api_url, proxy=proxy)

    async def _post_message(self, channel: str, **kwargs: Any) -> None:
        kwargs.pop("as_user", None)  # legacy flag, refused by apps with granular scopes
        if self.thread_id:
            kwargs["thread_ts"] = self.thread_id
        await self.client.chat_postMessage(channel=channel, **kwargs)

    async def _post_reply(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]] | None = None
    ) -> None:
        recipient = self.slack_channel or recipient_id
        for payload in message_payloads(text, buttons):
            await self._post_message(channel=recipient, **payload)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send ``text`` as plain-text sections, split within Slack's limits."""
        await self._post_reply(recipient_id, text)

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: List[Dict[str, Any]],
        **kwargs: Any,
    ) -> None:
        """Send ``text`` split like :meth:`send_text_message`, the buttons as Block Kit
        ``actions`` rows on the last message."""
        await self._post_reply(recipient_id, text, buttons)


class SlackInput(RasaSlackInput):
    """Slack Events API / interactivity webhook (``/webhooks/slack/webhook``)."""

    @classmethod
    def from_credentials(cls, credentials: Dict[str, Any] | None) -> InputChannel:
        """Build the channel from its ``credentials.yml`` block."""
        if not credentials:
            cls.raise_missing_credentials_exception()
        assert credentials is not None  # for mypy: the call above raises
        channel = cls(
            credentials.get("slack_token", ""),
            credentials.get("slack_channel"),
            credentials.get("proxy"),
            use_threads=bool(credentials.get("use_threads", False)),
            slack_signing_secret=credentials.get("slack_signing_secret", ""),
            conversation_granularity=credentials.get("conversation_granularity", "sender"),
        )
        channel.api_url = str(
            credentials.get("slack_api_url") or os.environ.get(API_URL_ENV) or DEFAULT_API_URL
        )
        return channel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Same arguments as Rasa's ``SlackInput``."""
        super().__init__(*args, **kwargs)
        self.api_url = DEFAULT_API_URL
        self.seen_events = SeenIds()
        self._background = BackgroundTasks()

    def get_output_channel(
        self, channel: str | None = None, thread_id: str | None = None
    ) -> OutputChannel:
        """The output channel posting to ``channel`` (and ``thread_id``) via ``api_url``."""
        return SlackOutput(
            self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_url
        )

    def _dispatch(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender_id: str | None,
        metadata: Dict[str, Any],
    ) -> None:
        """Hand the message to Rasa in the background (Slack wants an answer within 3 s)."""
        message = UserMessage(
            user_text(text),
            self.get_output_channel(metadata.get("out_channel"), metadata.get("thread_id")),
            sender_id,
            input_channel=self.name(),
            metadata=metadata,
        )
        self._background.spawn(on_new_message(message))

    def _event_metadata(self, payload: Dict[str, Any]) -> Dict[str, Any]:
        event = payload.get("event") or {}
        return {
            "out_channel": event.get("channel"),
            "thread_id": reply_thread(event, bool(self.use_threads)),
            "users": [a.get("user_id") for a in payload.get("authorizations") or []],
        }

    def _handle_event(
        self, payload: Dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        if payload.get("type") == "url_verification":
            return response.json({"challenge": payload.get("challenge", "")})
        if not should_answer(payload):
            logger.debug("Slack: event ignored (not a person's DM or mention)")
            return response.text("ignored")
        if not self.seen_events.add(payload.get("event_id")):
            logger.info("Slack: duplicate event ignored")
            return response.text("duplicate")
        event = payload["event"]
        metadata = self._event_metadata(payload)
        text = self._sanitize_user_message(str(event.get("text", "")), metadata["users"])
        sender = self._get_conversation_id(
            event.get("user"), metadata["out_channel"], metadata["thread_id"]
        )
        self._dispatch(on_new_message, text, sender, metadata)
        return response.text("")

    def _handle_interaction(
        self, raw: str, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        try:
            payload = json.loads(raw)
        except ValueError:
            return response.text("bad payload", status=HTTPStatus.BAD_REQUEST)
        if not isinstance(payload, dict) or not self._is_interactive_message(payload):
            return response.text("ignored")
        text = self._get_interactive_response(payload["actions"][0])
        if not text:
            return response.text("ignored")
        message = payload.get("message") or {}
        channel = (payload.get("channel") or {}).get("id")
        thread = message.get("thread_ts") if message.get("thread_ts") else None
        if thread is None and self.use_threads and channel and not str(channel).startswith("D"):
            thread = message.get("ts")
        metadata = {
            "out_channel": channel,
            "thread_id": thread,
            "users": [(payload.get("user") or {}).get("id")],
        }
        sender = self._get_conversation_id((payload.get("user") or {}).get("id"), channel, thread)
        self._dispatch(on_new_message, str(text), sender, metadata)
        return response.text("")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The webhook: verify, drop retries and duplicates, acknowledge, answer in background."""
        slack_webhook = Blueprint("slack_webhook", __name__)

        @slack_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @slack_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not signature_is_valid(
                self.slack_signing_secret,
                request.headers.get("X-Slack-Request-Timestamp"),
                request.body,
                request.headers.get("X-Slack-Signature"),
                time.time(),
            ):
                logger.warning("Slack: request with a bad or expired signature refused")
                return response.text("invalid signature", status=HTTPStatus.UNAUTHORIZED)
            if is_retry(request.headers):
                return response.text("", headers={"X-Slack-No-Retry": "1"})

            content_type = (request.headers.get("content-type") or "").split(";")[0].strip()
            if content_type == "application/json":
                try:
                    payload = json.loads(request.body)
                except ValueError:
                    return response.text("bad json", status=HTTPStatus.BAD_REQUEST)
                if not isinstance(payload, dict):
                    return response.text("bad json", status=HTTPStatus.BAD_REQUEST)
                return self._handle_event(payload, on_new_message)
            if content_type == "application/x-www-form-urlencoded":
                raw = request.form.get("payload")
                if not raw:
                    return response.text("no payload", status=HTTPStatus.BAD_REQUEST)
                return self._handle_interaction(raw, on_new_message)
            return response.text("unsupported content type", status=HTTPStatus.BAD_REQUEST)

        return slack_webhook
