"""Checks on what a client sends before it reaches Rasa (pure Python, no Rasa import).

A webhook request is refused with a 4xx when it is not a JSON object, has no usable
sender or message, or the message is longer than the cap. Accepted text is cleaned:
control characters are removed and a leading ``/`` payload (Rasa's way of sending
an intent directly, used by our buttons) is only passed on when its intent is one
of the domain's and its entities are a JSON object of known entity names; any other
``/...`` text is sent to the NLU as plain words.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, Tuple

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 128
MAX_BODY_BYTES = 64 * 1024
_SENDER_RE = re.compile(r"^[A-Za-z0-9_.:@+\-]{1,128}$")  # MAX_SENDER_CHARS
_PAYLOAD_RE = re.compile(r"^/([A-Za-z0-9_]+)(\{.*\})?\s*$", re.DOTALL)


class RejectedInputError(Exception):
    """A request the bot refuses, with the HTTP status and a short reason for the client."""

    def __init__(self, status: int, reason: str) -> None:
        """Keep the status and the reason.

        Args:
            status: the HTTP status to answer with (4xx).
            reason: a short, text-free explanation (never echoes the user's text).
        """
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class CleanMessage:
    """A checked webhook message."""

    sender: str
    text: str
    metadata: Dict[str, Any] | None


def max_message_chars() -> int:
    """The message length cap (env ``TWITCH_MAX_MESSAGE_CHARS``, default 2000)."""
    raw = os.environ.get("TWITCH_MAX_MESSAGE_CHARS", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_MAX_MESSAGE_CHARS


@lru_cache(maxsize=1)
def domain_names(
    domain_file: str = str(ROOT / "domain.yml"),
) -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """The domain's intent and entity names (read once)."""
    data = yaml.safe_load(Path(domain_file).read_text(encoding="utf-8")) or {}

    def names(key: str) -> FrozenSet[str]:
        out = set()
        for item in data.get(key) or []:
            out.add(next(iter(item)) if isinstance(item, dict) else str(item))
        return frozenset(out)

    return names("intents"), names("entities")


def clean_text(text: str) -> str:
    """Remove control and format characters (keeping newlines and tabs as spaces) and trim."""
    kept = []
    for ch in text:
        if ch in "\n\t\r":
            kept.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn"):
            continue
        else:
            kept.append(ch)
    return "".join(kept).strip()


def defuse_payload(text: str) -> str:
    """Pass a ``/intent{...}`` payload on only if it is well formed and names known things.

    Anything else that starts with ``/`` loses its leading slashes so the NLU reads it
    as words instead of Rasa's payload parser guessing at it.
    """
    if not text.startswith("/"):
        return text
    intents, entities = domain_names()
    match = _PAYLOAD_RE.match(text)
    if match and match.group(1) in intents:
        raw_entities = match.group(2)
        if raw_entities is None:
            return text
        try:
            parsed = json.loads(raw_entities)
        except ValueError:
            parsed = None
        if (
            isinstance(parsed, dict)
            and set(parsed) <= entities
            and all(isinstance(v, (str, int, float, bool)) for v in parsed.values())
        ):
            return text
    return text.lstrip("/").strip() or "?"


def parse_webhook(body: bytes) -> CleanMessage:
    """Check a REST webhook body and return the message to hand to Rasa.

    Args:
        body: the raw request body.

    Returns:
        The sender, cleaned text and metadata.

    Raises:
        RejectedInputError: 413 for a body or message over the caps, 400 for anything malformed.
    """
    if len(body) > MAX_BODY_BYTES:
        raise RejectedInputError(413, "request body too large")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RejectedInputError(400, "body must be a UTF-8 JSON object") from None
    if not isinstance(data, dict):
        raise RejectedInputError(400, "body must be a JSON object")
    sender = data.get("sender")
    if not isinstance(sender, str) or not _SENDER_RE.match(sender):
        raise RejectedInputError(
            400, f"'sender' must be 1-{MAX_SENDER_CHARS} letters, digits or _.:@+-"
        )
    message = data.get("message")
    if not isinstance(message, str):
        raise RejectedInputError(400, "'message' must be a string")
    if len(message) > max_message_chars():
        raise RejectedInputError(413, f"'message' is longer than {max_message_chars()} characters")
    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise RejectedInputError(400, "'metadata' must be a JSON object")
    text = defuse_payload(clean_text(message))
    if not text:
        raise RejectedInputError(400, "'message' is empty")
    return CleanMessage(sender=sender, text=text, metadata=metadata)
