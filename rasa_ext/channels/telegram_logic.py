"""Pure Telegram Bot API rules (no Rasa import): secret check, update parsing, payloads.

Used by :mod:`rasa_ext.channels.telegram` and :mod:`ops.telegram_webhook`, unit-tested
without a server.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping

from rasa_ext.channels.limits import TELEGRAM_TEXT, split_with_buttons

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram allows 1-256 characters A-Z, a-z, 0-9, _ and - in the webhook secret.
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
MAX_TEXT = TELEGRAM_TEXT  # characters per sendMessage (rasa_ext.channels.limits)
MAX_CALLBACK_DATA = 64  # bytes of an inline button's callback_data
ALLOWED_UPDATES = ["message", "callback_query"]
# Telegram's own commands, mapped to words the assistant understands.
COMMANDS = {"/start": "hello", "/help": "help"}


def secret_is_valid(expected: str, received: str | None) -> bool:
    """Constant-time check of the ``X-Telegram-Bot-Api-Secret-Token`` header.

    An empty ``expected`` never validates (a connector without a secret accepts nothing).
    """
    if not expected or received is None:
        return False
    return hmac.compare_digest(expected.encode(), received.encode())


@dataclass(frozen=True)
class Incoming:
    """A person's message or button press taken from an update."""

    update_id: str
    chat_id: str
    text: str
    callback_query_id: str | None = None
    message_id: int | None = None


def _command(text: str) -> str:
    word = text.split(maxsplit=1)[0].split("@", 1)[0].lower() if text.strip() else ""
    return COMMANDS.get(word, text)


def parse_update(update: Mapping[str, Any]) -> Incoming | None:
    """The message to hand to the assistant, or ``None`` for updates it ignores.

    Handled: ``message`` with ``text`` (``/start`` and ``/help`` are mapped to words) and
    ``callback_query`` with ``data`` (an inline-keyboard button). Ignored: edited messages,
    channel posts, stickers, photos and other media, joins/leaves, messages from bots.
    """
    update_id = str(update.get("update_id", ""))
    message = update.get("message")
    if isinstance(message, dict):
        text = message.get("text")
        chat = message.get("chat") or {}
        sender = message.get("from") or {}
        if not isinstance(text, str) or not text.strip() or "id" not in chat:
            return None
        if sender.get("is_bot"):
            return None
        return Incoming(update_id, str(chat["id"]), _command(text), None, message.get("message_id"))
    query = update.get("callback_query")
    if isinstance(query, dict):
        data = query.get("data")
        chat = ((query.get("message") or {}).get("chat")) or {}
        chat_id = chat.get("id", (query.get("from") or {}).get("id"))
        if not isinstance(data, str) or not data or chat_id is None:
            return None
        return Incoming(update_id, str(chat_id), data, str(query.get("id", "")) or None)
    return None


def inline_keyboard(buttons: List[Dict[str, Any]]) -> Dict[str, Any]:
    """An inline keyboard, one button per row.

    The button's payload is its ``callback_data``; a payload longer than Telegram's 64 bytes
    is replaced by the button's title (which the assistant understands as typed text).
    """
    rows = []
    for button in buttons:
        title = str(button.get("title", ""))
        payload = str(button.get("payload", "")) or title
        if len(payload.encode()) > MAX_CALLBACK_DATA:
            payload = title.encode()[:MAX_CALLBACK_DATA].decode(errors="ignore")
        rows.append([{"text": title, "callback_data": payload}])
    return {"inline_keyboard": rows}


def send_message_payloads(
    chat_id: str, text: str, buttons: List[Dict[str, Any]] | None = None
) -> List[Dict[str, Any]]:
    """``sendMessage`` bodies for a reply: plain text (no ``parse_mode``, nothing rendered as
    markup), split to Telegram's limit by :func:`rasa_ext.channels.limits.split_reply`, the
    inline keyboard on the last piece (a blank text is sent as one space)."""
    payloads: List[Dict[str, Any]] = []
    for piece, piece_buttons in split_with_buttons(text, MAX_TEXT, buttons) or [(" ", [])]:
        payload: Dict[str, Any] = {"chat_id": chat_id, "text": piece or " "}
        if piece_buttons:
            payload["reply_markup"] = inline_keyboard(piece_buttons)
        payloads.append(payload)
    return payloads


def answer_callback(callback_query_id: str) -> Dict[str, Any]:
    """The webhook *response* that answers a button press (no extra outbound request)."""
    return {"method": "answerCallbackQuery", "callback_query_id": callback_query_id}


def webhook_settings(url: str, secret: str) -> Dict[str, Any]:
    """The ``setWebhook`` body: HTTPS URL, secret token, only the updates we handle."""
    if not url.startswith("https://"):
        raise ValueError("Telegram only calls HTTPS webhooks: the URL must start with https://")
    if not SECRET_PATTERN.match(secret):
        raise ValueError("the secret token must be 1-256 characters of A-Z, a-z, 0-9, _ or -")
    return {"url": url, "secret_token": secret, "allowed_updates": ALLOWED_UPDATES}
