"""Serves the demo health-portal page and the web widget's files from the Rasa server.

Configured in ``credentials.yml`` as ``rasa_ext.channels.portal.PortalInput``; the routes are under
``/portal/`` (not ``/webhooks/widget/``), so ``make run`` shows the demo at
``http://localhost:5005/portal/`` with no second web server:

* ``/portal/`` the demo portal page, ``/portal/embed`` the full-page widget for an iframe;
* ``/portal/config.json`` the widget settings (title, subtitle, initial message, socket URL);
* ``/portal/assets/<file>`` the page's JS/CSS from ``web/`` (beside this module) and the
  ``rasa-webchat.js`` bundle of the pinned npm package ``rasa-webchat`` (``node_modules/``).

Two changes are made to the bundle when it is served (in memory; the npm package is untouched):

* its CSS imports a font from Google Fonts: that ``@import`` is removed, so the page makes no
  request off the server (every page also carries a Content-Security-Policy that allows only
  this server and its websocket, as a second guard);
* with ``websocket_only: true`` (the default) its socket.io client connects over a websocket
  straight away instead of HTTP long-polling first. rasa-webchat passes no transport option to
  socket.io, and polling breaks when a server runs several Sanic workers (``SANIC_WORKERS=2``
  in the production profile): the requests of one socket land on different processes, which
  do not share socket.io sessions. One websocket is one connection, so one process.
"""

from __future__ import annotations

import html
import logging
import mimetypes
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
WEB_DIR = Path(__file__).resolve().parent / "web"
BUNDLE = ROOT / "node_modules" / "rasa-webchat" / "lib" / "index.js"
# Placeholder in the host pages for the safety note written in bot/knowledge/safety.yml.
SAFETY_NOTE = "{{safety_note}}"
BUNDLE_NAME = "rasa-webchat.js"
# Set to 1 to serve the clinician review page at /portal/review (off by default).
REVIEW_ENV = "TWITCH_REVIEW_PAGE"
# Files of rasa_ext/channels/web/ that may be served (nothing else is reachable).
ASSETS = frozenset({"portal.css", "portal.js", "avatar.svg", "widget-a11y.js", "widget-a11y.css"})
REMOTE_IMPORT = re.compile(r"@import url\(https?://[^)]*\);?")
# engine.io-client's default transports inside the bundle (exactly one occurrence in 1.0.1).
DEFAULT_TRANSPORTS = re.compile(r'(this\.transports=\w+\.transports\|\|)\["polling","websocket"\]')

DEFAULTS: Dict[str, Any] = {
    "title": "Muscle-twitch assistant",
    "subtitle": "Health information, not a diagnosis",
    "initial_message": "/greet",
    "input_placeholder": "Type a message...",
    "socket_url": "",  # empty: the server that serves the page
    "socket_path": "/socket.io/",
    "websocket_only": True,
}

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws: wss:; "
        "frame-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def render_page(name: str) -> bytes:
    """A page of ``web/`` with its safety note filled in from the knowledge (HTML-escaped)."""
    text = (WEB_DIR / name).read_text(encoding="utf-8")
    if SAFETY_NOTE in text:
        from bot.knowledge import load_knowledge
        from bot.safety import page_note

        text = text.replace(SAFETY_NOTE, html.escape(page_note(load_knowledge())))
    return text.encode("utf-8")


@lru_cache(maxsize=4)
def load_bundle(path: Path = BUNDLE, websocket_only: bool = True) -> bytes:
    """Read the rasa-webchat bundle once, without its remote ``@import``.

    Args:
        path: the bundle (default: the installed npm package's ``lib/index.js``).
        websocket_only: make its socket.io client use only the websocket transport.

    Returns:
        The bundle's bytes.

    Raises:
        FileNotFoundError: when the npm package is not installed (run ``make widget``).
        ValueError: when ``websocket_only`` and the bundle is not the expected one.
    """
    text = REMOTE_IMPORT.sub("", path.read_text(encoding="utf-8"))
    if websocket_only:
        text, count = DEFAULT_TRANSPORTS.subn(r'\1["websocket"]', text)
        if count != 1:
            raise ValueError(f"{path}: socket.io transports not found (not rasa-webchat 1.0.1?)")
    return text.encode("utf-8")


class PortalInput(InputChannel):
    """A channel that only serves files: the messages go through socket.io."""

    @classmethod
    def name(cls) -> str:
        """Channel name."""
        return "widget"

    def url_prefix(self) -> str:
        """Mount at ``/portal`` instead of ``/webhooks/widget``."""
        return "/portal"

    @classmethod
    def from_credentials(cls, credentials: Dict[str, Any] | None) -> InputChannel:
        """Read the widget settings (see ``DEFAULTS``) from ``credentials.yml``."""
        return cls(credentials or {})

    def __init__(self, settings: Dict[str, Any] | None = None) -> None:
        """Keep the settings, filled up with the defaults."""
        given = {k: v for k, v in (settings or {}).items() if v is not None}
        unknown = set(given) - set(DEFAULTS)
        if unknown:
            raise ValueError(f"widget settings: unknown keys {sorted(unknown)}")
        self.settings = {**DEFAULTS, **given}
        if not isinstance(self.settings["websocket_only"], bool):
            raise ValueError("widget settings: websocket_only must be true or false")

    def widget_config(self) -> Dict[str, Any]:
        """The settings the page's script passes to ``WebChat.default``."""
        return {
            "title": str(self.settings["title"]),
            "subtitle": str(self.settings["subtitle"]),
            "initPayload": str(self.settings["initial_message"]),
            "inputTextFieldHint": str(self.settings["input_placeholder"]),
            "socketUrl": str(self.settings["socket_url"]),
            "socketPath": str(self.settings["socket_path"]),
        }

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Routes for the page, the iframe page, the settings and the assets."""
        portal = Blueprint("widget_portal", __name__)

        def page(name: str, framed_by_anyone: bool = False) -> HTTPResponse:
            headers = dict(SECURITY_HEADERS)
            if framed_by_anyone:  # the iframe variant is meant to be put in other sites' pages
                csp = headers["Content-Security-Policy"]
                headers["Content-Security-Policy"] = csp.replace(
                    "frame-ancestors 'self'", "frame-ancestors *"
                )
            body = render_page(name)
            return response.raw(body, content_type="text/html; charset=utf-8", headers=headers)

        @portal.route("/", methods=["GET"])
        async def index(_: Request) -> HTTPResponse:
            return page("portal.html")

        @portal.route("/embed", methods=["GET"])
        async def embed(_: Request) -> HTTPResponse:
            return page("embed.html", framed_by_anyone=True)

        @portal.route("/config.json", methods=["GET"])
        async def config(_: Request) -> HTTPResponse:
            return response.json(
                self.widget_config(), headers={**SECURITY_HEADERS, "Cache-Control": "no-cache"}
            )

        @portal.route("/assets/<name:str>", methods=["GET"])
        async def asset(_: Request, name: str) -> HTTPResponse:
            if name == BUNDLE_NAME:
                try:
                    body = load_bundle(websocket_only=self.settings["websocket_only"])
                except FileNotFoundError:
                    logger.error("%s is missing: run `make widget` (npm ci)", BUNDLE)
                    return response.text("widget bundle not installed", status=503)
                content_type = "application/javascript; charset=utf-8"
            elif name in ASSETS:
                body = (WEB_DIR / name).read_bytes()
                content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
                if content_type.startswith("text/") or content_type.endswith("javascript"):
                    content_type += "; charset=utf-8"
            else:
                return response.text("not found", status=404)
            return response.raw(body, content_type=content_type, headers=SECURITY_HEADERS)

        @portal.route("/summary/<token:str>", methods=["GET"])
        async def summary(request: Request, token: str) -> HTTPResponse:
            # The summary for the appointment (rasa_ext/channels/summary.py): 404 for
            # anything but a live token, the same answer whatever the reason.
            from rasa_ext.channels.summary import summary_page

            agent = getattr(request.app.ctx, "agent", None)
            body = await summary_page(agent.tracker_store, token) if agent else None
            private = {
                **SECURITY_HEADERS,
                "X-Robots-Tag": "noindex, nofollow",
                "Cache-Control": "no-store",
            }
            if body is None:
                return response.text("not found", status=404, headers=private)
            return response.raw(
                body.encode("utf-8"), content_type="text/html; charset=utf-8", headers=private
            )

        @portal.route("/review", methods=["GET"])
        async def review(_: Request) -> HTTPResponse:
            # The clinician review page: only where the operator turned it on.
            if os.environ.get(REVIEW_ENV, "").strip() != "1":
                return response.text("not found", status=404)
            return response.raw(
                review_page(),
                content_type="text/html; charset=utf-8",
                headers={**SECURITY_HEADERS, "X-Robots-Tag": "noindex, nofollow"},
            )

        return portal


@lru_cache(maxsize=1)
def review_page() -> bytes:
    """The clinician review page (``bot.review``), built once per process."""
    import datetime

    from bot.review import build, git_version

    page, problems = build(git_version(), datetime.date.today().isoformat())
    for problem in problems:
        logger.error("clinical review: %s", problem)
    return page.encode("utf-8")
