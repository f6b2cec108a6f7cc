"""`make bench-profile`: where the time of a turn goes, with py-spy on the Rasa server.

Starts our stack on free loopback ports, warms it up, records the Rasa process with
py-spy while sequential conversations run, then prints the share of a turn's samples
spent in each part of it and writes the raw stacks into ``results/profile/``.

``--cpu`` (``make bench-cpu``) instead starts the scaled profile of ``make bench`` (two
Sanic workers, PostgreSQL, Redis), drives it with the 32-conversation steady load and
prints the CPU time each process used per turn (from ``/proc``, no profiler attached):
which process the cores go to when the machine is saturated.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Dict

from bench.bench import PG_DB, clean_stores, scaled_stack
from bench.load import OURS_SCRIPTS, run_load
from rasa_ext.patches import action_call
from tools.stack import BIN, ROOT, Stack, rest_only_credentials

# Function names (as py-spy prints them) -> the part of a turn they stand for.
PARTS: Dict[str, str] = {
    "_parse_message_with_graph": "NLU parse (whole graph)",
    "diet_classifier.py": "  DIET intent classifier",
    "spacy/language.py": "  spaCy pipeline",
    "_predict_next_with_tracker": "dialogue policies (prediction)",
    "ted_policy.py": "  TED policy",
    "rule_policy.py": "  Rule policy",
    "_run_action": "running actions (incl. waiting for the action server)",
    "guarded_run": "  action-server calls, Rasa's side (own asyncio task)",
    "tracker_store.py:save": "tracker store: save",
    "tracker_store.py:retrieve": "tracker store: retrieve",
    "dask/local.py": "graph runner (dask) overhead, incl. the components it runs",
}
TURN = "handle_message (rasa/core/processor.py"
# The action-call patch runs each action call in its own task (asyncio.wait_for): those
# stacks do not contain handle_message but are part of a turn. Found by reference, so a
# rename or move of the patch moves this with it.
ACTION_TASK = (
    f"{action_call.guarded_run.__name__} ({Path(action_call.__file__).resolve().relative_to(ROOT)}"
)


def summarise(raw: Path) -> Dict[str, float]:
    """Share of a turn's samples (inside the processor) per part; a sample counts once per part."""
    counts: Counter = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, number = line.rpartition(" ")
        frames = stack.split(";")
        if not any(TURN in frame or ACTION_TASK in frame for frame in frames):
            continue  # idle or not serving a message
        n = int(number)
        total += n
        for key, part in PARTS.items():
            if ":" in key:  # file:function
                file, func = key.split(":")
                hit = any(f"{func} (" in f and file in f for f in frames)
            else:
                hit = any(key in f for f in frames)
            if hit:
                counts[part] += n
    return {
        "turn samples": float(total),
        **{p: counts[p] / max(total, 1) for p in PARTS.values()},
    }


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (``/proc/<pid>/stat``), seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serving_processes() -> Dict[int, str]:
    """The processes a turn runs through: Rasa workers, action server, PostgreSQL, Redis."""
    found: Dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue
        if "rasa run actions" in command:
            found[int(entry.name)] = "action server"
        elif "rasa run" in command:
            found[int(entry.name)] = "Rasa (Sanic process)"
        elif command.startswith("postgres:") and f" {PG_DB} " in command:
            found[int(entry.name)] = "PostgreSQL backend"
        elif command.startswith("redis-server"):
            found[int(entry.name)] = "Redis"
    found[os.getpid()] = "load generator (this process)"
    return found


def cpu_per_turn(seconds: float) -> int:
    """CPU per turn of each process of the scaled profile under 32 conversations."""
    tmp = Path(tempfile.mkdtemp(prefix="twitch-cpu-"))
    clean_stores()
    stack = scaled_stack(tmp, rest_only_credentials(tmp))
    stack.start()
    try:
        run_load(stack.rasa_url, OURS_SCRIPTS, 4, 8, time_cap=60)  # warm-up
        processes = serving_processes()
        before = {pid: cpu_seconds(pid) for pid in processes}
        start = time.perf_counter()
        result = run_load(stack.rasa_url, OURS_SCRIPTS, 32, None, seconds)
        wall = time.perf_counter() - start
        used = {
            pid: cpu_seconds(pid) - before[pid] for pid in before if Path(f"/proc/{pid}").exists()
        }
    finally:
        stack.stop()
        clean_stores()
        shutil.rmtree(tmp, ignore_errors=True)
    figures = result.summary()
    turns = figures["turns"]
    if figures["errors"] or figures["empty"] or not turns:
        print(f"load failed: {figures}", file=sys.stderr)
        return 1
    print(f"{turns} turns in {wall:.1f} s = {turns / wall:.1f} turns/s at 32 conversations")
    for pid, secs in sorted(used.items(), key=lambda item: -item[1]):
        if secs >= 0.05:
            print(f"  {processes[pid]:<32} pid {pid:<7} {secs * 1000 / turns:6.2f} ms/turn")
    total = sum(used.values())
    print(f"  {'all of them':<44} {total * 1000 / turns:6.2f} ms/turn")
    print(f"  (cores busy: {total / wall:.2f} of {os.cpu_count()})")
    return 0


def main() -> int:
    """Profile a sequential load on our stack (or, with --cpu, CPU per process)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=40)
    parser.add_argument("--out", default=str(ROOT / "results" / "profile"))
    parser.add_argument(
        "--cpu", action="store_true", help="CPU per turn of each process, scaled profile, 32 users"
    )
    args = parser.parse_args()
    if args.cpu:
        return cpu_per_turn(float(args.seconds))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="twitch-profile-"))
    stack = Stack(tmp, credentials=rest_only_credentials(tmp))
    stack.start()
    try:
        run_load(stack.rasa_url, OURS_SCRIPTS, 2, 3)
        assert stack.rasa is not None
        spy = [str(BIN / "py-spy"), "record", "-p", str(stack.rasa.pid), "-r", "200"]
        duration = ["-d", str(args.seconds)]
        raw = out / "rasa.raw"
        spy_proc = subprocess.Popen([*spy, *duration, "-f", "raw", "-o", str(raw)])
        time.sleep(2)
        result = run_load(stack.rasa_url, OURS_SCRIPTS, 1, 1000, time_cap=max(5, args.seconds - 5))
        spy_proc.wait(timeout=args.seconds + 60)
    finally:
        stack.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    figures = result.summary()
    print(
        f"{figures['turns']} turns, p50 {figures['p50_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms"
    )
    for part, share in summarise(raw).items():
        print(
            f"  {part:<58} {share:.0f}" if part == "turn samples" else f"  {part:<58} {share:5.1%}"
        )
    print(f"raw stacks (for flamegraph.pl or speedscope): {raw}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
