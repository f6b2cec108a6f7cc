"""The one front door to Rasa: ``python -m rasa_ext <rasa command> [args]``.

Installs :func:`rasa_ext.patches.install_all`, then hands the arguments to Rasa's own command
line, so ``run`` (deploy/serve.sh), ``shell`` (make shell) and ``test`` (make test-stories) all
run the same guarded Rasa. ``python -m rasa_ext --patches`` lists what it installs.
"""

from __future__ import annotations

import sys
from typing import List


def main(argv: List[str] | None = None) -> None:
    """Install the patches and run Rasa's CLI with ``argv`` (default: the process's)."""
    from rasa_ext import patches

    args = sys.argv[1:] if argv is None else list(argv)
    patches.install_all()
    if args == ["--patches"]:
        print("\n".join(patches.installed()))
        return
    import rasa.__main__

    sys.argv = ["rasa", *args]
    rasa.__main__.main()


if __name__ == "__main__":
    main()
