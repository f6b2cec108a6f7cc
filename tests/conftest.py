"""Shared fixtures: the knowledge, the core services, the real domain, trackers, Rasa's
patches (installed and undone), and the running stack with fake Slack / Telegram APIs.

The stack runs with every channel of the repo's ``credentials.yml`` on: Slack and Telegram
get test-only secrets (generated per session, never real) and talk to fake Slack / Telegram
APIs on loopback (``tests/system/fakes.py``) that record the outgoing calls. It starts once
per test session, when a test first asks for ``servers``.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.answers import Answers
from bot.assessment import Assessor
from bot.knowledge import Knowledge, load_knowledge
from bot.lexicon import Lexicon, get_lexicon
from bot.reader import Reader
from tests.system.fakes import FakeApi
from tools.stack import MODEL, Stack

ROOT = Path(__file__).resolve().parent.parent

# Test-only channel secrets, random per session (never real ones).
SLACK_SIGNING_SECRET = secrets.token_hex(16)
TELEGRAM_SECRET_TOKEN = secrets.token_hex(16)
SLACK_TOKEN = "xoxb-test-token"
TELEGRAM_TOKEN = "123456:test-token"
# The usage figures page's admin token (rasa_ext/channels/stats.py), random per session.
ADMIN_TOKEN = secrets.token_hex(16)


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge()


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return get_lexicon()


@pytest.fixture(scope="session")
def assessor(knowledge: Knowledge, lexicon: Lexicon) -> Assessor:
    return Assessor(knowledge, lexicon)


@pytest.fixture(scope="session")
def reader() -> Reader:
    from bot.reader import get_reader  # spaCy + medspacy load here, once per session

    return get_reader()


@pytest.fixture(scope="session")
def answers(knowledge: Knowledge) -> Answers:
    return Answers(knowledge)


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text())


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(
    text: str = "",
    intent: str | None = None,
    slots: Dict[str, Any] | None = None,
    entities: List[Dict[str, Any]] | None = None,
    active_loop: str | None = None,
    events: List[Dict[str, Any]] | None = None,
) -> Tracker:
    """A tracker whose latest message is ``text`` with ``intent`` and ``entities``."""
    latest: Dict[str, Any] = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": entities or [],
    }
    if text and not text.startswith("/"):  # what the NLU's MessageReader adds
        from bot.reader import get_reader

        latest["reader"] = get_reader().read(text).to_dict()
    return Tracker(
        sender_id="test-user",
        slots=dict(slots or {}),
        latest_message=latest,
        events=list(events or []),
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


@pytest.fixture
def rasa_patches() -> Iterator[None]:
    """Rasa with the project's patches installed (``rasa_ext.patches``), undone afterwards."""
    from rasa_ext import patches

    patches.install_all()
    try:
        yield
    finally:
        patches.uninstall_all()


@pytest.fixture(scope="session")
def channel_fakes() -> Iterator[Dict[str, FakeApi]]:
    """The fake Slack Web API and Telegram Bot API (``{"slack": ..., "telegram": ...}``)."""
    fakes = {"slack": FakeApi().start(), "telegram": FakeApi().start()}
    yield fakes
    for fake in fakes.values():
        fake.server.shutdown()


@pytest.fixture(scope="session")
def servers(
    tmp_path_factory: pytest.TempPathFactory, channel_fakes: Dict[str, FakeApi]
) -> Iterator[Stack]:
    """The default stack (action server + Rasa through ``python -m rasa_ext run``)."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does) first")
    env = {
        "SLACK_TOKEN": SLACK_TOKEN,
        "SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN,
        "TELEGRAM_SECRET_TOKEN": TELEGRAM_SECRET_TOKEN,
        "SLACK_API_URL": f"{channel_fakes['slack'].url}/api/",
        "TELEGRAM_API_URL": channel_fakes["telegram"].url,
        "TWITCH_ADMIN_TOKEN": ADMIN_TOKEN,
    }
    stack = Stack(tmp_path_factory.mktemp("stack"), env=env)
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
