"""Channel tests share the session's stack and fake APIs (see tests/integration/conftest.py)."""

from tests.integration.conftest import channel_fakes, servers

__all__ = ["channel_fakes", "servers"]
