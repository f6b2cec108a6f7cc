"""The production profile on real PostgreSQL + Redis: two Rasa servers started by
``deploy/serve.sh`` (``PROFILE=production``; the first with ``SANIC_WORKERS=2``), one action
server, Debian's nginx in front with ``deploy/nginx.conf``.

Needs PostgreSQL (127.0.0.1:5432, trust auth, database ``test``) and Redis (127.0.0.1:6379):
without them the module fails, unless ``TWITCH_SKIP_SERVICE_TESTS=1`` (never set in CI).
"""

from __future__ import annotations

import json
import secrets
import shutil
import subprocess
import threading
import uuid
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import requests

from tests.system.helpers import (
    SERVE,
    SKIP_ENV,
    production_env,
    require_services,
    tracker,
    user_events,
)
from tools.stack import (
    MODEL,
    ROOT,
    START_TIMEOUT_S,
    Stack,
    free_port,
    rest_only_credentials,
    texts,
    wait_until_up,
)

RESULTS = ROOT / "results" / "reliability"
TOKEN = secrets.token_hex(16)  # test-only API token, random per run
STEPS = [
    ("why do my muscles twitch?", "quick safety check"),
    ("no", "vitamin D"),
    ('/inform{"answer": "often"}', "sunlight"),
    ("hardly ever", "coffee, tea or energy drinks"),
    ("six", "stressed"),
    ("very stressed lately", "medicines"),
    ("no medications", "water"),
    ("plenty of water", "any of these"),
    ("jitters", "how long has the twitching been going on"),
    ("for about three weeks", "• Excessive caffeine: you said you drink about 6 cups"),
]


class Server:
    """One Rasa server started through ``deploy/serve.sh``."""

    def __init__(self, name: str, workdir: Path, env: Dict[str, str]) -> None:
        self.name, self.workdir, self.env = name, workdir, env
        self.port = int(env["RASA_PORT"])
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> Server:
        log = self.workdir / f"{self.name}.log"
        self.proc = subprocess.Popen(
            [str(SERVE)], cwd=ROOT, env=self.env, stdout=log.open("a"), stderr=subprocess.STDOUT
        )
        wait_until_up(f"{self.url}/", self.proc, log, START_TIMEOUT_S * 2)
        return self

    def stop(self) -> None:
        Stack._stop(self.proc)

    def send(self, sender: str, message: str, **extra: Any) -> List[Dict[str, Any]]:
        response = requests.post(
            f"{self.url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message, **extra},
            timeout=120,
        )
        assert response.status_code == 200, (self.name, response.status_code, response.text)
        return list(response.json())


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dict[str, Any]]:
    require_services()
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    workdir = tmp_path_factory.mktemp("production")
    actions = Stack(workdir)
    credentials = rest_only_credentials(workdir)
    common = {
        "CREDENTIALS": str(credentials),
        "TWITCH_ACTION_URL": f"{actions.actions_url}/webhook",
        "TWITCH_ENABLE_API": "1",
        "RASA_AUTH_TOKEN": TOKEN,
    }
    a = Server(
        "rasa-a", workdir, production_env(**common, RASA_PORT=str(free_port()), SANIC_WORKERS="2")
    )
    b = Server(
        "rasa-b", workdir, production_env(**common, RASA_PORT=str(free_port()), SANIC_WORKERS="1")
    )
    servers = [a, b]
    try:
        actions.start_actions()
        a.start()
        b.start()
        yield {"a": a, "b": b, "actions": actions, "workdir": workdir}
    finally:
        for server in servers:
            server.stop()
        actions.stop_actions()


def test_unauthenticated_api_call_is_refused(cluster: Dict[str, Any]) -> None:
    a = cluster["a"]
    for path in ("/status", "/conversations/x/tracker"):
        assert requests.get(f"{a.url}{path}", timeout=10).status_code == 401
        wrong = requests.get(f"{a.url}{path}", params={"token": "wrong"}, timeout=10)
        assert wrong.status_code == 401
    assert requests.get(f"{a.url}/status", params={"token": TOKEN}, timeout=10).status_code == 200
    refused = requests.put(f"{a.url}/model", json={"model_file": "/tmp/x.tar.gz"}, timeout=10)
    assert refused.status_code == 401


def test_one_conversation_alternating_between_two_servers_stays_coherent(
    cluster: Dict[str, Any],
) -> None:
    sender = f"alt-{uuid.uuid4().hex[:12]}"
    for i, (message, expected) in enumerate(STEPS):
        server = cluster["a"] if i % 2 == 0 else cluster["b"]
        reply = texts(server.send(sender, message))
        assert expected in reply, (server.name, message, reply)
    assert "• Stress and anxiety: you said you feel very stressed" in reply
    from_a = tracker(cluster["a"].url, sender, TOKEN)
    from_b = tracker(cluster["b"].url, sender, TOKEN)
    assert len(from_a["events"]) == len(from_b["events"])
    assert [e["text"] for e in user_events(from_a)] == [m for m, _ in STEPS]


ROUNDS = 3  # bursts of 20, each on a new conversation


def _burst(cluster: Dict[str, Any]) -> int:
    """20 concurrent messages to one conversation over both servers; return user events kept."""
    sender = f"burst-{uuid.uuid4().hex[:12]}"
    cluster["a"].send(sender, "hello")
    statuses: Dict[int, Any] = {}

    def post(i: int) -> None:
        server = cluster["a"] if i % 2 == 0 else cluster["b"]
        try:
            statuses[i] = len(server.send(sender, "what does magnesium do?", metadata={"seq": i}))
        except Exception as error:  # recorded and asserted below
            statuses[i] = repr(error)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert len(statuses) == 20
    assert all(isinstance(v, int) and v > 0 for v in statuses.values()), statuses

    events = tracker(cluster["b"].url, sender, TOKEN)["events"]
    seqs = [e["metadata"].get("seq") for e in user_events({"events": events})[1:]]
    assert sorted(seqs) == list(range(20)), seqs  # every message once, none lost
    stamps = [e["timestamp"] for e in events]
    assert stamps == sorted(stamps)  # stored in order
    # Each turn ran to the end before the next began (the Redis lock serialised them):
    # after every user message, a bot reply and action_listen come before the next one.
    turns: List[List[str]] = []
    for event in events:
        if event["event"] == "user":
            turns.append([])
        elif turns:
            turns[-1].append(event["event"] + ":" + str(event.get("name") or ""))
    for turn in turns:
        assert any(t.startswith("bot:") for t in turn), turn
        assert turn[-1] == "action:action_listen", turn
    return len(seqs)


def test_twenty_concurrent_messages_to_one_conversation_lose_no_event(
    cluster: Dict[str, Any],
) -> None:
    kept = [_burst(cluster) for _ in range(ROUNDS)]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "concurrency.json").write_text(
        json.dumps({"rounds": ROUNDS, "messages": 20 * ROUNDS, "user_events": sum(kept),
                    "lost": 20 * ROUNDS - sum(kept)})
    )  # fmt: skip


def test_restart_mid_assessment_continues_where_it_was_postgres(cluster: Dict[str, Any]) -> None:
    b = cluster["b"]
    sender = f"pg-restart-{uuid.uuid4().hex[:12]}"
    for message, expected in STEPS[:3]:
        assert expected in texts(b.send(sender, message))
    b.stop()
    b.start()
    reply = texts(b.send(sender, STEPS[3][0]))
    assert STEPS[3][1] in reply, reply


def test_two_servers_behind_nginx(cluster: Dict[str, Any]) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        if __import__("os").environ.get(SKIP_ENV) == "1":
            pytest.skip(f"nginx missing; skipped because {SKIP_ENV}=1")
        pytest.fail(
            "nginx is missing: `make nginx` (CI installs it) or apt-get install nginx-light"
        )
    prefix: Path = cluster["workdir"] / "nginx"
    (prefix / "tmp").mkdir(parents=True)
    port = free_port()
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    conf = conf.replace("rasa1:5005", f"127.0.0.1:{cluster['a'].port}")
    conf = conf.replace("rasa2:5005", f"127.0.0.1:{cluster['b'].port}")
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{port};")
    (prefix / "nginx.conf").write_text(conf)
    proc = subprocess.Popen(
        [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
        stdout=(prefix / "out.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_up(f"{url}/", proc, prefix / "out.log", 30)
        sender = f"nginx-{uuid.uuid4().hex[:12]}"
        for message, expected in STEPS[:4]:
            response = requests.post(
                f"{url}/webhooks/rest/webhook",
                json={"sender": sender, "message": message},
                timeout=120,
            )
            assert response.status_code == 200 and expected in texts(response.json())
        assert requests.get(f"{url}/conversations/{sender}/tracker", timeout=10).status_code == 404
        assert len(user_events(tracker(cluster["a"].url, sender, TOKEN))) == 4
    finally:
        proc.terminate()
        proc.wait(timeout=20)
