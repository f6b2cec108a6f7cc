"""Retention purge and usage figures from the command line: ``make purge``, ``make stats``.

``python -m ops.privacy purge`` deletes the conversations idle for longer than
``TWITCH_RETENTION_DAYS`` (default 30) from the tracker store of the profile's endpoints file
(``PROFILE=dev``: ``endpoints.yml``, SQLite under ``var/``; ``PROFILE=production``:
``deploy/endpoints.production.yml``, PostgreSQL, with ``deploy/serve.sh``'s defaults for
one machine), in bounded batches, and prints how many. The running server does the same at
start and daily; this is for a server that is not running, or a one-off.

``python -m ops.privacy stats [--out results/usage.png]`` prints the usage counts
(``rasa_ext/stores/usage.py``: no text, no sender ids) and writes a bar chart of them.

``ENDPOINTS=...`` overrides the endpoints file. Exit status 2 with a one-line reason when the
file or its tracker store is not an SQL store of this project.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Dict, List, MutableMapping, Tuple

from ops.preflight import PreflightError, load_endpoints

ROOT = Path(__file__).resolve().parent.parent
PROFILES = {"dev": "endpoints.yml", "production": "deploy/endpoints.production.yml"}
# deploy/serve.sh's non-secret production defaults (one machine); the endpoints file names
# the action server and Redis too, so they need a value to be read.
PRODUCTION_DEFAULTS = {
    "TWITCH_ACTION_URL": "http://127.0.0.1:5055/webhook",
    "TWITCH_REDIS_HOST": "127.0.0.1",
    "TWITCH_REDIS_PORT": "6379",
    "TWITCH_REDIS_DB": "1",
    "TWITCH_REDIS_PASSWORD": "",
    "TWITCH_DB_HOST": "127.0.0.1",
    "TWITCH_DB_PORT": "5432",
    "TWITCH_DB_NAME": "test",
    "TWITCH_DB_USER": "postgres",
    "TWITCH_DB_PASSWORD": "",
}
STORE_CLASS = "rasa_ext.stores.tracker_store.CachedSQLTrackerStore"
DEFAULT_PLOT = "results/usage.png"


def endpoints_path(environ: MutableMapping[str, str]) -> Path:
    """The endpoints file: ``ENDPOINTS``, else the ``PROFILE``'s (default dev)."""
    if environ.get("ENDPOINTS"):
        return Path(environ["ENDPOINTS"])
    profile = environ.get("PROFILE", "dev") or "dev"
    if profile not in PROFILES:
        raise PreflightError(f"PROFILE must be 'dev' or 'production', not {profile!r}")
    if profile == "production":
        for name, value in PRODUCTION_DEFAULTS.items():
            environ.setdefault(name, value)
    return ROOT / PROFILES[profile]


def store_settings(path: Path) -> Dict[str, Any]:
    """The tracker store's keys as ``CachedSQLTrackerStore`` takes them."""
    store = load_endpoints(path).get("tracker_store")
    if not isinstance(store, dict) or store.get("type") != STORE_CLASS:
        raise PreflightError(f"{path}: the tracker store is not {STORE_CLASS}")
    settings = {k: v for k, v in store.items() if k not in ("type", "url")}
    if store.get("url"):
        settings["host"] = store["url"]
    if settings.get("dialect") == "sqlite" and not os.path.isabs(str(settings.get("db", ""))):
        settings["db"] = str(ROOT / str(settings.get("db", "rasa.db")))
    return settings


def open_store(path: Path) -> Any:
    """The project's tracker store for the endpoints file (no purge loop: no event loop)."""
    from rasa_ext.stores.tracker_store import CachedSQLTrackerStore

    settings = store_settings(path)
    if settings.get("dialect") == "sqlite":
        Path(settings["db"]).parent.mkdir(parents=True, exist_ok=True)
    return CachedSQLTrackerStore(None, **settings)


def purge(path: Path) -> int:
    """Delete the idle conversations; print and return how many."""
    from rasa_ext.stores.tracker_store import RETENTION_ENV, retention_days

    days = retention_days()
    store = open_store(path)
    deleted = store.purge_idle(days, store.purge_batch)
    print(
        f"Deleted {deleted} conversations idle for more than {days:g} days "
        f"({RETENTION_ENV}; store of {path.name})."
    )
    return deleted


def stats(path: Path, out: Path) -> Dict[str, Dict[str, int]]:
    """Print the usage totals and write their bar chart to ``out``."""
    from rasa_ext.stores.usage import metric_order

    store = open_store(path)
    if store.usage is None:
        raise PreflightError("this tracker store keeps no usage figures (usage_stats: false)")
    totals: Dict[str, Dict[str, int]] = store.usage.totals()
    if not totals:
        print("No usage figures yet.")
    for metric in metric_order(totals):
        print(metric)
        for item, count in ordered(metric, totals[metric]):
            print(f"  {item:<24} {count:>8}")
    plot(totals, out)
    print(f"Plot: {out}")
    return totals


def ordered(metric: str, counts: Dict[str, int]) -> List[Tuple[str, int]]:
    """Questions in the order they are asked (a funnel: where people stop); else largest first."""
    if metric in ("question_reached", "stopped_at"):
        from bot.knowledge import load_knowledge

        order = {slot: i for i, slot in enumerate(load_knowledge().question_slots)}
        return sorted(counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def plot(totals: Dict[str, Dict[str, int]], out: Path) -> None:
    """One horizontal bar chart per metric, in one PNG (matplotlib, no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from rasa_ext.stores.usage import metric_order

    metrics = metric_order(totals) or ["sessions"]
    fig, axes = plt.subplots(len(metrics), 1, figsize=(8, 1.2 + 1.6 * len(metrics)), squeeze=False)
    for ax, metric in zip(axes[:, 0], metrics, strict=True):
        items = list(reversed(ordered(metric, totals.get(metric) or {})))  # first on top
        labels: List[str] = [item for item, _ in items]
        ax.barh(labels, [count for _, count in items], color="#0b6e6e")
        ax.set_title(metric, loc="left", fontsize=10)
        ax.tick_params(labelsize=8)
    fig.suptitle("Muscle-twitch assistant: usage counts (no text, no ids)", fontsize=11)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=100)
    plt.close(fig)


def main(argv: List[str] | None = None) -> int:
    """Run ``purge`` or ``stats``; exit status 2 with a reason on a bad setup."""
    parser = argparse.ArgumentParser(prog="python -m ops.privacy", description=__doc__)
    parser.add_argument("command", choices=["purge", "stats"])
    parser.add_argument("--out", default=DEFAULT_PLOT, help="stats: the PNG to write")
    args = parser.parse_args(argv)
    try:
        path = endpoints_path(os.environ)
        if args.command == "purge":
            purge(path)
        else:
            stats(path, Path(args.out))
    except (PreflightError, ValueError) as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
