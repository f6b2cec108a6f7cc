"""The retention setting, ``TWITCH_RETENTION_DAYS`` (no Rasa import: ``ops.preflight`` reads it
before Rasa starts, the tracker store when Rasa builds it)."""

from __future__ import annotations

import math
import os
from typing import Mapping

RETENTION_ENV = "TWITCH_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 30.0
PURGE_INTERVAL_S = 24 * 3600.0


def retention_days(environ: Mapping[str, str] | None = None) -> float:
    """``TWITCH_RETENTION_DAYS`` (default 30); a value that is not a positive number fails.

    Raises:
        ValueError: zero, negative, infinite or not a number.
    """
    raw = (os.environ if environ is None else environ).get(RETENTION_ENV, "").strip()
    if not raw:
        return DEFAULT_RETENTION_DAYS
    try:
        days = float(raw)
    except ValueError:
        days = 0.0
    if not (days > 0 and math.isfinite(days)):
        raise ValueError(f"{RETENTION_ENV} must be a positive number of days, not {raw!r}")
    return days
