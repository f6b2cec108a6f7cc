"""The reader's NLU component: the intents a message's words make plain, whatever the
classifier said (rasa_ext/nlu/reader.py)."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.reader import Reader
from rasa_ext.nlu.reader import STARTED_BY_READER, MessageReader


def _read(reader: Reader, text: str, intent: str) -> Message:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9}})
    MessageReader(reader).process([message])
    return message


@pytest.mark.parametrize(
    ("text", "classified", "expected"),
    [
        # a warning sign wins over everything
        ("my calf twitches and I'm struggling to swallow", "ask_info", "report_red_flag"),
        # a description with facts for the assessment starts it
        ("my calf has twitched for a week, I drink a lot of coffee", "inform", "start_assessment"),
        # naming one's twitching alone is never out of scope, a greeting or the fallback
        ("eye twitch again ugh third time this month", "out_of_scope", "start_assessment"),
        ("hi, my bicep keeps twitching since sunday", "greet", "start_assessment"),
        ("thigh twitching", "nlu_fallback", "start_assessment"),
        ("hello twitch bot", "greet", "greet"),  # the assistant's name, not a twitch
        ("hi twitch assistant", "greet", "greet"),
        # ... but an answer stays an answer, a question stays a question
        ("my eye twitches", "inform", "inform"),
        ("why do eyelids twitch?", "ask_info", "ask_info"),
        ("what's twitching, is that a joke?", "out_of_scope", "out_of_scope"),
        # nothing about twitching: the classifier's word stands
        ("what's the weather in london", "out_of_scope", "out_of_scope"),
        ("hello there", "greet", "greet"),
    ],
)
def test_the_intents_the_words_make_plain(
    reader: Reader, text: str, classified: str, expected: str
) -> None:
    message = _read(reader, text, classified)
    assert message.get("intent")["name"] == expected
    assert message.get("reader")["text"]  # the reading travels with the parse data
    started = expected == "start_assessment" and classified != expected
    assert bool(message.get(STARTED_BY_READER)) == started


def test_a_command_payload_is_not_read(reader: Reader) -> None:
    message = _read(reader, "/start_assessment", "start_assessment")
    assert message.get("reader") is None
