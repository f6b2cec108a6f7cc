"""Rasa's check of an action server's reply, compiled once (installed by ``install_all``).

Rasa 3.6's ``RemoteAction._validate_action_result`` calls ``jsonschema.validate``, which checks
Rasa's own constant schema against the JSON-Schema meta-schema and builds a new validator on
every action call. :func:`compiled_validate_action_result` does the same check with a validator
built once per schema, plus :class:`_ReplyCheck`'s fast path: same verdicts, same error and
message as Rasa's (tests compare them on ~1,400 replies). Measured gain: docs/benchmarks.md.
"""

from __future__ import annotations

from typing import Any, Dict

from jsonschema.exceptions import ValidationError, best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

# RemoteAction class -> the compiled check of its response schema.
_validators: Dict[type, _ReplyCheck] = {}


class _ReplyCheck:
    """Rasa's response schema, compiled once, with a fast path for replies it surely accepts.

    The schema checks each event against a ``oneOf`` of 23 event kinds, one per value of
    ``event``: jsonschema tries all 23 for every event and builds an error object for each
    kind that does not match (docs/benchmarks.md, item 12). An
    event whose ``event`` is the constant of exactly one kind passes the ``oneOf`` exactly
    when it passes that kind, so :meth:`surely_valid` checks it against that kind only.
    Anything the fast path cannot vouch for goes through the full validator, whose verdict
    and error message are Rasa's. If the schema does not have the shape this relies on
    (another Rasa version), there is no fast path.
    """

    def __init__(self, schema: Dict[str, Any]) -> None:
        cls = validator_for(schema)
        cls.check_schema(schema)
        self.full = cls(schema)
        self.shallow: Any = None
        self.by_event: Dict[str, Any] = {}
        events = schema.get("properties", {}).get("events")
        if not (isinstance(events, dict) and set(events) == {"type", "items"}):
            return
        if events["type"] != "array" or not isinstance(events["items"], dict):
            return
        item = events["items"]
        kinds = item.get("oneOf")
        if not isinstance(kinds, list):
            return
        by_event: Dict[str, Any] = {}
        common = {key: value for key, value in item.items() if key != "oneOf"}
        for kind in kinds:
            const = kind.get("properties", {}).get("event", {}).get("const")
            if not isinstance(const, str) or const in by_event:
                return  # a kind not told apart by its constant: no fast path
            by_event[const] = cls({**common, "allOf": [kind]})
        shallow = {**schema, "properties": {**schema["properties"], "events": {"type": "array"}}}
        self.shallow = cls(shallow)
        self.by_event = by_event

    def surely_valid(self, result: Any) -> bool:
        """True only if the full schema accepts ``result`` (False: not sure, check fully)."""
        if self.shallow is None or not self.shallow.is_valid(result):
            return False
        for event in result.get("events", ()):
            name = event.get("event") if isinstance(event, dict) else None
            kind = self.by_event.get(name) if isinstance(name, str) else None
            if kind is None or not kind.is_valid(event):
                return False
        return True

    def validate(self, result: Any) -> None:
        """Raise jsonschema's best-matching error, as ``jsonschema.validate`` does."""
        if self.surely_valid(result):
            return
        error = best_match(self.full.iter_errors(result))
        if error is not None:
            raise error


def compiled_validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """``RemoteAction._validate_action_result`` with the validator built once per schema.

    Rasa 3.6 calls ``jsonschema.validate``, which first checks Rasa's own constant schema
    against the JSON-Schema meta-schema on every call (docs/benchmarks.md, items 1 and 12).
    Same schema, same error (jsonschema's best match), same message.
    """
    check = _validators.get(type(self))
    if check is None:
        check = _validators[type(self)] = _ReplyCheck(self.action_response_format_spec())
    try:
        check.validate(result)
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your "
            "response from the Action endpoint is valid. For more information about "
            f"the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise
    return True
