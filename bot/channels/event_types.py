"""A constant-time lookup of Rasa event classes by type name.

Every event Rasa reads back (a tracker loaded from the store, the events of an action
server's reply) goes through ``Event.resolve_by_type``, which in Rasa 3.6 walks the whole
tree of ``Event`` subclasses for each event: ~15-20 µs per event on the 2-core box, most
of the cost of deserialising one. :func:`install` (idempotent, done at channel import
with the other guards) answers from a table instead, filled from Rasa's own answers, so
the result is the same class Rasa would return.
"""

from __future__ import annotations

from typing import Any, Dict

from rasa.shared.core.events import Event

_MARK = "_twitch_event_types"
# type name -> the class Rasa's lookup returned for it.
_classes: Dict[str, Any] = {}


def install() -> None:
    """Replace ``Event.resolve_by_type`` with a cached lookup (idempotent)."""
    if getattr(Event.resolve_by_type, _MARK, False):
        return
    original = Event.resolve_by_type

    def resolve_by_type(type_name: str, default: Any = None) -> Any:
        cls = _classes.get(type_name)
        if cls is not None:
            return cls
        cls = original(type_name, default)
        # Only cache a class that really has this type name (not a default/None).
        if cls is not None and getattr(cls, "type_name", None) == type_name:
            _classes[type_name] = cls
        return cls

    setattr(resolve_by_type, _MARK, True)
    Event.resolve_by_type = staticmethod(resolve_by_type)
