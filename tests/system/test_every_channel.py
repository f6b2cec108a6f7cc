"""One conversation, every channel: the same scenarios over REST, socket.io, Slack, Telegram.

Each channel is driven the way its real client talks (REST POST, a python-socketio client,
signed Slack Events API / interactivity requests, Telegram updates with the secret header);
Slack and Telegram replies are read from the fake APIs' recorded calls. Button presses are real
button events where the channel has them (Slack ``block_actions``, Telegram ``callback_query``).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest

from tests.system.clients import RestDriver, SlackDriver, SocketIODriver, TelegramDriver, p95
from tests.system.fakes import FakeApi
from tests.system.scenarios import SCENARIOS
from tools.stack import ROOT, Stack


@pytest.fixture(scope="module")
def drivers(servers: Stack, channel_fakes: Dict[str, FakeApi]) -> Iterator[Dict[str, Any]]:
    socket = SocketIODriver(servers)
    yield {
        "rest": RestDriver(servers),
        "socketio": socket,
        "slack": SlackDriver(servers, channel_fakes["slack"]),
        "telegram": TelegramDriver(servers, channel_fakes["telegram"]),
    }
    socket.close()


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
@pytest.mark.parametrize("channel", ["rest", "socketio", "slack", "telegram"])
def test_scenario(drivers: Dict[str, Any], channel: str, scenario: str) -> None:
    driver = drivers[channel]
    conversation = uuid.uuid4().hex
    if channel == "slack":
        driver.latencies.clear()
        driver.reply_times.clear()
    for step in SCENARIOS[scenario]:
        reply = driver.turn(conversation, step.message, step.expect, button=step.button)
        for expected in step.expect:
            assert expected in reply, (channel, step.message, expected, reply)
        for unwanted in step.absent:
            assert unwanted not in reply, (channel, step.message, unwanted, reply)
    if channel == "slack" and scenario == "full_assessment":
        latencies = list(driver.latencies)
        assert len(latencies) == len(SCENARIOS[scenario])
        summary = {
            "requests": len(latencies),
            "p95_s": round(p95(latencies), 4),
            "max_s": round(max(latencies), 4),
            "mean_s": round(sum(latencies) / len(latencies), 4),
            # For context, not the 3 s rule: when the turn's last reply reached Slack.
            "reply_p95_s": round(p95(driver.reply_times), 3),
            "reply_max_s": round(max(driver.reply_times), 3),
        }
        out = ROOT / "results" / "channels"
        out.mkdir(parents=True, exist_ok=True)
        Path(out / "slack_webhook_latency.json").write_text(json.dumps(summary, indent=2) + "\n")
        print(f"Slack webhook response time during a full assessment: {summary}")
