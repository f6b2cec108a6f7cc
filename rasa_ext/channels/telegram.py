"""Telegram connector (replaces Rasa 3.6's, which checks no secret and calls the API per update).

Referenced in ``credentials.yml`` as ``rasa_ext.channels.telegram.TelegramInput``; the webhook is
``/webhooks/telegram/webhook``. Each update must carry ``X-Telegram-Bot-Api-Secret-Token``
equal to ``secret_token`` (constant-time compare): missing → 401, wrong → 403, nothing
processed. No Bot API call is made per update (no ``getMe``) and none at start (register the
webhook once with ``python -m ops.telegram_webhook`` / ``make telegram-webhook``).
Text messages and inline-keyboard presses are answered in the background after a 200;
everything else (edits, stickers, photos, joins ...) gets 200 and is dropped. Replies go to
``sendMessage`` of ``api_url`` (or env ``TELEGRAM_API_URL``, default
``https://api.telegram.org``) as plain text, with buttons as an inline keyboard.
"""

from __future__ import annotations

import json
import logging
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List

import aiohttp
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.shared.exceptions import InvalidConfigException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa_ext.channels.telegram_logic import (
    SECRET_HEADER,
    answer_callback,
    parse_update,
    secret_is_valid,
    send_message_payloads,
)
from rasa_ext.channels.webhooks import BackgroundTasks, SeenIds, user_text

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org"
API_URL_ENV = "TELEGRAM_API_URL"  # used when the credentials block has no `api_url`
SEND_TIMEOUT_S = 15


class TelegramOutput(OutputChannel):
    """Sends replies with the Bot API's ``sendMessage``."""

    @classmethod
    def name(cls) -> str:
        """Channel name."""
        return "telegram"

    def __init__(self, token: str, api_url: str = DEFAULT_API_URL) -> None:
        """Create the output channel for the bot ``token`` at ``api_url``."""
        self._endpoint = f"{api_url.rstrip('/')}/bot{token}/sendMessage"

    async def _send(self, payloads: List[Dict[str, Any]]) -> None:
        timeout = aiohttp.ClientTimeout(total=SEND_TIMEOUT_S)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            for payload in payloads:
                async with session.post(self._endpoint, json=payload) as reply:
                    if reply.status != HTTPStatus.OK:
                        logger.warning("Telegram sendMessage failed with HTTP %s", reply.status)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send plain text."""
        await self._send(send_message_payloads(recipient_id, text))

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: List[Dict[str, Any]],
        **kwargs: Any,
    ) -> None:
        """Send text with an inline keyboard (one button per row)."""
        await self._send(send_message_payloads(recipient_id, text, buttons))

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        """Send an image as its link."""
        await self._send(send_message_payloads(recipient_id, image))

    async def send_custom_json(
        self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any
    ) -> None:
        """Send a custom ``sendMessage`` body (``chat_id`` defaults to the recipient)."""
        await self._send([{"chat_id": recipient_id, **json_message}])


class TelegramInput(InputChannel):
    """Telegram webhook (``/webhooks/telegram/webhook``) with secret-token check."""

    @classmethod
    def name(cls) -> str:
        """Channel name (also the URL prefix)."""
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: Dict[str, Any] | None) -> InputChannel:
        """Build the channel from its ``credentials.yml`` block."""
        if not credentials:
            cls.raise_missing_credentials_exception()
        assert credentials is not None  # for mypy: the call above raises
        return cls(
            str(credentials.get("access_token") or ""),
            str(credentials.get("secret_token") or ""),
            str(credentials.get("api_url") or os.environ.get(API_URL_ENV) or DEFAULT_API_URL),
        )

    def __init__(self, access_token: str, secret_token: str, api_url: str) -> None:
        """Create the channel; both the bot token and the webhook secret are required."""
        if not access_token or not secret_token:
            raise InvalidConfigException(
                "Telegram needs `access_token` and `secret_token` (a webhook without a "
                "secret would accept forged updates); see docs/channels.md."
            )
        self.access_token = access_token
        self.secret_token = secret_token
        self.api_url = api_url
        self.seen_updates = SeenIds()
        self._background = BackgroundTasks()

    def get_output_channel(self) -> OutputChannel:
        """The output channel for replies."""
        return TelegramOutput(self.access_token, self.api_url)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The webhook: check the secret, parse, acknowledge, answer in the background."""
        telegram_webhook = Blueprint("custom_telegram_webhook", __name__)

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @telegram_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            received = request.headers.get(SECRET_HEADER)
            if received is None:
                return response.text("missing secret token", status=HTTPStatus.UNAUTHORIZED)
            if not secret_is_valid(self.secret_token, received):
                logger.warning("Telegram: update with a wrong secret token refused")
                return response.text("wrong secret token", status=HTTPStatus.FORBIDDEN)
            try:
                update = json.loads(request.body)
            except ValueError:
                return response.text("bad json", status=HTTPStatus.BAD_REQUEST)
            incoming = parse_update(update) if isinstance(update, dict) else None
            if incoming is None:
                return response.text("ignored")
            if not self.seen_updates.add(incoming.update_id):
                return response.text("duplicate")
            message = UserMessage(
                user_text(incoming.text),
                self.get_output_channel(),
                incoming.chat_id,
                input_channel=self.name(),
                metadata={"message_id": incoming.message_id},
            )
            self._background.spawn(on_new_message(message))
            if incoming.callback_query_id:
                return response.json(answer_callback(incoming.callback_query_id))
            return response.text("")

        return telegram_webhook
