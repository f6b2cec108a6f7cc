"""Register the Telegram webhook (with its secret token): ``make telegram-webhook``.

Reads ``TELEGRAM_TOKEN``, ``TELEGRAM_SECRET_TOKEN``, ``TELEGRAM_WEBHOOK_URL`` (the public
HTTPS URL of ``/webhooks/telegram/webhook``) and optionally ``TELEGRAM_API_URL``. Prints
Telegram's answer; never prints the token or the secret.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from typing import Any, Dict, List, Mapping

from rasa_ext.channels.telegram_logic import webhook_settings

DEFAULT_API_URL = "https://api.telegram.org"
REQUIRED = ("TELEGRAM_TOKEN", "TELEGRAM_SECRET_TOKEN", "TELEGRAM_WEBHOOK_URL")


def set_webhook(api_url: str, token: str, url: str, secret: str) -> Dict[str, Any]:
    """Call ``setWebhook`` and return Telegram's JSON answer."""
    body = json.dumps(webhook_settings(url, secret)).encode()
    request = urllib.request.Request(
        f"{api_url.rstrip('/')}/bot{token}/setWebhook",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as reply:
            return dict(json.loads(reply.read()))
    except urllib.error.HTTPError as error:
        return {"ok": False, "error_code": error.code, "description": error.reason}


def main(argv: List[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    """Register the webhook from the environment; exit 0 when Telegram says ok."""
    env = os.environ if env is None else env
    missing = [name for name in REQUIRED if not env.get(name)]
    if missing:
        print(f"set {', '.join(missing)} (see .env.example)", file=sys.stderr)
        return 2
    try:
        answer = set_webhook(
            env.get("TELEGRAM_API_URL") or DEFAULT_API_URL,
            env["TELEGRAM_TOKEN"],
            env["TELEGRAM_WEBHOOK_URL"],
            env["TELEGRAM_SECRET_TOKEN"],
        )
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"setWebhook: ok={answer.get('ok')} {answer.get('description', '')}".rstrip())
    return 0 if answer.get("ok") else 1


if __name__ == "__main__":
    raise SystemExit(main())
