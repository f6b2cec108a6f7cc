"""The REST channel with input checks; same URL as Rasa's (``/webhooks/rest/webhook``).

Configured in ``credentials.yml`` as ``bot.channels.rest.GuardedRestInput``. Each
request is checked by :func:`bot.input_guard.parse_webhook` (4xx for a malformed
body, a missing or oversized sender, an empty or too long message) before Rasa sees
it. Importing this module also installs :mod:`bot.channels.action_guard`, so a
down action server gets the user a reply instead of silence, and every channel's
messages are capped and cleaned.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import action_guard, event_types
from bot.input_guard import RejectedInputError, parse_webhook

logger = logging.getLogger(__name__)

action_guard.install()
action_guard.install_message_cap()
event_types.install()


class GuardedRestInput(RestInput):
    """Rasa's REST input with a length cap and request validation."""

    @classmethod
    def name(cls) -> str:
        """Keep Rasa's channel name, hence the URL ``/webhooks/rest/webhook``."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The health and webhook routes."""
        webhook = Blueprint("custom_webhook_GuardedRestInput", "bot.channels.rest")

        @webhook.listener("after_server_start")
        async def open_action_clients(*_: Any) -> None:
            await action_guard.open_clients()

        @webhook.listener("after_server_stop")
        async def close_action_clients(*_: Any) -> None:
            await action_guard.close_clients()

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                message = parse_webhook(request.body or b"")
            except RejectedInputError as rejected:
                logger.info("REST request refused: %s (%s)", rejected.status, rejected.reason)
                return response.json({"error": rejected.reason}, status=rejected.status)
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        message.text,
                        collector,
                        message.sender,
                        input_channel=self.name(),
                        metadata=message.metadata,
                    )
                )
            except asyncio.CancelledError:
                logger.error("REST message processing was cancelled (timeout).")
                return response.json({"error": "timed out"}, status=503)
            return response.json(collector.messages)

        return webhook
