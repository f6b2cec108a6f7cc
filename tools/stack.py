"""Start and stop the real servers (action server + Rasa) for the tests and the benchmarks.

``Stack`` writes its own endpoints file (the repo's ``endpoints.yml`` with the
action URL pointed at the test action server and, when a tracker store is
configured, its database moved into the test's temp folder), picks free
loopback ports, and waits until both servers answer. Start a stack once per
test session (see ``tests/conftest.py``): Rasa needs ~30 s and ~1.4 GB to start.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List

import requests
import yaml

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "current.tar.gz"
BIN = Path(sys.executable).parent
START_TIMEOUT_S = 240

# Settings every test stack gets (never real secrets).
BASE_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rest_only_credentials(workdir: Path) -> Path:
    """The repo's credentials cut down to its REST channel (no channel secrets needed).

    Used by the benchmarks (REST is the load's only channel) and by the tests of stacks
    that need no other channel.
    """
    config = yaml.safe_load((ROOT / "credentials.yml").read_text()) or {}
    rest = {k: v for k, v in config.items() if k == "rest" or k.endswith("RestInput")}
    path = workdir / "credentials-rest.yml"
    path.write_text(yaml.safe_dump(rest or {"rest": None}))
    return path


def wait_until_up(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    """Poll ``url`` until it answers 200; fail with the log's tail if ``proc`` dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: process exited ({proc.returncode}):\n{_tail(log)}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not up after {timeout:.0f} s:\n{_tail(log)}")


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-4000:] if log.exists() else "(no log)"


class Stack:
    """An action server and a Rasa server on loopback."""

    def __init__(
        self,
        workdir: Path,
        credentials: Path | None = None,
        endpoints: Dict[str, Any] | None = None,
        env: Dict[str, str] | None = None,
        model: Path = MODEL,
        patched: bool = True,
    ) -> None:
        """Describe a stack; nothing starts until :meth:`start`.

        Args:
            workdir: a temp folder for logs and generated config.
            credentials: credentials file (default: the repo's).
            endpoints: endpoints config (default: the repo's ``endpoints.yml``);
                the action URL is always replaced by this stack's.
            env: extra environment variables for both processes.
            model: the trained model to serve.
            patched: start Rasa through the project's launcher (``python -m rasa_ext``,
                its patches installed) as production does; False for plain Rasa (the
                benchmark's baseline bot).
        """
        self.workdir = workdir
        self.credentials = credentials or ROOT / "credentials.yml"
        self.endpoints = (
            endpoints
            if endpoints is not None
            else yaml.safe_load((ROOT / "endpoints.yml").read_text()) or {}
        )
        self.env = {**os.environ, **BASE_ENV, **(env or {})}
        self.model = model
        self.patched = patched
        self.actions_port = free_port()
        self.rasa_port = free_port()
        self.actions: subprocess.Popen | None = None
        self.rasa: subprocess.Popen | None = None

    @property
    def rasa_url(self) -> str:
        """Base URL of the Rasa server."""
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        """Base URL of the action server."""
        return f"http://127.0.0.1:{self.actions_port}"

    def _endpoints_file(self) -> Path:
        config = dict(self.endpoints)
        action = dict(config.get("action_endpoint") or {})
        action["url"] = f"{self.actions_url}/webhook"
        config["action_endpoint"] = action
        store = config.get("tracker_store")
        if isinstance(store, dict) and store.get("dialect") == "sqlite":
            store = dict(store, db=str(self.workdir / "trackers.db"))
            config["tracker_store"] = store
        path = self.workdir / "endpoints.yml"
        path.write_text(yaml.safe_dump(config))
        return path

    def start_actions(self) -> None:
        """Start the action server and wait for /health."""
        log = self.workdir / "actions.log"
        self.actions = subprocess.Popen(
            [str(BIN / "rasa"), "run", "actions", "--port", str(self.actions_port)],
            cwd=ROOT,
            env=self.env,
            stdout=log.open("a"),
            stderr=subprocess.STDOUT,
        )
        wait_until_up(f"{self.actions_url}/health", self.actions, log, START_TIMEOUT_S)

    def start_rasa(self, extra_args: List[str] | None = None) -> None:
        """Start Rasa (REST and the other channels of the credentials) and wait."""
        log = self.workdir / "rasa.log"
        launcher = [str(BIN / "python"), "-m", "rasa_ext"] if self.patched else [str(BIN / "rasa")]
        args = [
            *launcher, "run",
            "--model", str(self.model),
            "--port", str(self.rasa_port),
            "--interface", "127.0.0.1",
            "--endpoints", str(self._endpoints_file()),
            "--credentials", str(self.credentials),
            *(extra_args or []),
        ]  # fmt: skip
        self.rasa = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=log.open("a"), stderr=subprocess.STDOUT
        )
        wait_until_up(f"{self.rasa_url}/", self.rasa, log, START_TIMEOUT_S)

    def start(self) -> Stack:
        """Start both servers."""
        self.start_actions()
        self.start_rasa()
        return self

    @staticmethod
    def _stop(proc: subprocess.Popen | None) -> None:
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

    def stop_actions(self) -> None:
        """Stop the action server."""
        self._stop(self.actions)

    def stop_rasa(self) -> None:
        """Stop the Rasa server."""
        self._stop(self.rasa)

    def stop(self) -> None:
        """Stop both servers."""
        self.stop_rasa()
        self.stop_actions()

    def send(self, sender: str, message: str, timeout: float = 30) -> List[Dict[str, Any]]:
        """POST one message to the REST webhook; return the bot's messages."""
        response = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=timeout,
        )
        response.raise_for_status()
        return list(response.json())


def texts(messages: List[Dict[str, Any]]) -> str:
    """All texts of a reply, one per line."""
    return "\n".join(m.get("text", "") for m in messages)
