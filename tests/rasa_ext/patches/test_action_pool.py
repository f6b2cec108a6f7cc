"""Calls to the action server reuse kept-alive connections, and nothing else changes.

``rasa_ext.patches`` sends Rasa's action calls through ``PooledActionEndpoint``:
in a running server (which opens one HTTP client per event loop at start) calls reuse
connections instead of a new client and TCP connection per call; elsewhere (``rasa test``)
it is Rasa's client-per-call. A small aiohttp server stands in for the action server and
records what it receives.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import aiohttp
import pytest
from aiohttp import web
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from rasa_ext.patches import action_pool
from tools.stack import free_port

pytestmark = pytest.mark.usefixtures("rasa_patches")


class FakeActionServer:
    """Answers every call with a slot event; remembers the client ports, headers, queries."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.peers: List[Any] = []
        self.headers: List[Dict[str, str]] = []
        self.queries: List[Dict[str, str]] = []
        self.runner: web.AppRunner | None = None

    async def handle(self, request: web.Request) -> web.Response:
        self.peers.append(request.transport.get_extra_info("peername")[1])
        self.headers.append(dict(request.headers))
        self.queries.append(dict(request.query))
        body = await request.json()
        return web.json_response(
            {"events": [{"event": "slot", "name": "seen", "value": body["next_action"]}]}
        )

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/webhook", self.handle)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        assert self.runner is not None
        await self.runner.cleanup()


async def call(action: RemoteAction) -> List[Any]:
    tracker = DialogueStateTracker("user-1", [])
    return await action.run(
        CollectingOutputChannel(),
        TemplatedNaturalLanguageGenerator({}),
        tracker,
        Domain.empty(),
    )


def endpoint(port: int) -> EndpointConfig:
    return EndpointConfig(
        f"http://127.0.0.1:{port}/webhook",
        headers={"X-Clinic": "north"},
        token="s3cret",
        token_name="auth",
        timeout=5,
    )


def test_calls_reuse_one_connection_and_keep_the_endpoint_settings() -> None:
    async def go() -> FakeActionServer:
        server = FakeActionServer(free_port())
        await server.start()
        await action_pool.open_clients()
        try:
            config = endpoint(server.port)
            for name in ("action_a", "action_b", "action_c"):
                events = await call(RemoteAction(name, config))
                assert events == [SlotSet("seen", name)]
        finally:
            await action_pool.close_clients()
            await server.stop()
        return server

    server = asyncio.run(go())
    assert len(server.peers) == 3
    assert len(set(server.peers)) == 1, "each call opened a new connection"
    assert all(h.get("X-Clinic") == "north" for h in server.headers)
    assert all(q.get("auth") == "s3cret" for q in server.queries)


def test_a_restarted_action_server_is_reached_on_the_next_call() -> None:
    async def go() -> FakeActionServer:
        port = free_port()
        config = endpoint(port)
        first = FakeActionServer(port)
        await first.start()
        await action_pool.open_clients()
        await call(RemoteAction("action_a", config))
        await first.stop()
        second = FakeActionServer(port)
        await second.start()
        try:
            assert await call(RemoteAction("action_b", config)) == [SlotSet("seen", "action_b")]
        finally:
            await action_pool.close_clients()
            await second.stop()
        return second

    assert len(asyncio.run(go()).peers) == 1


def test_without_a_server_client_each_call_is_rasas_own() -> None:
    """``rasa test`` and scripts: no shared client is opened, none is left behind."""

    async def go() -> FakeActionServer:
        server = FakeActionServer(free_port())
        await server.start()
        try:
            for name in ("action_a", "action_b"):
                await call(RemoteAction(name, endpoint(server.port)))
        finally:
            await server.stop()
        return server

    server = asyncio.run(go())
    assert len(set(server.peers)) == 2, "no shared client: one connection per call"
    assert not action_pool._clients


def test_one_twin_per_endpoint_and_the_client_closes() -> None:
    config = endpoint(1)
    twin = action_pool.pooled(config)
    assert isinstance(twin, action_pool.PooledActionEndpoint)
    assert action_pool.pooled(config) is twin
    assert action_pool.pooled(twin) is twin
    assert action_pool.pooled(None) is None
    assert (twin.url, twin.headers, twin.token, twin.kwargs) == (
        config.url,
        config.headers,
        config.token,
        config.kwargs,
    )
    with_auth = action_pool.pooled(
        EndpointConfig("http://127.0.0.1:1/webhook", basic_auth={"username": "u", "password": "p"})
    )
    assert with_auth is not None

    async def go() -> bool:
        await action_pool.open_clients()
        async with twin.session() as client:
            pass
        assert not client.closed, "the borrowed client must outlive one call"
        own = with_auth.session()  # basic auth is set on Rasa's client: not shared
        assert isinstance(own, aiohttp.ClientSession) and own is not client
        await own.close()
        await action_pool.close_clients()
        return bool(client.closed)

    assert asyncio.run(go())


def test_the_server_opens_and_closes_the_client_of_each_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``rasa.core.run.configure_app`` (patched) registers the pool's start/stop listeners."""
    import rasa.core.run
    from sanic import Sanic

    registered: List[Any] = []
    register = Sanic.register_listener

    def recording(app: Sanic, listener: Any, event: str) -> Any:
        registered.append((getattr(listener, "__name__", ""), event))
        return register(app, listener, event)

    monkeypatch.setattr(Sanic, "register_listener", recording)
    rasa.core.run.configure_app(input_channels=[], enable_api=False)
    assert ("_open_on_start", "after_server_start") in registered
    assert ("_close_on_stop", "after_server_stop") in registered
