"""The portal page and the widget's files (``rasa_ext/channels/portal.py``): settings, the bundle,
the safety note, as unit tests; and served by the running stack.
"""

from __future__ import annotations

import asyncio
import html
from pathlib import Path

import pytest
import requests

from rasa_ext.channels.portal import BUNDLE, DEFAULTS, PortalInput, load_bundle
from tools.stack import Stack


def test_widget_settings_have_defaults_and_refuse_unknown_keys() -> None:
    channel = PortalInput.from_credentials({"title": "Ask us"})
    assert isinstance(channel, PortalInput)
    config = channel.widget_config()
    assert config["title"] == "Ask us"
    assert config["initPayload"] == DEFAULTS["initial_message"]
    assert config["socketPath"] == "/socket.io/"
    assert channel.url_prefix() == "/portal"
    with pytest.raises(ValueError, match="titel"):
        PortalInput({"titel": "typo"})


def test_the_bundle_is_served_without_its_remote_font_import(tmp_path: Path) -> None:
    bundle = tmp_path / "index.js"
    bundle.write_text(
        'x.push([e.i,"@import url(https://fonts.googleapis.com/css?family=Inter:400);",""])'
    )
    assert load_bundle(bundle, websocket_only=False) == b'x.push([e.i,"",""])'


def test_the_bundle_connects_over_websockets_only(tmp_path: Path) -> None:
    bundle = tmp_path / "index.js"
    bundle.write_text('this.transports=t.transports||["polling","websocket"],x')
    assert load_bundle(bundle) == b'this.transports=t.transports||["websocket"],x'
    assert load_bundle(bundle, websocket_only=False) == bundle.read_bytes()
    other = tmp_path / "other.js"
    other.write_text("no socket.io here")
    with pytest.raises(ValueError, match="transports"):
        load_bundle(other)
    with pytest.raises(ValueError, match="websocket_only"):
        PortalInput({"websocket_only": "yes"})


def test_the_installed_bundle_has_no_remote_import() -> None:
    if not BUNDLE.exists():
        pytest.fail(f"{BUNDLE} is missing: run `make widget`")
    served = load_bundle()
    assert b"fonts.googleapis.com" not in served
    assert b'transports||["websocket"]' in served
    assert b"@import url(http" not in served
    assert b"WebChat" in served[:2000]


def test_the_portal_safety_note_comes_from_the_knowledge(monkeypatch: pytest.MonkeyPatch) -> None:
    """The host page's note is safety.yml's, naming every red flag, escaped as HTML."""
    from bot.knowledge import EMERGENCY_NUMBER_ENV, load_knowledge
    from rasa_ext.channels.portal import SAFETY_NOTE, WEB_DIR, render_page

    monkeypatch.setenv(EMERGENCY_NUMBER_ENV, "<112>")
    assert SAFETY_NOTE in (WEB_DIR / "portal.html").read_text()
    page = render_page("portal.html").decode()
    assert SAFETY_NOTE not in page and "{" not in page.split("<body")[1].split("<script")[0]
    for flag in load_knowledge().red_flags.red_flags:
        assert html.escape(flag.name) in page
    assert "&lt;112&gt;" in page and "<112>" not in page
    assert render_page("embed.html") == (WEB_DIR / "embed.html").read_bytes()


def test_the_portal_page_is_served_with_a_strict_policy(servers: Stack) -> None:
    page = requests.get(f"{servers.rasa_url}/portal/", timeout=10)
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "default-src 'self'" in csp
    assert "frame-ancestors 'self'" in csp
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert 'src="assets/rasa-webchat.js"' in page.text
    assert "http://" not in page.text and "https://" not in page.text
    embed = requests.get(f"{servers.rasa_url}/portal/embed", timeout=10)
    assert embed.status_code == 200
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]


def test_the_widget_settings_come_from_the_credentials(servers: Stack) -> None:
    config = requests.get(f"{servers.rasa_url}/portal/config.json", timeout=10).json()
    assert config["title"] == "Muscle-twitch assistant"
    assert config["initPayload"] == "/greet"
    assert config["socketPath"] == "/socket.io/"


def test_only_the_known_assets_are_served(servers: Stack) -> None:
    base = f"{servers.rasa_url}/portal/assets"
    bundle = requests.get(f"{base}/rasa-webchat.js", timeout=30)
    assert bundle.status_code == 200
    assert bundle.headers["Content-Type"].startswith("application/javascript")
    assert b"fonts.googleapis.com" not in bundle.content
    for name in ("portal.js", "portal.css", "avatar.svg", "widget-a11y.js", "widget-a11y.css"):
        assert requests.get(f"{base}/{name}", timeout=10).status_code == 200
    for name in ("portal.html", "..%2F..%2Fcredentials.yml", "%2e%2e%2fwidget.py", "x.js"):
        assert requests.get(f"{base}/{name}", timeout=10).status_code == 404


def _review_handler():
    from rasa_ext.channels.portal import PortalInput

    blueprint = PortalInput().blueprint(lambda _: None)  # type: ignore[arg-type]
    route = next(r for r in blueprint._future_routes if r.uri == "/review")
    return route.handler


def test_the_review_route_is_off_unless_the_operator_turns_it_on(monkeypatch) -> None:
    handler = _review_handler()
    monkeypatch.delenv("TWITCH_REVIEW_PAGE", raising=False)
    assert asyncio.run(handler(None)).status == 404
    monkeypatch.setenv("TWITCH_REVIEW_PAGE", "1")
    served = asyncio.run(handler(None))
    assert served.status == 200 and b"Clinical review" in served.body
    assert served.headers["X-Robots-Tag"] == "noindex, nofollow"


def test_the_running_server_does_not_serve_the_review_page_by_default(servers: Stack) -> None:
    assert requests.get(f"{servers.rasa_url}/portal/review", timeout=30).status_code == 404
