"""``python -m ops.telegram_webhook`` against a fake Bot API on loopback."""

from __future__ import annotations

from typing import Iterator

import pytest

from ops.telegram_webhook import main
from tests.system.fakes import FakeApi


@pytest.fixture
def fake() -> Iterator[FakeApi]:
    api = FakeApi().start()
    yield api
    api.stop()


def test_registers_webhook_with_secret(fake: FakeApi, capsys: pytest.CaptureFixture) -> None:
    env = {
        "TELEGRAM_TOKEN": "123:abc",
        "TELEGRAM_SECRET_TOKEN": "s3cret_token-1",
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/webhooks/telegram/webhook",
        "TELEGRAM_API_URL": fake.url,
    }
    assert main([], env) == 0
    (call,) = fake.snapshot()
    assert call["path"] == "/bot123:abc/setWebhook"
    assert call["body"] == {
        "url": "https://bot.example.org/webhooks/telegram/webhook",
        "secret_token": "s3cret_token-1",
        "allowed_updates": ["message", "callback_query"],
    }
    output = capsys.readouterr()
    assert "ok=True" in output.out
    assert "123:abc" not in output.out + output.err and "s3cret" not in output.out + output.err


def test_refuses_missing_settings_and_plain_http(fake: FakeApi) -> None:
    assert main([], {"TELEGRAM_TOKEN": "1:a"}) == 2
    env = {
        "TELEGRAM_TOKEN": "1:a",
        "TELEGRAM_SECRET_TOKEN": "s",
        "TELEGRAM_WEBHOOK_URL": "http://insecure.example.org/hook",
        "TELEGRAM_API_URL": fake.url,
    }
    assert main([], env) == 2
    assert fake.snapshot() == []
