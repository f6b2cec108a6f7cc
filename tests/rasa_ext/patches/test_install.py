"""``install_all``: Rasa 3.6.x only, each patch once, undone by the fixture; and every entry
point to Rasa (``python -m rasa_ext run|shell|test``) installs it before Rasa starts."""

from __future__ import annotations

import subprocess
import sys
from typing import Any, Dict, List

import pytest
import rasa.__main__
import rasa.core.run
from rasa.core.actions.action import RemoteAction

from rasa_ext import patches
from rasa_ext.__main__ import main
from rasa_ext.patches import action_call, action_reply
from tools.stack import ROOT


def _rasas_own() -> Dict[str, Any]:
    return {
        "run": RemoteAction.__dict__["run"],
        "validate": RemoteAction.__dict__["_validate_action_result"],
        "configure_app": rasa.core.run.configure_app,
    }


@pytest.mark.parametrize("version", [(3, 5, 15), (3, 7, 0), (4, 0, 0), (2, 8, 1)])
def test_refuses_any_rasa_but_3_6(version: tuple) -> None:
    with pytest.raises(patches.UnsupportedRasaError, match=r"Rasa 3\.6\.x"):
        patches.check_version(version)
    patches.check_version((3, 6, 21))
    assert patches.rasa_version()[:2] == (3, 6)


def test_a_wrong_version_installs_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    before = _rasas_own()
    monkeypatch.setattr(patches, "rasa_version", lambda: (3, 7, 0))
    with pytest.raises(patches.UnsupportedRasaError):
        patches.install_all()
    assert _rasas_own() == before and patches.installed() == []


def test_installs_each_patch_once_and_uninstalls_to_rasas_own() -> None:
    before = _rasas_own()
    patches.install_all()
    try:
        first = _rasas_own()
        patches.install_all()  # a second call changes nothing (no wrapper around a wrapper)
        assert _rasas_own() == first
        assert first["validate"] is action_reply.compiled_validate_action_result
        assert first["run"].func is action_call.guarded_run
        assert first["run"].keywords["original"] is before["run"]
        assert first["configure_app"].__wrapped__ is before["configure_app"]
        assert len(patches.installed()) == 3
    finally:
        patches.uninstall_all()
    assert _rasas_own() == before and patches.installed() == []


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "--model", "models/current.tar.gz"],
        ["shell", "--model", "models/current.tar.gz"],
        ["test", "core", "--stories", "tests/test_stories.yml"],
        ["test", "nlu", "--nlu", "tests/nlu_holdout.yml"],
    ],
)
def test_every_entry_point_runs_rasa_with_the_patches(
    argv: List[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: Dict[str, Any] = {}

    def rasas_cli() -> None:
        seen["argv"] = list(sys.argv)
        seen["patched"] = RemoteAction.run is not patches.original(RemoteAction, "run")
        seen["installed"] = patches.installed()

    monkeypatch.setattr(rasa.__main__, "main", rasas_cli)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    try:
        main(argv)
    finally:
        patches.uninstall_all()
    assert seen["argv"] == ["rasa", *argv]
    assert seen["patched"] and len(seen["installed"]) == 3


def test_the_launcher_in_a_fresh_process_lists_its_patches() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rasa_ext", "--patches"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == [
        "RemoteAction.run",
        "RemoteAction._validate_action_result",
        "rasa.core.run.configure_app",
    ]


def test_every_way_to_start_rasa_goes_through_the_launcher() -> None:
    """make shell, make test-stories / test-nlu, make run (serve.sh) and the test stack."""
    makefile = (ROOT / "Makefile").read_text()
    assert "$(RASA) test" not in makefile and "$(RASA) shell" not in makefile
    # Every line that runs Rasa's tests (stories, NLU held-out and the realistic tables)
    # goes through the launcher.
    runs = [line for line in makefile.splitlines() if " test core " in line or " test nlu " in line]
    assert len(runs) >= 3
    assert all("$(PY) -m rasa_ext test" in line for line in runs), runs
    run_sh = (ROOT / "scripts" / "run.sh").read_text()
    assert '"$VENV/bin/python" -m rasa_ext shell' in run_sh
    # The terminal chat gets the filtered credentials: Rasa expands every ${VAR} of the file
    # it reads, so with Slack's secrets unset the repo's file would stop it.
    assert "--credentials var/credentials.yml" in run_sh
    serve = (ROOT / "deploy" / "serve.sh").read_text()
    assert 'exec "$VENV/bin/python" -m rasa_ext run' in serve
    assert 'bin/rasa" run ' not in serve
    stack = (ROOT / "tools" / "stack.py").read_text()
    assert '"-m", "rasa_ext"' in stack
