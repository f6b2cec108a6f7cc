"""``python -m ops.review [OUTPUT]``: build the clinician review page (``make review``).

Writes ``docs/clinical-review.html`` (by default) from the knowledge files and exits 1,
naming each problem, when a claim marked as quoted is not in the source word for word or a
claim has neither a source nor a safety-addition mark.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import List

from bot.review import ROOT, build, git_version

DEFAULT_OUTPUT = ROOT / "docs" / "clinical-review.html"


def main(argv: List[str] | None = None) -> int:
    """Build the page; 1 when the quote check finds a problem."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    page, problems = build(git_version(), datetime.date.today().isoformat())
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(page, encoding="utf-8")
    print(f"clinical review page written to {args.output}")
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
