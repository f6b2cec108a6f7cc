"""Checks an NLU report written by `rasa test nlu`.

Prints each intent's F1 and fails (exit 1) when the macro-average intent F1 is below
``--min-macro`` (default MIN_MACRO_F1), any intent is below ``--min-intent`` (default
MIN_INTENT_F1; 0 turns the per-intent check off) or the accuracy is below ``--min-accuracy``.

The held-out table (tests/nlu_holdout.yml) is gated on macro and per-intent F1; the tables
written blind as people write (tests/nlu_realistic*.yml, 9-16 messages an intent, where one
message moves an intent's F1 by ~0.07) on accuracy only, at the figure measured less 0.03.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import List

MIN_MACRO_F1 = 0.93
MIN_INTENT_F1 = 0.85
SUMMARY_KEYS = {"accuracy", "macro avg", "weighted avg", "micro avg"}


def main(argv: List[str] | None = None) -> int:
    """Print the report's F1 figures; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", default="results/nlu/intent_report.json")
    parser.add_argument("--label", default="Held-out")
    parser.add_argument("--min-macro", type=float, default=MIN_MACRO_F1)
    parser.add_argument("--min-intent", type=float, default=MIN_INTENT_F1)
    parser.add_argument("--min-accuracy", type=float, default=0.0)
    args = parser.parse_args(argv)
    report = json.loads(Path(args.report).read_text())
    intents = {k: v for k, v in report.items() if k not in SUMMARY_KEYS}
    failures = []
    for name, figures in sorted(intents.items(), key=lambda kv: kv[1]["f1-score"]):
        f1 = figures["f1-score"]
        flag = "" if f1 >= args.min_intent else "  <-- below minimum"
        print(f"  {name:<18} F1 {f1:.3f}  (support {figures['support']}){flag}")
        if flag:
            failures.append(name)
    macro = report["macro avg"]["f1-score"]
    weighted = report["weighted avg"]["f1-score"]
    accuracy = report["accuracy"]
    print(
        f"{args.label} intent F1: macro {macro:.3f}, weighted {weighted:.3f}; "
        f"accuracy {accuracy:.3f} ({sum(int(v['support']) for v in intents.values())} messages)"
    )
    if macro < args.min_macro:
        print(f"FAIL: macro F1 {macro:.3f} < {args.min_macro}")
        return 1
    if failures:
        print(f"FAIL: intents below {args.min_intent}: {', '.join(failures)}")
        return 1
    if accuracy < args.min_accuracy:
        print(f"FAIL: accuracy {accuracy:.3f} < {args.min_accuracy}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
