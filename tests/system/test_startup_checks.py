"""The launcher refuses to start on a bad setup (exit 2, clear message), and the config
files carry no secrets. No Rasa model is loaded by a refusal: each happens before; only the
test showing why (plain ``rasa run``) loads one."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest
import requests
import yaml

from tests.system.helpers import (
    production_env,
    require_services,
    run_serve,
)
from tools.stack import BASE_ENV, BIN, ROOT, free_port, rest_only_credentials


def _refused(result: subprocess.CompletedProcess, *needles: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)
    assert "Rasa server is up" not in result.stdout + result.stderr


def test_unreachable_postgres_refuses_to_start() -> None:
    require_services()
    result = run_serve(production_env(TWITCH_DB_PORT=str(free_port()), RASA_PORT=str(free_port())))
    _refused(result, "SQL tracker store postgresql://", "unreachable", "refusing to start")


def test_unreachable_redis_refuses_to_start() -> None:
    require_services()
    result = run_serve(
        production_env(TWITCH_REDIS_PORT=str(free_port()), RASA_PORT=str(free_port()))
    )
    _refused(result, "Redis lock store redis://", "unreachable", "refusing to start")


def test_api_without_auth_refuses_to_start() -> None:
    result = run_serve({**production_env(), "PROFILE": "dev", "TWITCH_ENABLE_API": "1",
                        "RASA_AUTH_TOKEN": "", "RASA_JWT_SECRET": ""})  # fmt: skip
    _refused(result, "TWITCH_ENABLE_API=1 needs RASA_AUTH_TOKEN or RASA_JWT_SECRET")


def test_only_models_from_models_folder(tmp_path: Path) -> None:
    other = tmp_path / "evil.tar.gz"
    other.write_bytes(b"not a model")
    for model in (str(other), "models/../README.md", "/etc/passwd"):
        result = run_serve({**production_env(), "PROFILE": "dev", "MODEL": model})
        _refused(result, "MODEL must be an existing file under")


def test_several_workers_need_redis_locks() -> None:
    result = run_serve({**production_env(), "PROFILE": "dev", "SANIC_WORKERS": "2"})
    _refused(result, "SANIC_WORKERS=2 needs a Redis lock store")


def test_unknown_profile_is_refused() -> None:
    _refused(run_serve({**production_env(), "PROFILE": "prod"}), "PROFILE must be")


def test_plain_rasa_serves_from_memory_on_unreachable_postgres(tmp_path: Path) -> None:
    """Why the launcher checks first: Rasa 3.6 logs an error, then serves from memory.

    Conversations then live only in that process (lost at restart, not shared between
    workers), with nothing for a client to notice.
    """
    require_services()
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump({"tracker_store": {
        "type": "SQL", "dialect": "postgresql", "url": "127.0.0.1",
        "port": free_port(), "db": "test", "username": "postgres"}}))  # fmt: skip
    log = tmp_path / "rasa.log"
    port = free_port()
    proc = subprocess.Popen(
        [str(BIN / "rasa"), "run", "--model", str(ROOT / "models" / "current.tar.gz"),
         "--port", str(port), "--interface", "127.0.0.1", "--endpoints", str(endpoints),
         "--credentials", str(rest_only_credentials(tmp_path))],
        cwd=ROOT, env={**production_env(), **BASE_ENV}, stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and "Rasa server is up" not in log.read_text():
            assert proc.poll() is None, log.read_text()[-2000:]
            time.sleep(1)
        text = log.read_text()
        assert "Could not create tables" in text and "Connection refused" in text
        assert "Rasa server is up" in text, text[-2000:]
        reply = requests.post(
            f"http://127.0.0.1:{port}/webhooks/rest/webhook",
            json={"sender": "startup-check", "message": "hello"},
            timeout=60,
        )
        assert reply.status_code == 200, "it serves, though it cannot store the conversation"
        # The turn's save is logged after the reply: wait for that line (bounded).
        deadline = time.monotonic() + 60
        fallback = "Falling back to use the 'InMemoryTrackerStore'"
        while fallback not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert fallback in log.read_text()
    finally:
        proc.kill()
        proc.wait(timeout=30)


SECRET_KEY = re.compile(r"(token|secret|password|api_key)", re.IGNORECASE)


@pytest.mark.parametrize(
    "path",
    ["credentials.yml", "endpoints.yml", "deploy/endpoints.production.yml", "docker-compose.yml"],
)
def test_secrets_only_from_the_environment(path: str) -> None:
    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if SECRET_KEY.search(str(key)) and isinstance(value, str) and value:
                    assert re.fullmatch(r"\$\{[A-Z0-9_]+(:-?)?[^}]*\}", value), (where, key)
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{where}[{i}]")

    walk(yaml.safe_load((ROOT / path).read_text()), path)
