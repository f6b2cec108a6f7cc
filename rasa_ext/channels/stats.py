"""The usage figures page for the operator: ``/portal/stats`` (and ``/portal/stats.json``).

Only when an admin token is configured: with ``TWITCH_ADMIN_TOKEN`` unset or empty the pages
answer 404, as if they did not exist; with it set, a request must carry
``Authorization: Bearer <token>`` (compared in constant time; 401 otherwise). The token is
never taken from the URL, where it would end up in access logs and browser history.

The figures are the counts of ``rasa_ext/stores/usage.py`` (no text, no sender ids), read from
the tracker store's database through the running agent's tracker store. Configured in
``credentials.yml`` as ``rasa_ext.channels.stats.StatsInput`` (no settings).
"""

from __future__ import annotations

import asyncio
import hmac
import html
import logging
import os
from typing import Any, Awaitable, Callable, Dict

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa_ext.stores.usage import UsageTable, metric_order

logger = logging.getLogger(__name__)

ADMIN_TOKEN_ENV = "TWITCH_ADMIN_TOKEN"
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
}


def authorised(request: Request) -> int:
    """200 when the request carries the admin token, 401 when not, 404 when none is set."""
    token = os.environ.get(ADMIN_TOKEN_ENV, "").strip()
    if not token:
        return 404
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip(), token):
        return 401
    return 200


def usage_table(app: Any) -> UsageTable | None:
    """The running agent's usage table (None when the store keeps no figures)."""
    agent = getattr(app.ctx, "agent", None)
    store = getattr(agent, "tracker_store", None)
    store = getattr(store, "_tracker_store", store)  # inside Rasa's FailSafeTrackerStore
    table = getattr(store, "usage", None)
    return table if isinstance(table, UsageTable) else None


def render(totals: Dict[str, Dict[str, int]]) -> str:
    """The figures as a small HTML page (every value escaped)."""
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Usage figures</title></head><body><h1>Usage figures</h1>",
        "<p>Counts only: no message text, no conversation ids (docs/privacy.md).</p>",
    ]
    for metric in metric_order(totals):
        parts.append(f"<h2>{html.escape(metric)}</h2><table>")
        for item, count in sorted(totals[metric].items()):
            parts.append(f"<tr><td>{html.escape(item)}</td><td>{int(count)}</td></tr>")
        parts.append("</table>")
    if not totals:
        parts.append("<p>No figures yet.</p>")
    parts.append("</body></html>")
    return "".join(parts)


class StatsInput(InputChannel):
    """A channel that only serves the usage figures (no messages come through it)."""

    @classmethod
    def name(cls) -> str:
        """Channel name."""
        return "stats"

    def url_prefix(self) -> str:
        """Mount at ``/portal`` beside the portal page."""
        return "/portal"

    @classmethod
    def from_credentials(cls, credentials: Dict[str, Any] | None) -> InputChannel:
        """No settings: the token comes from the environment."""
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Routes ``/stats`` (HTML) and ``/stats.json``."""
        stats = Blueprint("twitch_stats", __name__)

        async def totals(request: Request) -> Dict[str, Dict[str, int]] | HTTPResponse:
            status = authorised(request)
            if status == 404:
                return response.text("not found", status=404)
            if status == 401:
                return response.text(
                    "unauthorised", status=401, headers={"WWW-Authenticate": "Bearer"}
                )
            table = usage_table(request.app)
            if table is None:
                return response.text("usage figures are not kept by this tracker store", 503)
            return await asyncio.get_running_loop().run_in_executor(None, table.totals)

        @stats.route("/stats", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            result = await totals(request)
            if isinstance(result, HTTPResponse):
                return result
            return response.html(render(result), headers=HEADERS)

        @stats.route("/stats.json", methods=["GET"])
        async def as_json(request: Request) -> HTTPResponse:
            result = await totals(request)
            if isinstance(result, HTTPResponse):
                return result
            return response.json(result, headers=HEADERS)

        return stats
