"""The default stack, started once per test session and shared by the tests."""

from __future__ import annotations

from typing import Iterator

import pytest

from tests.integration.stack import MODEL, Stack

# Extra environment for the shared stack (test-only values, never real secrets).
STACK_ENV: dict = {}


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does) first")
    stack = Stack(tmp_path_factory.mktemp("stack"), env=STACK_ENV)
    try:
        yield stack.start()
    finally:
        stack.stop()
