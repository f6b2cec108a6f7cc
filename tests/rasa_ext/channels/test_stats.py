"""The usage figures page (``rasa_ext/channels/stats.py``): who may see it, what it shows.

Served by the running stack: ``tests/system/test_forget_me.py``.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from rasa_ext.channels.stats import ADMIN_TOKEN_ENV, StatsInput, authorised, render


def request(authorization: str | None = None) -> SimpleNamespace:
    headers = {} if authorization is None else {"authorization": authorization}
    return SimpleNamespace(headers=headers)


def test_no_admin_token_no_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ADMIN_TOKEN_ENV, raising=False)
    assert authorised(request("Bearer anything")) == 404  # type: ignore[arg-type]
    monkeypatch.setenv(ADMIN_TOKEN_ENV, "  ")
    assert authorised(request("Bearer ")) == 404  # type: ignore[arg-type]


def test_the_admin_token_is_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ADMIN_TOKEN_ENV, "s3cret-token")
    assert authorised(request()) == 401  # type: ignore[arg-type]
    assert authorised(request("Bearer wrong")) == 401  # type: ignore[arg-type]
    assert authorised(request("Basic s3cret-token")) == 401  # type: ignore[arg-type]
    assert authorised(request("Bearer s3cret-token")) == 200  # type: ignore[arg-type]
    assert authorised(request("bearer s3cret-token")) == 200  # type: ignore[arg-type]


def test_the_page_escapes_and_orders_the_figures() -> None:
    page = render({"cause_shown": {"<b>": 2}, "sessions": {"-": 5}})
    assert "&lt;b&gt;" in page and "<b>" not in page
    assert page.index("sessions") < page.index("cause_shown")
    assert "No figures yet" in render({})
    assert StatsInput().url_prefix() == "/portal"
