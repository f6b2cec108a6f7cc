"""Fixtures of the reliability tests: the shared default stack, re-exported."""

from tests.integration.conftest import channel_fakes, servers  # noqa: F401
