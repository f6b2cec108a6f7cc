"""The default stack, started once per test session and shared by the tests.

The stack runs with every channel of the repo's ``credentials.yml`` on: Slack and Telegram
get test-only secrets (generated per session, never real) and talk to fake Slack / Telegram
APIs on loopback (``tests/channels/fakes.py``) that record the outgoing calls.

``tests/channels/conftest.py`` re-exports ``servers`` and ``channel_fakes``; pytest then holds
two fixture definitions, so the stack and the fakes are kept in module globals and started
only once per session whichever directory asks first.
"""

from __future__ import annotations

import secrets
from typing import Dict, Iterator

import pytest

from tests.channels.fakes import FakeApi
from tests.integration.stack import MODEL, Stack

# Test-only channel secrets, random per session (never real ones).
SLACK_SIGNING_SECRET = secrets.token_hex(16)
TELEGRAM_SECRET_TOKEN = secrets.token_hex(16)
SLACK_TOKEN = "xoxb-test-token"
TELEGRAM_TOKEN = "123456:test-token"

# Extra environment for the shared stack (test-only values, never real secrets).
# The fake APIs' URLs are added when they start (see ``channel_fakes``).
STACK_ENV: dict = {
    "SLACK_TOKEN": SLACK_TOKEN,
    "SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
    "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
    "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET_TOKEN,
}

_SHARED: Dict[str, object] = {}


def _fakes() -> Dict[str, FakeApi]:
    if "fakes" not in _SHARED:
        slack, telegram = FakeApi().start(), FakeApi().start()
        STACK_ENV["SLACK_API_URL"] = f"{slack.url}/api/"
        STACK_ENV["TELEGRAM_API_URL"] = telegram.url
        _SHARED["fakes"] = {"slack": slack, "telegram": telegram}
    return _SHARED["fakes"]  # type: ignore[return-value]


@pytest.fixture(scope="session")
def channel_fakes() -> Iterator[Dict[str, FakeApi]]:
    """The fake Slack Web API and Telegram Bot API (``{"slack": ..., "telegram": ...}``)."""
    fakes = _fakes()
    yield fakes
    for fake in fakes.values():
        fake.server.shutdown()


@pytest.fixture(scope="session")
def servers(
    tmp_path_factory: pytest.TempPathFactory, channel_fakes: Dict[str, FakeApi]
) -> Iterator[Stack]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does) first")
    if "stack" not in _SHARED:
        stack = Stack(tmp_path_factory.mktemp("stack"), env=STACK_ENV)
        try:
            stack.start()
        except BaseException:
            stack.stop()
            raise
        _SHARED["stack"] = stack
    shared = _SHARED["stack"]
    assert isinstance(shared, Stack)
    try:
        yield shared
    finally:
        shared.stop()
