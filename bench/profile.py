"""`make bench-profile`: where the time of a turn goes, with py-spy on the Rasa server.

Starts our stack on free loopback ports, warms it up, records the Rasa process with
py-spy while sequential conversations run, then prints the share of a turn's samples
spent in each part of it and writes the raw stacks into ``results/profile/``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Dict

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench import rest_credentials  # noqa: E402
from bench.load import OURS_SCRIPTS, run_load  # noqa: E402
from tests.integration.stack import BIN, Stack  # noqa: E402

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
# bot/channels/action_guard.py runs each action call in its own task (asyncio.wait_for):
# those stacks do not contain handle_message but are part of a turn.
ACTION_TASK = "guarded_run (bot/channels/action_guard.py"


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


def main() -> int:
    """Profile a sequential load on our stack."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=40)
    parser.add_argument("--out", default=str(ROOT / "results" / "profile"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="twitch-profile-"))
    stack = Stack(tmp, credentials=rest_credentials(tmp))
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
