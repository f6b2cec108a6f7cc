"""Starts the real action server and Rasa server once per test session."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, Iterator, List

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "current.tar.gz"
BIN = Path(sys.executable).parent
START_TIMEOUT_S = 180


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not up after {START_TIMEOUT_S} s:\n{log.read_text()[-3000:]}")


class Servers:
    """Handles to the running servers."""

    def __init__(self, rasa_url: str, actions_url: str) -> None:
        self.rasa_url = rasa_url
        self.actions_url = actions_url

    def send(self, sender: str, message: str) -> List[Dict]:
        """POST one message to the REST webhook; return the bot's messages."""
        response = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=30,
        )
        response.raise_for_status()
        return list(response.json())


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does) first")
    tmp = tmp_path_factory.mktemp("servers")
    actions_port, rasa_port = _free_port(), _free_port()
    endpoints = tmp / "endpoints.yml"
    endpoints.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n')
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    actions_log, rasa_log = tmp / "actions.log", tmp / "rasa.log"
    procs = []
    try:
        actions = subprocess.Popen(
            [str(BIN / "rasa"), "run", "actions", "--port", str(actions_port)],
            cwd=ROOT,
            env=env,
            stdout=actions_log.open("w"),
            stderr=subprocess.STDOUT,
        )
        procs.append(actions)
        rasa = subprocess.Popen(
            [
                str(BIN / "rasa"),
                "run",
                "--model",
                str(MODEL),
                "--port",
                str(rasa_port),
                "--interface",
                "127.0.0.1",
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(ROOT / "credentials.yml"),
            ],
            cwd=ROOT,
            env=env,
            stdout=rasa_log.open("w"),
            stderr=subprocess.STDOUT,
        )
        procs.append(rasa)
        _wait(f"http://127.0.0.1:{actions_port}/health", actions, actions_log)
        _wait(f"http://127.0.0.1:{rasa_port}/", rasa, rasa_log)
        yield Servers(f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{actions_port}")
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
