"""The cached event-class lookup gives the answers of Rasa's own lookup."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import Event, SlotSet, deserialise_events
from rasa.shared.utils.common import all_subclasses

from bot.channels import event_types

RASAS_OWN = Event.resolve_by_type
event_types.install()


def test_every_event_type_resolves_to_rasas_class() -> None:
    assert Event.resolve_by_type is not RASAS_OWN
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert len(names) > 15
    for name in sorted(names):
        assert Event.resolve_by_type(name) is RASAS_OWN(name)
        assert Event.resolve_by_type(name) is RASAS_OWN(name), "second (cached) answer"


def test_unknown_names_behave_as_in_rasa() -> None:
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    # A default never becomes the cached answer for that name.
    assert "no_such_event" not in event_types._classes


def test_install_is_idempotent_and_events_round_trip() -> None:
    installed = Event.resolve_by_type
    event_types.install()
    assert Event.resolve_by_type is installed
    events = [SlotSet("diet", "often")]
    assert deserialise_events([e.as_dict() for e in events]) == events
