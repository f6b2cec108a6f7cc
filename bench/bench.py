"""`make bench`: our assistant against the `rasa init` starter bot, same machine, same run.

Steps (full run):
1. Build the baseline: `rasa init --no-prompt` in a temp folder outside the repo
   (scaffold + training, timed), and time a full `rasa train --force` of ours.
2. Start the servers on free loopback ports (cold start to ready, timed): the baseline
   (REST, no action server: the starter bot has no custom actions), ours (action server +
   Rasa), and ours scaled out (two Sanic workers and the production stores: PostgreSQL
   tracker store, Redis lock store at db index ``BENCH_REDIS_DB``) with its own action
   server.
3. Drive them from this process (aiohttp, loopback only, bounded counts and time):
   sequential turns, then 1, 8 and 32 concurrent conversations, repeated ``--reps`` times,
   alternating baseline and ours so machine noise hits both alike. Figures are medians over
   the repetitions; ratios are ours / baseline.
4. Resident memory of every process after the load; NLU 5-fold cross-validation
   (ours and the baseline's) and our held-out intent F1.
5. Write ``docs/benchmarks.md`` and ``docs/benchmarks.png`` (or ``--out`` for the smoke run).

`--smoke` (CI): only our single-process stack, a small load, no training, no baseline, no
cross-validation; checks the harness end to end and fails on any error or empty reply.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, List

import yaml

from bench.load import BASELINE_SCRIPTS, OURS_SCRIPTS, Result, run_load
from bench.report import write_report
from tools.stack import BASE_ENV, BIN, MODEL, ROOT, Stack, rest_only_credentials

RASA = str(BIN / "rasa")
CONCURRENCY = (1, 8, 32)
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "11"))
PG_DB = os.environ.get("BENCH_PG_DB", "test")


def log(msg: str) -> None:
    """Progress on stderr with a UTC time stamp."""
    print(f"[bench {datetime.now(timezone.utc):%H:%M:%S}] {msg}", file=sys.stderr, flush=True)


def timed_run(args: List[str], cwd: Path, logfile: Path, timeout: float) -> float:
    """Run a command to completion; return its wall time; raise on failure."""
    env = {**os.environ, **BASE_ENV}
    start = time.perf_counter()
    with logfile.open("w") as out:
        proc = subprocess.run(
            args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=timeout
        )
    if proc.returncode != 0:
        tail = logfile.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{tail}")
    return time.perf_counter() - start


def rss_mb(pid: int) -> float:
    """Resident set size of a process in MB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def children(pid: int) -> List[int]:
    """Direct child process ids (from /proc)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def rasa_processes(proc: subprocess.Popen | None) -> List[float]:
    """RSS (MB) of each process serving a model: the main one, or its Sanic workers."""
    if proc is None or proc.poll() is not None:
        return []
    kids = [p for p in children(proc.pid) if rss_mb(p) > 200]
    return [rss_mb(p) for p in kids] if kids else [rss_mb(proc.pid)]


def start_timed(stack: Stack, with_actions: bool) -> Dict[str, float]:
    """Start a stack; return the cold start (spawn to answering) of each server."""
    times: Dict[str, float] = {}
    if with_actions:
        start = time.perf_counter()
        stack.start_actions()
        times["actions"] = time.perf_counter() - start
    else:
        stack.actions = None
    start = time.perf_counter()
    stack.start_rasa()
    times["rasa"] = time.perf_counter() - start
    return times


def build_baseline(tmp: Path) -> Dict[str, Any]:
    """`rasa init --no-prompt` in ``tmp/baseline`` (scaffold + train); return paths and time."""
    folder = tmp / "baseline"
    folder.mkdir()
    log("baseline: rasa init --no-prompt (scaffold + training)")
    secs = timed_run(
        [RASA, "init", "--no-prompt", "--init-dir", str(folder)],
        cwd=folder,
        logfile=tmp / "baseline-init.log",
        timeout=900,
    )
    models = sorted((folder / "models").glob("*.tar.gz"))
    if not models:
        raise RuntimeError("rasa init produced no model")
    return {"dir": folder, "model": models[-1], "train_s": secs}


def train_ours(tmp: Path) -> float:
    """Time a full, forced training of our model into a temp folder."""
    log("ours: rasa train --force (full training, timed)")
    return timed_run(
        [RASA, "train", "--force", "--out", str(tmp / "ours-models"), "--quiet"],
        cwd=ROOT,
        logfile=tmp / "ours-train.log",
        timeout=1800,
    )


def cross_validate(cwd: Path, nlu: Path, config: Path, out: Path, logfile: Path) -> Dict[str, Any]:
    """5-fold NLU cross-validation; return intent macro-F1, entity F1 and the time."""
    secs = timed_run(
        [RASA, "test", "nlu", "--nlu", str(nlu), "--config", str(config),
         "--cross-validation", "--folds", "5", "--out", str(out)],
        cwd=cwd, logfile=logfile, timeout=3600,
    )  # fmt: skip
    intent = json.loads((out / "intent_report.json").read_text())
    figures: Dict[str, Any] = {"intent_macro_f1": intent["macro avg"]["f1-score"], "time_s": secs}
    entity_reports = sorted(out.glob("*Extractor_report.json")) + sorted(
        out.glob("DIETClassifier_report.json")
    )
    for report in entity_reports:
        data = json.loads(report.read_text())
        if "macro avg" in data and data["macro avg"].get("support", 0):
            figures["entity_f1"] = (
                data["micro avg"]["f1-score"]
                if "micro avg" in data
                else (data["weighted avg"]["f1-score"])
            )
            figures["entity_extractor"] = report.name.replace("_report.json", "")
            break
    return figures


def held_out(
    tmp: Path, table: str = "tests/nlu_holdout.yml", name: str = "holdout"
) -> Dict[str, Any]:
    """Our intent F1 on a table never trained on (``tests/nlu_holdout.yml``: the team's
    held-out examples; ``tests/nlu_realistic*.yml``: messages written blind, as people write)."""
    out = tmp / name
    secs = timed_run(
        [RASA, "test", "nlu", "--model", str(MODEL), "--nlu", table, "--out", str(out)],
        cwd=ROOT, logfile=tmp / f"{name}.log", timeout=900,
    )  # fmt: skip
    report = json.loads((out / "intent_report.json").read_text())
    per_intent = {
        k: v["f1-score"]
        for k, v in report.items()
        if isinstance(v, dict) and k not in {"macro avg", "weighted avg", "micro avg"}
    }
    worst = min(per_intent, key=lambda k: per_intent[k])
    return {
        "macro_f1": report["macro avg"]["f1-score"],
        "accuracy": report["accuracy"],
        "min_intent": worst,
        "min_intent_f1": per_intent[worst],
        "time_s": secs,
    }


def scaled_endpoints() -> Dict[str, Any]:
    """The production stores: PostgreSQL tracker store, Redis lock store (shared by workers)."""
    config = yaml.safe_load((ROOT / "bench" / "endpoints-scaled.yml").read_text())
    config["lock_store"]["db"] = REDIS_DB
    config["tracker_store"]["db"] = PG_DB
    return dict(config)


def scaled_stack(folder: Path, credentials: Path) -> Stack:
    """Our stack scaled out: two Sanic workers and the production stores (not started).

    One action-server worker: ~1.5 ms of CPU per call, so one serves far more than the
    load; a second only competes for the 2 cores (A/B at 32 conversations: 84.3 and 81.1
    turns/s with one, 82.3 and 79.4 with two).
    """
    return Stack(
        folder,
        credentials=credentials,
        endpoints=scaled_endpoints(),
        env={"SANIC_WORKERS": "2", "ACTION_SERVER_SANIC_WORKERS": "1"},
    )


def clean_stores() -> None:
    """Empty the bench's Redis db (only ``BENCH_REDIS_DB``) and delete its conversations.

    Only rows of ``bench-*`` senders (bench/load.py) are deleted from PostgreSQL.
    """
    import redis
    import sqlalchemy as sa

    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()
    store = scaled_endpoints()["tracker_store"]
    url = f"postgresql://{store['username']}@{store['url']}:{store['port']}/{store['db']}"
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            if sa.inspect(connection).has_table("events"):
                connection.execute(sa.text("DELETE FROM events WHERE sender_id LIKE 'bench-%'"))
    finally:
        engine.dispose()


def median_summary(results: List[Result]) -> Dict[str, float]:
    """Median of each figure over repetitions (errors and turns are summed)."""
    summaries = [r.summary() for r in results]
    merged = {k: statistics.median(s[k] for s in summaries) for k in summaries[0]}
    for key in ("errors", "empty", "turns", "conversations"):
        merged[key] = sum(s[key] for s in summaries)
    merged["reps"] = len(results)
    return merged


def reader_time(reps: int = 3) -> Dict[str, float]:
    """The message reader's own time per message, in this process (no server): every message
    of tests/reader (development and held-out tables), ``reps`` passes after one warm-up; the
    median pass gives p50/p95/max milliseconds per message."""
    import time

    import yaml

    from bot.reader import get_reader

    reader = get_reader()
    texts = [
        str(m["text"])
        for name in ("messages.yml", "messages2.yml", "heldout.yml")
        for m in yaml.safe_load((ROOT / "tests" / "reader" / name).read_text())["messages"]
    ]
    for text in texts:  # warm-up (spaCy and medspacy caches)
        reader.read(text)
    passes: List[List[float]] = []
    for _ in range(reps):
        times = []
        for text in texts:
            start = time.perf_counter()
            reader.read(text)
            times.append((time.perf_counter() - start) * 1000)
        passes.append(sorted(times))
    middle = sorted(passes, key=statistics.median)[len(passes) // 2]
    return {
        "messages": float(len(texts)),
        "p50_ms": statistics.median(middle),
        "p95_ms": middle[int(0.95 * (len(middle) - 1))],
        "max_ms": middle[-1],
    }


def run(args: argparse.Namespace) -> int:
    """The whole benchmark; returns the exit code."""
    if not MODEL.exists():
        log(f"{MODEL} is missing: run `make train` first")
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="twitch-bench-"))
    log(f"work folder {tmp}")
    data: Dict[str, Any] = {
        "smoke": args.smoke,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "load": {},
        "start": {},
        "memory": {},
    }
    stacks: Dict[str, Stack] = {}
    baseline: Dict[str, Any] = {}
    try:
        if "baseline" in args.profiles:
            baseline = build_baseline(tmp)
            data["train"] = {"baseline": baseline["train_s"], "ours": train_ours(tmp)}
            (tmp / "base-stack").mkdir()
            stacks["baseline"] = Stack(
                tmp / "base-stack",
                credentials=baseline["dir"] / "credentials.yml",
                endpoints={},
                model=baseline["model"],
                patched=False,
            )
            log("baseline: starting Rasa")
            data["start"]["baseline"] = start_timed(stacks["baseline"], with_actions=False)
        credentials = rest_only_credentials(tmp)
        if "ours" in args.profiles:
            (tmp / "ours-stack").mkdir()
            stacks["ours"] = Stack(tmp / "ours-stack", credentials=credentials)
            log("ours: starting the action server and Rasa")
            data["start"]["ours"] = start_timed(stacks["ours"], with_actions=True)
        if "scaled" in args.profiles:
            clean_stores()
            (tmp / "scaled-stack").mkdir()
            stacks["scaled"] = scaled_stack(tmp / "scaled-stack", credentials)
            log("ours scaled: action server and Rasa (2 Sanic workers, PostgreSQL, Redis lock)")
            data["start"]["scaled"] = start_timed(stacks["scaled"], with_actions=True)

        # Sequential: a fixed number of conversations (latency). Concurrent: a steady load
        # for a fixed time, every user starting a new conversation as soon as one ends,
        # so the figure is not diluted by a tail where only a few users are still talking.
        phases = [("seq", 1, args.seq_conversations)] + [
            (f"c{c}", c, None) for c in CONCURRENCY if c <= args.max_concurrency
        ]
        raw: Dict[str, Dict[str, List[Result]]] = {}
        for name in stacks:  # warm-up: first turns load lazily (knowledge, TF graphs)
            scripts = BASELINE_SCRIPTS if name == "baseline" else OURS_SCRIPTS
            run_load(stacks[name].rasa_url, scripts, 2, 3, time_cap=60)
        for rep in range(args.reps):
            for phase, conc, convs in phases:
                for name, stack in stacks.items():
                    if name == "scaled" and conc < 8:
                        continue
                    scripts = BASELINE_SCRIPTS if name == "baseline" else OURS_SCRIPTS
                    size = f"{convs} conversations" if convs else f"{args.phase_seconds:g} s"
                    log(f"rep {rep + 1}/{args.reps} {phase}: {name} ({size})")
                    cap = args.phase_seconds if convs is None else args.time_cap
                    result = run_load(stack.rasa_url, scripts, conc, convs, cap)
                    raw.setdefault(name, {}).setdefault(phase, []).append(result)
        for name, phases_ in raw.items():
            data["load"][name] = {ph: median_summary(rs) for ph, rs in phases_.items()}
        for name, stack in stacks.items():
            data["memory"][name] = {
                "rasa": rasa_processes(stack.rasa),
                "actions": rasa_processes(stack.actions) if stack.actions else [],
            }
    except BaseException:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        for stack in stacks.values():
            stack.stop()
        if "scaled" in args.profiles:
            clean_stores()

    (tmp / "load.json").write_text(json.dumps(data, indent=2, default=str))  # if NLU fails
    if "baseline" in args.profiles:
        log("NLU: held-out test of ours")
        data["holdout"] = held_out(tmp)
        log("NLU: realistic tables (written blind, as people write)")
        data["realistic"] = {
            path.name: held_out(tmp, str(path.relative_to(ROOT)), path.stem)
            for path in sorted((ROOT / "tests").glob("nlu_realistic*.yml"))
        }
        if args.cv:
            log("NLU: 5-fold cross-validation, ours (slow)")
            data["cv"] = {
                "ours": cross_validate(
                    ROOT,
                    ROOT / "data" / "nlu.yml",
                    ROOT / "config.yml",
                    tmp / "cv-ours",
                    tmp / "cv-ours.log",
                )
            }
            log("NLU: 5-fold cross-validation, baseline")
            data["cv"]["baseline"] = cross_validate(
                baseline["dir"], baseline["dir"] / "data" / "nlu.yml",
                baseline["dir"] / "config.yml", tmp / "cv-base", tmp / "cv-base.log",
            )  # fmt: skip

    log("the message reader's own time per message")
    data["reader"] = reader_time(1 if args.smoke else 3)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "benchmarks.json").write_text(json.dumps(data, indent=2, default=str))
    write_report(data, out / "benchmarks.md", out / "benchmarks.png")
    log(f"wrote {out / 'benchmarks.md'} and {out / 'benchmarks.png'}")
    problems = [
        f"{name} {phase}: {figs['errors']} errors, {figs['empty']} empty replies"
        for name, phases_ in data["load"].items()
        for phase, figs in phases_.items()
        if figs["errors"] or figs["empty"]
    ]
    for problem in problems:
        log(f"FAIL {problem}")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if problems else 0


def machine() -> Dict[str, str]:
    """The machine and versions, for the report."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    versions = {}
    for pkg in ("rasa", "rasa-sdk", "spacy", "tensorflow", "sanic"):
        try:
            from importlib.metadata import version

            versions[pkg] = version(pkg)
        except Exception:
            versions[pkg] = "?"
    load = Path("/proc/loadavg").read_text().split()[:3]
    return {
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "memory": f"{mem_kb / 1024 / 1024:.0f} GB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": ", ".join(f"{k} {v}" for k, v in versions.items()),
        "loadavg_at_start": " ".join(load),
    }


def main() -> int:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="small CI run, ours only")
    parser.add_argument("--out", default=str(ROOT / "docs"), help="folder for the report")
    parser.add_argument("--reps", type=int, default=3, help="repetitions of every phase")
    parser.add_argument("--seq-conversations", type=int, default=12)
    parser.add_argument(
        "--phase-seconds", type=float, default=10.0, help="length of each concurrent phase"
    )
    parser.add_argument("--max-concurrency", type=int, default=32)
    parser.add_argument(
        "--time-cap", type=float, default=90.0, help="cap of the sequential phase, seconds"
    )
    parser.add_argument("--no-cv", dest="cv", action="store_false", help="skip cross-validation")
    parser.add_argument(
        "--profiles",
        default="baseline,ours,scaled",
        help="comma-separated stacks to run: baseline (with training and NLU figures), "
        "ours, scaled (default: all three)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temp work folder")
    args = parser.parse_args()
    args.profiles = [p.strip() for p in args.profiles.split(",") if p.strip()]
    if args.smoke:
        args.reps, args.seq_conversations = 1, 3
        args.phase_seconds, args.max_concurrency = 3.0, 8
        args.cv, args.profiles = False, ["ours"]
    unknown = set(args.profiles) - {"baseline", "ours", "scaled"}
    if unknown or not args.profiles:
        parser.error(f"--profiles: unknown or empty {sorted(unknown) or args.profiles}")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
