"""``bot/`` is the pure core: no module under it imports Rasa (or the Rasa SDK)."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parents[2] / "bot"
FORBIDDEN = ("rasa", "rasa_sdk", "rasa_ext", "sanic")


def _imported_modules(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_no_module_under_bot_imports_rasa() -> None:
    modules = sorted(BOT.rglob("*.py"))
    assert len(modules) >= 8, "bot/ was not found"
    offenders = [
        f"{path.relative_to(BOT.parent)}: {name}"
        for path in modules
        for name in _imported_modules(path)
        if name.split(".")[0] in FORBIDDEN
    ]
    assert offenders == []


def test_the_check_sees_an_import_of_rasa(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom rasa.core.channels import channel\n")
    assert "rasa.core.channels" in _imported_modules(sample)
