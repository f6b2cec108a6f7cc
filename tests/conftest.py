"""Shared fixtures: the knowledge, the core services, the real domain, trackers."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.answers import Answers
from bot.assessment import Assessor
from bot.knowledge import Knowledge, load_knowledge
from bot.lexicon import Lexicon, get_lexicon

ROOT = Path(__file__).resolve().parent.parent


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
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0} if intent else {},
        "entities": entities or [],
    }
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
def tracker_factory():
    return make_tracker
