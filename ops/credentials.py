"""Write the effective credentials file: only the channels whose env vars are all set.

Rasa refuses to start when a ``${VAR}`` referenced in ``credentials.yml`` is unset. A new user
has no Slack or Telegram secrets, so ``scripts/run.sh`` runs::

    python -m ops.credentials credentials.yml var/credentials.yml

which copies every channel block whose ``${VAR}`` references are all set (and non-empty) and
drops the others, printing which channels are on and off (names of missing variables, never
values). The ``${VAR}`` references are kept as they are: Rasa resolves them itself.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any, Dict, List, Mapping, Tuple

import yaml

ENV_REF = re.compile(r"\$\{([^}]+)\}")


def env_refs(value: Any) -> List[str]:
    """Every ``${VAR}`` name referenced anywhere in ``value`` (dicts, lists, strings), in order."""
    if isinstance(value, str):
        return ENV_REF.findall(value)
    if isinstance(value, dict):
        return [name for item in value.values() for name in env_refs(item)]
    if isinstance(value, list):
        return [name for item in value for name in env_refs(item)]
    return []


def effective_channels(
    config: Mapping[str, Any], env: Mapping[str, str]
) -> Tuple[Dict[str, Any], Dict[str, List[str]]]:
    """Split the channel blocks into the ones that can start and the ones that cannot.

    Args:
        config: the parsed credentials file (channel name → settings).
        env: the environment.

    Returns:
        The kept blocks (unchanged, ``${VAR}`` left for Rasa) and, for each dropped
        channel, the names of its missing variables.
    """
    kept: Dict[str, Any] = {}
    dropped: Dict[str, List[str]] = {}
    for channel, settings in config.items():
        missing = [name for name in dict.fromkeys(env_refs(settings)) if not env.get(name)]
        if missing:
            dropped[channel] = missing
        else:
            kept[channel] = settings
    return kept, dropped


def short_name(channel: str) -> str:
    """``rasa_ext.channels.slack.SlackInput`` → ``slack``; built-in names stay as they are."""
    if "." not in channel:
        return channel
    module = channel.rsplit(".", 1)[0]
    return module.rsplit(".", 1)[-1]


def write_effective(source: Path, target: Path, env: Mapping[str, str]) -> List[str]:
    """Write ``target`` from ``source`` keeping the channels that can start.

    Returns:
        One line per channel saying whether it is on or off (and which variables are missing).
    """
    config = yaml.safe_load(source.read_text()) or {}
    if not isinstance(config, dict):
        raise ValueError(f"{source}: expected a mapping of channel names to settings")
    kept, dropped = effective_channels(config, env)
    target.parent.mkdir(parents=True, exist_ok=True)
    header = f"# Generated from {source.name} by ops.credentials; do not edit.\n"
    target.write_text(header + (yaml.safe_dump(kept, sort_keys=False) if kept else "{}\n"))
    lines = [f"channel {short_name(name)}: on" for name in kept]
    lines += [
        f"channel {short_name(name)}: off (set {', '.join(missing)} to enable it)"
        for name, missing in dropped.items()
    ]
    return lines


def main(argv: List[str] | None = None) -> int:
    """``python -m ops.credentials IN OUT``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m ops.credentials IN OUT", file=sys.stderr)
        return 2
    for line in write_effective(Path(args[0]), Path(args[1]), os.environ):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
