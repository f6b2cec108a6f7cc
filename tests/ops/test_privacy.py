"""``make purge`` and ``make stats`` (``ops/privacy.py``) on a made-up SQLite store."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Dict

import pytest
import sqlalchemy as sa
import yaml

from ops import privacy
from ops.preflight import PreflightError
from rasa_ext.stores.tracker_store import RETENTION_ENV, CachedSQLTrackerStore
from tests.rasa_ext.stores.test_privacy import assessment_turns, old_conversation
from tests.rasa_ext.stores.test_tracker_store import DOMAIN, play

DAY = 86400.0


def endpoints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "trackers.db"
    path = tmp_path / "endpoints.yml"
    store = {"type": privacy.STORE_CLASS, "dialect": "sqlite", "db": str(db)}
    path.write_text(yaml.safe_dump({"tracker_store": store}))
    monkeypatch.setenv("ENDPOINTS", str(path))
    monkeypatch.delenv(RETENTION_ENV, raising=False)
    return db


def test_purge_deletes_idle_conversations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    db = endpoints(tmp_path, monkeypatch)
    store = CachedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(db))
    for sender, age in (("old-1", 45), ("old-2", 31), ("young", 29)):
        old_conversation(store, sender, time.time() - age * DAY)

    assert privacy.main(["purge"]) == 0

    assert "Deleted 2 conversations idle for more than 30 days" in capsys.readouterr().out
    with sa.create_engine(f"sqlite:///{db}").connect() as connection:
        left = {r[0] for r in connection.execute(sa.text("SELECT sender_id FROM events"))}
    assert left == {"young"}
    monkeypatch.setenv(RETENTION_ENV, "28")
    assert privacy.main(["purge"]) == 0
    assert "Deleted 1 conversations idle for more than 28 days" in capsys.readouterr().out


def test_stats_prints_counts_and_writes_a_png(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    db = endpoints(tmp_path, monkeypatch)
    store = CachedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(db))
    sender = f"jane-{uuid.uuid4().hex}"
    for events in assessment_turns():
        play(store, sender, events)
    out = tmp_path / "usage.png"

    assert privacy.main(["stats", "--out", str(out)]) == 0

    printed = capsys.readouterr().out
    assert "question_reached" in printed and "stopped_at" in printed
    assert sender not in printed and "PRIVATE" not in printed
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 5000


def test_bad_settings_exit_2_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    endpoints(tmp_path, monkeypatch)
    monkeypatch.setenv(RETENTION_ENV, "forever")
    assert privacy.main(["purge"]) == 2
    assert RETENTION_ENV in capsys.readouterr().err
    other = tmp_path / "other.yml"
    other.write_text(yaml.safe_dump({"tracker_store": {"type": "SQL", "dialect": "sqlite"}}))
    monkeypatch.setenv("ENDPOINTS", str(other))
    monkeypatch.delenv(RETENTION_ENV)
    assert privacy.main(["stats"]) == 2
    assert privacy.STORE_CLASS in capsys.readouterr().err


def test_the_profile_picks_the_endpoints_file() -> None:
    env: Dict[str, str] = {"PROFILE": "production"}
    assert privacy.endpoints_path(env) == privacy.ROOT / "deploy/endpoints.production.yml"
    assert env["TWITCH_DB_HOST"] == "127.0.0.1" and env["TWITCH_DB_NAME"] == "test"
    assert privacy.endpoints_path({}) == privacy.ROOT / "endpoints.yml"
    settings = privacy.store_settings(privacy.ROOT / "endpoints.yml")
    assert settings == {"dialect": "sqlite", "db": str(privacy.ROOT / "var/trackers.db")}
    with pytest.raises(PreflightError, match="PROFILE"):
        privacy.endpoints_path({"PROFILE": "staging"})


def test_the_preflight_refuses_a_bad_retention_before_rasa_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from ops import preflight

    endpoints(tmp_path, monkeypatch)
    path = tmp_path / "endpoints.yml"
    monkeypatch.setenv(RETENTION_ENV, "-1")
    assert preflight.main([str(path)]) == 2
    assert f"{RETENTION_ENV} must be a positive number" in capsys.readouterr().err
    monkeypatch.setenv(RETENTION_ENV, "90")
    assert preflight.main([str(path)]) == 0


def test_the_production_profile_reads_the_postgresql_store(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in [*privacy.PRODUCTION_DEFAULTS, "ENDPOINTS"]:
        monkeypatch.delenv(name, raising=False)  # restored (removed) after the test
    monkeypatch.setenv("PROFILE", "production")
    settings = privacy.store_settings(privacy.endpoints_path(os.environ))
    assert settings["dialect"] == "postgresql"
    assert (settings["host"], str(settings["port"]), settings["db"]) == (
        "127.0.0.1",
        "5432",
        "test",
    )
