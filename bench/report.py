"""Writes the benchmark figures as a Markdown table and a PNG plot."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Dict, List

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

CONCURRENCY = (1, 8, 32)
LABELS = {
    "ours": "ours (1 process)",
    "scaled": "ours (2 workers, PostgreSQL + Redis)",
    "baseline": "baseline",
}


def _fmt(value: float | None, unit: str = "", digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:.{digits}f}{unit}"


def _ratio(ours: float | None, base: float | None) -> str:
    if ours is None or base is None or not base or math.isnan(ours) or math.isnan(base):
        return "n/a"
    return f"{ours / base:.2f}×"


def _target(ratio_text: str, limit: float, higher_is_better: bool = False) -> str:
    if ratio_text == "n/a":
        return ""
    ratio = float(ratio_text.rstrip("×"))
    ok = ratio >= limit if higher_is_better else ratio <= limit
    sign = "≥" if higher_is_better else "≤"
    return f"{'met' if ok else 'NOT met'} ({sign} {limit}×)"


def _get(data: Dict[str, Any], *keys: str) -> float | None:
    node: Any = data
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return float(node) if isinstance(node, (int, float)) else None


def plot(data: Dict[str, Any], png: Path) -> None:
    """Latency (p50, p95) and throughput against concurrency, ours and baseline."""
    fig, (ax_lat, ax_thr) = plt.subplots(1, 2, figsize=(11, 4.2))
    for name, style in (("baseline", "k--"), ("ours", "C0-"), ("scaled", "C2-")):
        phases = data["load"].get(name)
        if not phases:
            continue
        xs = [c for c in CONCURRENCY if f"c{c}" in phases]
        if not xs:
            continue
        p50 = [phases[f"c{c}"]["p50_ms"] for c in xs]
        p95 = [phases[f"c{c}"]["p95_ms"] for c in xs]
        thr = [phases[f"c{c}"]["throughput"] for c in xs]
        ax_lat.plot(xs, p50, style, marker="o", label=f"{LABELS[name]} p50")
        ax_lat.plot(xs, p95, style, marker="^", alpha=0.5, label=f"{LABELS[name]} p95")
        ax_thr.plot(xs, thr, style, marker="o", label=LABELS[name])
    for ax in (ax_lat, ax_thr):
        ax.set_xscale("log", base=2)
        ax.set_xticks(list(CONCURRENCY))
        ax.set_xticklabels([str(c) for c in CONCURRENCY])
        ax.set_xlabel("concurrent conversations")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    ax_lat.set_ylabel("turn latency (ms)")
    ax_lat.set_yscale("log")
    ax_thr.set_ylabel("throughput (turns/s)")
    ax_lat.set_title("Latency per turn")
    ax_thr.set_title("Throughput")
    fig.suptitle(f"make bench, {data['date']}", fontsize=9)
    fig.tight_layout()
    fig.savefig(png, dpi=90)
    plt.close(fig)


def write_report(data: Dict[str, Any], md: Path, png: Path) -> None:
    """Write the table (``md``) and the plot (``png``) from the figures."""
    plot(data, png)
    load = data["load"]
    rows: List[str] = []

    def row(label: str, ours: float | None, base: float | None, unit: str,
            digits: int = 0, target: str = "") -> None:  # fmt: skip
        ratio = _ratio(ours, base)
        tgt = target if not target.startswith("@") else _target(ratio, *_parse(target))
        rows.append(
            f"| {label} | {_fmt(ours, unit, digits)} | {_fmt(base, unit, digits)} "
            f"| {ratio} | {tgt} |"
        )

    def _parse(target: str) -> tuple:
        limit, _, direction = target[1:].partition(":")
        return float(limit), direction == "up"

    for q, tgt in (("p50", "@0.8"), ("p95", "@1.0"), ("p99", "")):
        row(f"sequential latency {q}", _get(load, "ours", "seq", f"{q}_ms"),
            _get(load, "baseline", "seq", f"{q}_ms"), " ms", target=tgt)  # fmt: skip
    for c in CONCURRENCY:
        key = f"c{c}"
        for name in ("ours", "scaled"):
            if _get(load, name, key, "throughput") is None:
                continue
            label = LABELS[name]
            tgt = "@2.0:up" if (c == 32 and name == "scaled") else ""
            row(f"{c} concurrent: throughput, {label}", _get(load, name, key, "throughput"),
                _get(load, "baseline", key, "throughput"), " turns/s", 1, tgt)  # fmt: skip
            for q in ("p50", "p95"):
                row(f"{c} concurrent: {q}, {label}", _get(load, name, key, f"{q}_ms"),
                    _get(load, "baseline", key, f"{q}_ms"), " ms")  # fmt: skip
    base_rss = (data["memory"].get("baseline") or {}).get("rasa") or [None]
    for name in ("ours", "scaled"):
        mem = data["memory"].get(name)
        if not mem:
            continue
        for i, rss in enumerate(mem["rasa"]):
            row(f"memory, Rasa process {i + 1}, {LABELS[name]}", rss, base_rss[0], " MB",
                target="@1.0")  # fmt: skip
        for i, rss in enumerate(mem["actions"]):
            row(f"memory, action server {i + 1}, {LABELS[name]}", rss, None, " MB")
    reader = data.get("reader") or {}
    for q in ("p50", "p95", "max"):
        if reader.get(f"{q}_ms") is not None:  # inside every turn's NLU; no baseline has one
            row(f"message reader alone, {q} per message ({reader['messages']:.0f} messages)",
                reader[f"{q}_ms"], None, " ms", 1)  # fmt: skip
    for name in ("ours", "scaled"):
        start = data["start"].get(name)
        if start:
            row(f"cold start to ready, Rasa, {LABELS[name]}", start.get("rasa"),
                _get(data, "start", "baseline", "rasa"), " s", 1)  # fmt: skip
            row(f"cold start to ready, action server, {LABELS[name]}", start.get("actions"),
                None, " s", 1)  # fmt: skip
    if "train" in data:
        row("full training (`rasa train --force`; baseline: `rasa init`)",
            _get(data, "train", "ours"), _get(data, "train", "baseline"), " s", 0)  # fmt: skip
        rows[-1] = rows[-1].rstrip("|").rstrip() + (
            " met (≤ 120 s) |" if (_get(data, "train", "ours") or 999) <= 120 else
            " NOT met (≤ 120 s) |"
        )  # fmt: skip
    if "cv" in data:
        ours_cv, base_cv = data["cv"]["ours"], data["cv"]["baseline"]
        cv_ok = "met (≥ 0.95)" if ours_cv["intent_macro_f1"] >= 0.95 else "NOT met (≥ 0.95)"
        row("NLU 5-fold CV intent macro-F1", ours_cv["intent_macro_f1"],
            base_cv["intent_macro_f1"], "", 3, cv_ok)  # fmt: skip
        row("NLU 5-fold CV entity F1 (micro)", ours_cv.get("entity_f1"),
            base_cv.get("entity_f1"), "", 3)  # fmt: skip
        row("NLU 5-fold CV wall time", ours_cv["time_s"], base_cv["time_s"], " s")
    if "holdout" in data:
        h = data["holdout"]
        ok = h["macro_f1"] >= 0.93 and h["min_intent_f1"] >= 0.85
        row("held-out intent macro-F1 (ours only)", h["macro_f1"], None, "", 3,
            ("met" if ok else "NOT met") + " (≥ 0.93, no intent < 0.85)")  # fmt: skip
        row(f"held-out lowest intent ({h['min_intent']})", h["min_intent_f1"], None, "", 3)
    for table, r in sorted(data.get("realistic", {}).items()):
        row(f"intent accuracy on `tests/{table}` (written blind; ours only)", r["accuracy"], None,
            "", 3, f"macro-F1 {r['macro_f1']:.3f}, lowest {r['min_intent']} "
            f"{r['min_intent_f1']:.3f} (reported; gate in `make test-nlu`)")  # fmt: skip

    m = data["machine"]
    lines = [
        "| figure | ours | baseline | ours / baseline | target |",
        "|---|---|---|---|---|",
        *rows,
    ]
    counts = []
    for name, phases in load.items():
        turns = sum(int(p["turns"]) for p in phases.values())
        errors = sum(int(p["errors"]) + int(p["empty"]) for p in phases.values())
        counts.append(f"{LABELS[name]}: {turns} turns, {errors} errors or empty replies")
    header = [
        f"Run: {data['date']}{' (smoke run)' if data['smoke'] else ''}; "
        f"machine: {m['cpu']}, {m['memory']}, {m['os']}, Python {m['python']}; "
        f"{m['versions']}; load average at start {m['loadavg_at_start']}.",
        "",
        f"Turns measured: {'; '.join(counts)}. Each figure is the median over the repetitions.",
        "",
        "![latency and throughput against concurrency](benchmarks.png)",
        "",
    ]
    md.write_text(_merge(md, "\n".join(header + lines) + "\n"))


BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def _merge(md: Path, generated: str) -> str:
    """Replace the generated block of an existing note, keep the hand-written text."""
    block = f"{BEGIN}\n{generated}{END}\n"
    if md.exists():
        text = md.read_text()
        if BEGIN in text and END in text:
            head, rest = text.split(BEGIN, 1)
            tail = rest.split(END, 1)[1].lstrip("\n")
            return f"{head}{block}\n{tail}"
    return f"# Benchmarks\n\n{block}"
