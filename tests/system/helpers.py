"""Shared bits of the reliability tests: services, launcher, socket.io client, trackers."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import uuid
from typing import Any, Dict, List

import pytest
import requests
import socketio

from tools.stack import BASE_ENV, BIN, ROOT

SERVE = ROOT / "deploy" / "serve.sh"
PG = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)
# Opt-out for a developer machine without PostgreSQL/Redis; CI never sets it.
SKIP_ENV = "TWITCH_SKIP_SERVICE_TESTS"


def reachable(address: tuple) -> bool:
    """True if a TCP connection to ``address`` succeeds within 3 s."""
    try:
        with socket.create_connection(address, timeout=3):
            return True
    except OSError:
        return False


def require_services() -> None:
    """Fail (or skip, only with the explicit opt-out) when PostgreSQL or Redis is down."""
    missing = [
        f"{name} {h}:{p}"
        for name, (h, p) in (("PostgreSQL", PG), ("Redis", REDIS))
        if not reachable((h, p))
    ]
    if not missing:
        return
    message = f"{', '.join(missing)} not reachable (needed by the production-profile tests)"
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{message}; skipped because {SKIP_ENV}=1")
    pytest.fail(f"{message}. Start them, or set {SKIP_ENV}=1 to skip on a machine without them.")


def production_env(**extra: str) -> Dict[str, str]:
    """Environment for ``deploy/serve.sh`` in the production profile on this machine."""
    return {
        **os.environ,
        **BASE_ENV,
        "PROFILE": "production",
        "TWITCH_DB_HOST": PG[0],
        "TWITCH_DB_PORT": str(PG[1]),
        "TWITCH_DB_NAME": "test",
        "TWITCH_DB_USER": os.environ.get("TWITCH_DB_USER", "postgres"),
        "TWITCH_REDIS_HOST": REDIS[0],
        "TWITCH_REDIS_PORT": str(REDIS[1]),
        "RASA_INTERFACE": "127.0.0.1",
        "VENV": str(BIN.parent),
        **extra,
    }


def run_serve(env: Dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    """Run ``deploy/serve.sh`` to completion (for the cases where it must refuse to start)."""
    return subprocess.run(
        [str(SERVE)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def tracker(base_url: str, sender: str, token: str | None = None) -> Dict[str, Any]:
    """The full tracker of a conversation over the HTTP API."""
    params = {"token": token} if token else {}
    response = requests.get(f"{base_url}/conversations/{sender}/tracker", params=params, timeout=30)
    response.raise_for_status()
    return dict(response.json())


def user_events(tracker_json: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The ``user`` events of a tracker, in order."""
    return [e for e in tracker_json["events"] if e.get("event") == "user"]


class SocketClient:
    """A python-socketio client on the widget channel, one conversation."""

    def __init__(self, base_url: str) -> None:
        self.received: List[Any] = []
        self.client = socketio.Client(reconnection=False)
        confirmed = threading.Event()
        self.session_id = uuid.uuid4().hex
        self._got = threading.Condition()

        @self.client.on("bot_uttered")
        def on_bot(data: Any) -> None:
            with self._got:
                self.received.append(data)
                self._got.notify_all()

        @self.client.on("session_confirm")
        def on_confirm(data: Any) -> None:
            confirmed.set()

        self.client.connect(
            base_url,
            socketio_path="socket.io",
            transports=["polling"],
            headers={"Origin": "http://localhost"},
            wait_timeout=20,
        )
        self.client.emit("session_request", {"session_id": self.session_id})
        assert confirmed.wait(20), "no session_confirm"

    def send_raw(self, data: Any) -> None:
        """Emit ``user_uttered`` with any payload."""
        self.client.emit("user_uttered", data)

    def say(self, text: str) -> None:
        """Emit a well-formed message of this session."""
        self.send_raw({"message": text, "session_id": self.session_id})

    def wait_replies(self, since: int, timeout: float = 60) -> List[Any]:
        """Wait (bounded) until a reply arrives after ``since`` and the bot goes quiet."""
        with self._got:
            self._got.wait_for(lambda: len(self.received) > since, timeout=timeout)
            # let the rest of the turn's messages arrive
            while self._got.wait(timeout=1.5):
                pass
            return self.received[since:]

    def close(self) -> None:
        """Disconnect."""
        self.client.disconnect()
