"""Every change this project makes to Rasa's own code, installed by one call.

Rasa 3.6 has no hook for these; each is a measured need (docs/architecture.md, "Patches"):

* ``RemoteAction.run`` → :func:`rasa_ext.patches.action_call.guarded`: the action call bounded by
  ``action_endpoint.timeout`` and a reply when the action server is down or failing;
* ``RemoteAction._validate_action_result`` → :mod:`rasa_ext.patches.action_reply`: the reply
  check compiled once (same verdicts and messages as Rasa's);
* ``rasa.core.run.configure_app`` → the server opens and closes the kept-alive action client of
  :mod:`rasa_ext.patches.action_pool` at start and stop.

:func:`install_all` is called by the launcher (``python -m rasa_ext run|shell|test …``) before
Rasa's own command line starts, so the server, the terminal chat and the conversation tests run
the same guarded Rasa. It refuses any Rasa but 3.6.x (the patched functions are private and may
differ in another version) and installs each patch once; :func:`uninstall_all` puts Rasa's own
functions back (tests use it through a fixture).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Tuple

SUPPORTED_RASA = (3, 6)


class UnsupportedRasaError(RuntimeError):
    """The installed Rasa is not a version these patches were written and tested against."""


@dataclass(frozen=True)
class Patch:
    """One replaced attribute: ``owner.name = make(original)``."""

    owner: Any
    name: str
    make: Callable[[Any], Any]


# (owner, attribute name) -> Rasa's own attribute, for every installed patch.
_originals: Dict[Tuple[Any, str], Any] = {}


def rasa_version() -> Tuple[int, ...]:
    """The installed Rasa's version as numbers (``(3, 6, 21)``)."""
    from rasa.version import __version__

    return tuple(int(part) for part in __version__.split(".")[:3] if part.isdigit())


def check_version(version: Tuple[int, ...] | None = None) -> None:
    """Raise :class:`UnsupportedRasaError` unless ``version`` (default: installed) is 3.6.x."""
    version = rasa_version() if version is None else version
    if tuple(version[:2]) != SUPPORTED_RASA:
        found = ".".join(str(part) for part in version)
        raise UnsupportedRasaError(
            f"rasa_ext's patches are for Rasa 3.6.x, this is Rasa {found}: "
            "install the versions in requirements.lock"
        )


def patches() -> List[Patch]:
    """The patches, in the order they are installed."""
    import rasa.core.run
    from rasa.core.actions.action import RemoteAction

    from rasa_ext.patches import action_call, action_pool, action_reply

    return [
        Patch(RemoteAction, "run", action_call.guarded),
        Patch(
            RemoteAction,
            "_validate_action_result",
            lambda _original: action_reply.compiled_validate_action_result,
        ),
        Patch(rasa.core.run, "configure_app", action_pool.with_client_lifecycle),
    ]


def install_all() -> None:
    """Check the Rasa version, then install every patch not installed yet (idempotent)."""
    check_version()
    for patch in patches():
        key = (patch.owner, patch.name)
        if key in _originals:
            continue
        original = patch.owner.__dict__[patch.name]
        _originals[key] = original
        setattr(patch.owner, patch.name, patch.make(getattr(patch.owner, patch.name)))


def uninstall_all() -> None:
    """Put Rasa's own functions back (for tests)."""
    while _originals:
        (owner, name), original = _originals.popitem()
        setattr(owner, name, original)


def original(owner: Any, name: str) -> Any:
    """Rasa's own ``owner.name``, whether or not a patch replaced it."""
    return _originals.get((owner, name), owner.__dict__[name])


def installed() -> List[str]:
    """The installed patches as ``"Owner.name"`` (empty when none is)."""
    return [f"{getattr(owner, '__name__', owner)}.{name}" for owner, name in _originals]
