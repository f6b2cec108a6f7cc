"""The REST channel with input checks; same URL as Rasa's (``/webhooks/rest/webhook``).

Configured in ``credentials.yml`` as ``rasa_ext.channels.rest.GuardedRestInput``. Each
request is checked by :func:`rasa_ext.channels.input_guard.parse_webhook` (4xx for a malformed
body, a missing or oversized sender, an empty or too long message) before Rasa sees
it, and the accepted text is cleaned and its ``/intent`` payload defused
(:mod:`rasa_ext.channels.input_guard`). It installs nothing: Rasa's patches are installed
by the launcher (``python -m rasa_ext``, :func:`rasa_ext.patches.install_all`).
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

from rasa_ext.channels.input_guard import RejectedInputError, parse_webhook

logger = logging.getLogger(__name__)


class GuardedRestInput(RestInput):
    """Rasa's REST input with a length cap and request validation."""

    @classmethod
    def name(cls) -> str:
        """Keep Rasa's channel name, hence the URL ``/webhooks/rest/webhook``."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The health and webhook routes."""
        webhook = Blueprint("custom_webhook_GuardedRestInput", "rasa_ext.channels.rest")

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
