"""Unit tests of the effective-credentials filter (``python -m ops.credentials``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from ops.credentials import effective_channels, env_refs, short_name, write_effective

ROOT = Path(__file__).resolve().parents[2]

CONFIG = """
rest:
rasa_ext.channels.slack.SlackInput:
  slack_token: ${SLACK_TOKEN}
  slack_signing_secret: ${SLACK_SIGNING_SECRET}
  use_threads: true
rasa_ext.channels.telegram.TelegramInput:
  access_token: ${TELEGRAM_TOKEN}
  secret_token: ${TELEGRAM_SECRET_TOKEN}
socketio:
  user_message_evt: user_uttered
  nested: [{"a": "${NESTED}"}]
"""


def test_env_refs_finds_nested_references() -> None:
    config = yaml.safe_load(CONFIG)
    assert env_refs(config["socketio"]) == ["NESTED"]
    assert env_refs(config["rest"]) == []


def test_channels_kept_only_with_all_vars() -> None:
    config = yaml.safe_load(CONFIG)
    env = {
        "SLACK_TOKEN": "x",
        "SLACK_SIGNING_SECRET": "",
        "TELEGRAM_TOKEN": "t",
        "TELEGRAM_SECRET_TOKEN": "s",
    }
    kept, dropped = effective_channels(config, env)
    assert list(kept) == ["rest", "rasa_ext.channels.telegram.TelegramInput"]
    assert dropped == {
        "rasa_ext.channels.slack.SlackInput": ["SLACK_SIGNING_SECRET"],
        "socketio": ["NESTED"],
    }
    assert (
        kept["rasa_ext.channels.telegram.TelegramInput"]["secret_token"]
        == "${TELEGRAM_SECRET_TOKEN}"
    )


def test_written_file_keeps_references_and_never_values(tmp_path: Path) -> None:
    source, target = tmp_path / "in.yml", tmp_path / "out" / "credentials.yml"
    source.write_text(CONFIG)
    env = {"SLACK_TOKEN": "xoxb-real-value", "SLACK_SIGNING_SECRET": "real-secret"}
    lines = write_effective(source, target, env)
    written = target.read_text()
    assert "xoxb-real-value" not in written and "real-secret" not in written
    assert "slack_token: ${SLACK_TOKEN}" in written  # unquoted: Rasa only expands plain scalars
    assert set(yaml.safe_load(written)) == {"rest", "rasa_ext.channels.slack.SlackInput"}
    assert "channel slack: on" in lines
    assert "channel telegram: off (set TELEGRAM_TOKEN, TELEGRAM_SECRET_TOKEN to enable it)" in lines
    assert not any("real" in line for line in lines)


def test_short_name() -> None:
    assert short_name("rest") == "rest"
    assert short_name("rasa_ext.channels.slack.SlackInput") == "slack"


def test_cli_on_the_repo_file_without_secrets(tmp_path: Path) -> None:
    """A new user (no Slack/Telegram vars) gets a file Rasa can load: those channels are off."""
    env = {"PATH": "/usr/bin:/bin"}
    out = tmp_path / "credentials.yml"
    result = subprocess.run(
        [sys.executable, "-m", "ops.credentials", str(ROOT / "credentials.yml"), str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "channel slack: off" in result.stdout
    assert "channel telegram: off" in result.stdout
    written = yaml.safe_load(out.read_text())
    assert not any("slack" in name or "telegram" in name for name in written)
    assert "${" not in out.read_text()  # nothing left that Rasa could fail to expand


def test_rasa_loads_the_filtered_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rasa's own reader expands the kept references (unquoted ``${VAR}``)."""
    from rasa.shared.utils.io import read_config_file  # slow import: only in this test

    monkeypatch.setenv("TWITCH_TEST_ONLY_TOKEN", "value-from-env")
    source, target = tmp_path / "in.yml", tmp_path / "out.yml"
    source.write_text("slack:\n  slack_token: ${TWITCH_TEST_ONLY_TOKEN}\n")
    write_effective(source, target, os.environ)
    assert read_config_file(str(target)) == {"slack": {"slack_token": "value-from-env"}}
