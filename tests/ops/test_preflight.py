"""The store preflight (``ops/preflight.py``): endpoints read, checked, refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from ops.preflight import PreflightError, check, expand_env, load_endpoints
from tools.stack import ROOT


def test_preflight_unit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    quoted = tmp_path / "endpoints.yml"
    quoted.write_text('tracker_store:\n  type: SQL\n  port: "${TWITCH_DB_PORT}"\n')
    with pytest.raises(PreflightError, match="only without quotes"):
        load_endpoints(quoted)
    assert load_endpoints(ROOT / "endpoints.yml")["tracker_store"]["dialect"] == "sqlite"
    monkeypatch.delenv("NOPE_UNSET", raising=False)
    with pytest.raises(PreflightError, match="NOPE_UNSET"):
        expand_env({"a": "${NOPE_UNSET}"})
    with pytest.raises(PreflightError, match="in memory only"):
        check({}, require_persistent=True, workers=1)
    with pytest.raises(PreflightError, match="not supported"):
        check({"tracker_store": {"type": "mongod"}}, require_persistent=True, workers=1)
    assert "in memory" in check({}, require_persistent=False, workers=1)[0]
