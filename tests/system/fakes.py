"""A fake Web API on loopback (fake Slack, fake Telegram Bot API) that records every call."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List
from urllib.parse import parse_qs

Call = Dict[str, Any]


class FakeApi:
    """An HTTP server that answers ``{"ok": true, ...}`` to any POST and records it.

    Each recorded call has ``path``, ``method`` (the last path segment, e.g.
    ``chat.postMessage`` or ``sendMessage``), ``headers``, ``body`` (parsed JSON or form) and
    ``at`` (``time.monotonic()`` when it arrived).
    """

    def __init__(self) -> None:
        self.calls: List[Call] = []
        self._lock = threading.Lock()
        self._counter = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                kind = self.headers.get("Content-Type", "")
                if "json" in kind:
                    body: Any = json.loads(raw or "{}")
                else:
                    body = {k: v[0] for k, v in parse_qs(raw).items()}
                fake._record(self.path, dict(self.headers), body)
                with fake._lock:
                    fake._counter += 1
                    n = fake._counter
                reply = json.dumps(
                    {"ok": True, "ts": f"1700000000.{n:06d}", "result": {"message_id": n}}
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _record(self, path: str, headers: Dict[str, str], body: Any) -> None:
        with self._lock:
            self.calls.append(
                {
                    "path": path,
                    "method": path.rsplit("/", 1)[-1],
                    "headers": headers,
                    "body": body,
                    "at": time.monotonic(),
                }
            )

    def start(self) -> FakeApi:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def snapshot(self, where: Callable[[Call], bool] = lambda c: True) -> List[Call]:
        """The calls recorded so far that match ``where``."""
        with self._lock:
            return [c for c in self.calls if where(c)]

    def wait_for(
        self,
        where: Callable[[Call], bool],
        until: Callable[[List[Call]], bool],
        timeout: float = 60,
        quiet: float = 1.0,
    ) -> List[Call]:
        """Wait until the matching calls satisfy ``until`` and no new one came for ``quiet`` s.

        Returns the matching calls (also when the timeout passes, so callers assert on them).
        """
        deadline = time.monotonic() + timeout
        calls = self.snapshot(where)
        last_change = time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.1)
            now_calls = self.snapshot(where)
            if len(now_calls) != len(calls):
                calls, last_change = now_calls, time.monotonic()
            if until(calls) and time.monotonic() - last_change >= quiet:
                return calls
        return self.snapshot(where)
