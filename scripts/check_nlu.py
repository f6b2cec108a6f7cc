"""Checks the held-out NLU report written by `rasa test nlu`.

Prints each intent's F1 and fails (exit 1) when the macro-average intent F1 is
below MIN_MACRO_F1 or any intent is below MIN_INTENT_F1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

MIN_MACRO_F1 = 0.93
MIN_INTENT_F1 = 0.85
SUMMARY_KEYS = {"accuracy", "macro avg", "weighted avg", "micro avg"}


def main(report_path: str) -> int:
    """Print the report's F1 figures; return the exit code."""
    report = json.loads(Path(report_path).read_text())
    intents = {k: v for k, v in report.items() if k not in SUMMARY_KEYS}
    failures = []
    for name, figures in sorted(intents.items(), key=lambda kv: kv[1]["f1-score"]):
        f1 = figures["f1-score"]
        flag = "" if f1 >= MIN_INTENT_F1 else "  <-- below minimum"
        print(f"  {name:<18} F1 {f1:.3f}  (support {figures['support']}){flag}")
        if flag:
            failures.append(name)
    macro = report["macro avg"]["f1-score"]
    weighted = report["weighted avg"]["f1-score"]
    print(f"Held-out intent F1: macro {macro:.3f}, weighted {weighted:.3f}")
    if macro < MIN_MACRO_F1:
        print(f"FAIL: macro F1 {macro:.3f} < {MIN_MACRO_F1}")
        return 1
    if failures:
        print(f"FAIL: intents below {MIN_INTENT_F1}: {', '.join(failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "results/nlu/intent_report.json"))
