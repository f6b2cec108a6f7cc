"""Action calls over kept-alive connections (installed by :func:`rasa_ext.patches.install_all`).

Rasa 3.6's ``EndpointConfig.request`` does ``async with self.session()``: a new HTTP client,
hence a new TCP connection, for every action call. :class:`PooledActionEndpoint` lends the
client that the running server opened for its event loop instead (:func:`open_clients`, at
server start; :func:`close_clients`, at server stop), so calls reuse connections; the request
itself is still Rasa's. Outside a server that opened a client (``rasa test``, scripts) it is
Rasa's own client-per-call. Measured gain: docs/benchmarks.md.
"""

from __future__ import annotations

import asyncio
import functools
import weakref
from typing import Any, Callable

import aiohttp
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.utils.endpoints import EndpointConfig
from sanic import Sanic

_MARK = "_twitch_pooled_twin"

# Idle connections to the action server are dropped after this many seconds: well under
# Sanic's keep-alive (5 s, the rasa-sdk action server's default), so a call never goes
# out on a connection the server is closing at that moment.
KEEPALIVE_S = 2.0
# event loop -> its kept-alive HTTP client (each Sanic worker has its own loop).
_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aiohttp.ClientSession] = (
    weakref.WeakKeyDictionary()
)


class _Borrowed:
    """``async with`` that lends the shared client without closing it afterwards."""

    def __init__(self, client: aiohttp.ClientSession) -> None:
        self._client = client

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._client

    async def __aexit__(self, *exc_info: Any) -> None:
        return None


class PooledActionEndpoint(EndpointConfig):
    """The action endpoint, with its connections kept alive between calls.

    Rasa's ``EndpointConfig.request`` does ``async with self.session()``: a new client,
    hence a new TCP connection, for every action call. Here ``session()`` lends the client
    the server opened for its event loop (:func:`open_clients`), so calls reuse
    connections; the request itself is still Rasa's.
    """

    @classmethod
    def of(cls, endpoint: EndpointConfig) -> PooledActionEndpoint:
        """The pooled twin of an endpoint read from the endpoints file."""
        return cls(
            url=endpoint.url,
            params=endpoint.params,
            headers=endpoint.headers,
            basic_auth=endpoint.basic_auth,
            token=endpoint.token,
            token_name=endpoint.token_name,
            cafile=endpoint.cafile,
            **endpoint.kwargs,
        )

    def session(self) -> Any:
        """The running server's shared client, lent (not closed by the caller).

        Outside a server that opened one (:func:`open_clients`: ``rasa test``, scripts), this
        is Rasa's own client-per-call, so no client outlives its event loop.
        """
        client = _clients.get(asyncio.get_running_loop())
        if client is None or client.closed or self.basic_auth:
            # Rasa sets basic auth on the client, not per request: such an endpoint keeps
            # Rasa's client-per-call. Headers and the token are sent per request by Rasa.
            return super().session()
        return _Borrowed(client)


def pooled(endpoint: EndpointConfig | None) -> EndpointConfig | None:
    """The pooled twin of ``endpoint`` (made once per endpoint object, kept on it)."""
    if endpoint is None or isinstance(endpoint, PooledActionEndpoint):
        return endpoint
    twin = getattr(endpoint, _MARK, None)
    if twin is None:
        twin = PooledActionEndpoint.of(endpoint)
        setattr(endpoint, _MARK, twin)
    return twin


async def open_clients() -> None:
    """Give the current event loop a kept-alive client (at server start; idempotent)."""
    loop = asyncio.get_running_loop()
    client = _clients.get(loop)
    if client is None or client.closed:
        _clients[loop] = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_S),
        )


async def close_clients() -> None:
    """Close the kept-alive client of the current event loop (at server stop)."""
    client = _clients.pop(asyncio.get_running_loop(), None)
    if client is not None and not client.closed:
        await client.close()


def with_client_lifecycle(configure_app: Callable[..., Sanic]) -> Callable[..., Sanic]:
    """``rasa.core.run.configure_app`` whose server opens the kept-alive client at start.

    Every Sanic worker runs the listeners in its own event loop, so each gets its own client,
    closed when that worker stops.
    """

    @functools.wraps(configure_app)
    def configure_app_with_pool(*args: Any, **kwargs: Any) -> Sanic:
        app = configure_app(*args, **kwargs)
        app.register_listener(_open_on_start, "after_server_start")
        app.register_listener(_close_on_stop, "after_server_stop")
        return app

    return configure_app_with_pool


async def _open_on_start(*_: Any) -> None:
    await open_clients()


async def _close_on_stop(*_: Any) -> None:
    await close_clients()
