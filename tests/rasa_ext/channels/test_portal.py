"""Unit tests of the widget channels (no server): origins, conversation ids, markdown, assets."""

from __future__ import annotations

import html
import uuid
from pathlib import Path

import pytest

from rasa_ext.channels.portal import BUNDLE, DEFAULTS, PortalInput, load_bundle
from rasa_ext.channels.socketio import (
    WidgetSocketIOInput,
    is_uuid4,
    origin_checker,
    parse_origins,
    safe_markdown,
)


def test_origins_are_parsed_from_a_list_or_a_string() -> None:
    assert parse_origins(None) == []
    assert parse_origins([]) == []
    assert parse_origins("https://portal.example.org/, http://localhost:8080") == [
        "https://portal.example.org",
        "http://localhost:8080",
    ]
    assert parse_origins(["https://A.example.org"]) == ["https://a.example.org"]


@pytest.mark.parametrize("bad", ["*", "portal.example.org", "ftp://x.org", "https://x.org/path"])
def test_wildcards_and_non_origins_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_origins([bad])


def test_default_allows_loopback_pages_only() -> None:
    allowed = origin_checker([])
    assert allowed("http://localhost:5005")
    assert allowed("http://127.0.0.1:33877")
    assert allowed("https://localhost")
    assert allowed("http://[::1]:8000")
    assert not allowed("https://evil.example")
    assert not allowed("http://localhost.evil.example")
    assert not allowed("null")
    assert not allowed("")


def test_configured_origins_replace_the_default() -> None:
    allowed = origin_checker(["https://portal.example.org"])
    assert allowed("https://portal.example.org")
    assert allowed("https://portal.example.org/")
    assert not allowed("http://portal.example.org")
    assert not allowed("http://localhost:5005")


def test_the_environment_overrides_the_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = {"session_persistence": True, "allowed_origins": ["https://a.example.org"]}
    monkeypatch.delenv("WIDGET_ALLOWED_ORIGINS", raising=False)
    channel = WidgetSocketIOInput.from_credentials(settings)
    assert isinstance(channel, WidgetSocketIOInput)
    assert channel.allowed_origins == ["https://a.example.org"]
    assert channel.session_persistence is True
    assert channel.name() == "socketio"
    monkeypatch.setenv("WIDGET_ALLOWED_ORIGINS", "https://b.example.org,https://c.example.org")
    channel = WidgetSocketIOInput.from_credentials(settings)
    assert isinstance(channel, WidgetSocketIOInput)
    assert channel.allowed_origins == ["https://b.example.org", "https://c.example.org"]
    monkeypatch.setenv("WIDGET_ALLOWED_ORIGINS", "*")
    with pytest.raises(ValueError):
        WidgetSocketIOInput.from_credentials(settings)


def test_only_uuid4_conversation_ids_are_kept() -> None:
    assert is_uuid4(uuid.uuid4().hex)
    assert is_uuid4(str(uuid.uuid4()))
    assert not is_uuid4(uuid.uuid1().hex)
    assert not is_uuid4("1")
    assert not is_uuid4("alice@example.org")
    assert not is_uuid4("0" * 32)
    assert not is_uuid4(None)
    assert not is_uuid4(12345)
    assert not is_uuid4("{" + str(uuid.uuid4()) + "}")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[see](javascript:alert(1))", "[see](#javascript:alert(1))"),
        ("[see]( JavaScript:alert(1))", "[see]( #JavaScript:alert(1))"),
        ("[see](java&#x73;cript:alert(1))", "[see](#java&#x73;cript:alert(1))"),
        ("[see](data:text/html,x)", "[see](#data:text/html,x)"),
        ("[r]: javascript:alert(1)", "[r]: #javascript:alert(1)"),
        ("<javascript:alert(1)>", "\\<javascript:alert(1)>"),
    ],
)
def test_links_that_could_run_code_are_made_inert(text: str, expected: str) -> None:
    assert safe_markdown(text) == expected


def test_ordinary_markdown_is_kept() -> None:
    text = "**Note** see [NIH](https://ods.od.nih.gov/) or [call](tel:911), <https://x.org> (ok)"
    assert safe_markdown(text) == text


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
