"""Refuse to start Rasa when its configured stores are unreachable.

Rasa 3.6 does not fail cleanly here: an unreachable PostgreSQL makes
``SQLTrackerStore.__init__`` retry forever (``while True`` + ``sleep(5)``), an
unreachable Redis lock store is only noticed per message, and at run time
``FailSafeTrackerStore`` saves to an in-memory store when the database fails, losing
the conversation on restart. ``python -m ops.preflight ENDPOINTS`` connects to every
configured store first and exits with status 2 and a one-line reason if any is
missing or unreachable. ``deploy/serve.sh`` (used by ``make run``) runs it before Rasa.

No Rasa import: it reads the endpoints file the way Rasa does (``${VAR}`` from the
environment, an unset variable is an error).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any, Dict, List

import yaml

from rasa_ext.stores.retention import retention_days

_ENV_RE = re.compile(r"\$\{([^}^{]+)\}")
CONNECT_TIMEOUT_S = 3
# Lock stores that talk to Redis: Rasa's own and this project's atomic one.
REDIS_LOCK_CLASSES = ("rasa_ext.stores.lock_store.AtomicRedisLockStore",)
# Tracker stores that talk to an SQL database: Rasa's own and this project's cached one.
SQL_TRACKER_CLASSES = ("rasa_ext.stores.tracker_store.CachedSQLTrackerStore",)


class PreflightError(Exception):
    """A store that Rasa would silently replace or wait for forever."""


def expand_env(value: Any) -> Any:
    """Replace ``${VAR}`` in every string of ``value``; an unset variable is an error."""
    if isinstance(value, dict):
        return {k: expand_env(v) for k, v in value.items()}
    if isinstance(value, list):
        return [expand_env(v) for v in value]
    if isinstance(value, str):
        missing = [name for name in _ENV_RE.findall(value) if name not in os.environ]
        if missing:
            raise PreflightError(f"environment variable(s) not set: {', '.join(missing)}")
        return _ENV_RE.sub(lambda m: os.environ[m.group(1)], value)
    return value


def _quoted_env_refs(text: str) -> List[str]:
    """``${VAR}`` references inside quoted YAML scalars (Rasa 3.6 does not expand those)."""
    found: List[str] = []

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode):
            if node.style in ("'", '"') and _ENV_RE.search(node.value):
                found.append(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(key)
                walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is not None:
        walk(root)
    return found


def load_endpoints(path: Path) -> Dict[str, Any]:
    """The endpoints file with environment variables expanded."""
    if not path.exists():
        raise PreflightError("no such endpoints file")
    text = path.read_text(encoding="utf-8")
    quoted = _quoted_env_refs(text)
    if quoted:
        raise PreflightError(
            f"quoted {quoted[0]!r}: Rasa 3.6 expands ${{VAR}} only without quotes; remove them"
        )
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise PreflightError("not a YAML mapping")
    return dict(expand_env(data))


def _port(value: Any, default: int) -> int:
    if value in (None, ""):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise PreflightError(f"port '{value}' is not a number") from None


def check_sql(store: Dict[str, Any]) -> str:
    """Open a connection to the SQL tracker store; return a description."""
    import sqlalchemy as sa

    dialect = str(store.get("dialect") or "sqlite")
    db = str(store.get("db") or "rasa.db")
    if dialect == "sqlite":
        folder = Path(db).resolve().parent
        if not folder.is_dir():
            raise PreflightError(f"SQLite tracker store: folder {folder} does not exist")
        if not os.access(folder, os.W_OK):
            raise PreflightError(f"SQLite tracker store: folder {folder} is not writable")
        return f"sqlite:///{db}"
    url = sa.engine.URL.create(
        drivername=dialect,
        username=store.get("username") or None,
        password=store.get("password") or None,
        host=store.get("url") or None,
        port=_port(store.get("port"), 5432) if store.get("url") else None,
        database=db,
        query=store.get("query") or {},
    )
    shown = url.render_as_string(hide_password=True)
    args = {"connect_timeout": CONNECT_TIMEOUT_S} if dialect.startswith("postgres") else {}
    engine = sa.create_engine(url, connect_args=args)
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except Exception as error:  # any driver error means "not usable"
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise PreflightError(
            f"SQL tracker store {shown} unreachable: {type(error).__name__}: {first_line}"
        ) from None
    finally:
        engine.dispose()
    return shown


def check_redis(store: Dict[str, Any], what: str) -> str:
    """PING the Redis server of a store; return a description."""
    import redis

    host = str(store.get("url") or "localhost")
    port = _port(store.get("port"), 6379)
    db = _port(store.get("db"), 0)
    client = redis.Redis(
        host=host,
        port=port,
        db=db,
        password=store.get("password") or None,
        socket_connect_timeout=CONNECT_TIMEOUT_S,
        socket_timeout=CONNECT_TIMEOUT_S,
    )
    try:
        client.ping()
    except Exception as error:  # any client error means "not usable"
        raise PreflightError(
            f"Redis {what} redis://{host}:{port}/{db} unreachable: {type(error).__name__}: {error}"
        ) from None
    finally:
        client.close()
    return f"redis://{host}:{port}/{db}"


def check(endpoints: Dict[str, Any], require_persistent: bool, workers: int) -> List[str]:
    """Check the tracker and lock stores; return one line per store that is fine.

    Raises:
        PreflightError: a store is unreachable, unknown, or missing where required.
    """
    lines: List[str] = []
    tracker: Dict[str, Any] | None = endpoints.get("tracker_store")
    tracker_type = str((tracker or {}).get("type") or "")
    kind = tracker_type.lower()
    if not kind:
        if require_persistent:
            raise PreflightError(
                "no tracker_store configured: Rasa would keep conversations in memory only"
            )
        lines.append("tracker store: in memory (conversations are lost on restart)")
    elif kind == "sql" or tracker_type in SQL_TRACKER_CLASSES:
        lines.append(f"tracker store: {check_sql(tracker or {})}")
    elif kind == "redis":
        lines.append(f"tracker store: {check_redis(tracker or {}, 'tracker store')}")
    else:
        raise PreflightError(f"tracker store type '{kind}' is not supported by this project")

    lock: Dict[str, Any] | None = endpoints.get("lock_store")
    lock_kind = str((lock or {}).get("type") or "in_memory")
    if lock_kind.lower() == "redis" or lock_kind in REDIS_LOCK_CLASSES:
        lines.append(f"lock store: {check_redis(lock or {}, 'lock store')}")
    elif lock_kind.lower() == "in_memory":
        if workers > 1:
            raise PreflightError(
                f"SANIC_WORKERS={workers} needs a Redis lock store (lock_store: type: redis)"
            )
        lines.append("lock store: in memory (one server, one worker)")
    else:
        raise PreflightError(f"lock store type '{lock_kind}' is not supported by this project")
    return lines


def main(argv: List[str] | None = None) -> int:
    """Command line: ``python -m ops.preflight ENDPOINTS [--require-persistent]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("endpoints", type=Path)
    parser.add_argument(
        "--require-persistent",
        action="store_true",
        help="fail when no tracker store is configured (in-memory)",
    )
    args = parser.parse_args(argv)
    workers = _port(os.environ.get("SANIC_WORKERS"), 1)
    try:
        try:
            retention_days()  # the tracker store would refuse it while Rasa starts
        except ValueError as error:
            raise PreflightError(str(error)) from None
        lines = check(load_endpoints(args.endpoints), args.require_persistent, workers)
    except PreflightError as error:
        print(f"ERROR: {args.endpoints}: {error}", file=sys.stderr)
        print(
            "ERROR: refusing to start Rasa: it would wait forever or fall back to an "
            "in-memory store and lose conversations. Start the service or fix the settings.",
            file=sys.stderr,
        )
        return 2
    for line in lines:
        print(f"preflight: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
