"""The message reader as a Rasa NLU component: every message, every channel, every turn.

Runs ``bot.reader`` on the message text and puts the reading in the parse data under
``reader`` (the actions read it from ``tracker.latest_message``). It also decides two
intents the words make plain, whatever the classifier said:

* a warning sign (not negated) → ``report_red_flag`` (priority over everything);
* a description of one's twitching with facts for the assessment and no clear request
  ("my calf has twitched for a week, I drink a lot of coffee"), classified as an answer
  (``inform``), fallback, out of scope or a greeting → ``start_assessment``. Inside the
  questions this is harmless: the form takes ``start_assessment`` as an answer too;
* a message that names one's twitching, where it twitches, and nothing else the assessment
  asks ("eye twitch again ugh third time this month"; not "hi twitch bot"), classified as
  fallback, out of scope or a greeting → ``start_assessment``: a message that plainly
  talks about twitching never gets the fallback (an answer, ``inform``, is left alone:
  inside the questions it is one);
* the same description asking "should I be worried?" / "should I see a doctor?"
  (``ask_serious``, ``ask_see_doctor``) → ``start_assessment``: the form answers the
  question first, then asks what the message has not said.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.reader import Reader, Reading, get_reader

logger = logging.getLogger(__name__)

READER_KEY = "reader"
# Set when the assessment was started by the reader (a description, not a request): after a
# result, such a message updates the answers instead of starting again (actions/form.py).
STARTED_BY_READER = "started_by_reader"
RED_FLAG_INTENT = "report_red_flag"
START_INTENT = "start_assessment"
# Intents a description of one's twitching may be misfiled as.
DESCRIPTION_MISFILED = frozenset({"inform", "nlu_fallback", "out_of_scope", "greet"})
# Intents a message naming only one's twitching may be misfiled as.
NAMES_ONLY_MISFILED = frozenset({"nlu_fallback", "out_of_scope", "greet"})
# Questions answered before the assessment when the message also describes the twitching.
ANSWERED_FIRST = frozenset({"ask_serious", "ask_see_doctor"})


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class MessageReader(GraphComponent):
    """Reads every message with :mod:`bot.reader` (after the classifiers)."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """No options."""
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MessageReader:
        """Build the reader (spaCy + medspacy load once, here)."""
        return cls(get_reader())

    def __init__(self, reader: Reader) -> None:
        """Use ``reader``."""
        self.reader = reader

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to learn."""
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        """Read each message; set the intents its words make plain."""
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue
            reading = self.reader.read(text)
            message.set(READER_KEY, reading.to_dict(), add_to_output=True)
            intent = (message.get(INTENT) or {}).get("name")
            if reading.red_flags():
                _set_intent(message, RED_FLAG_INTENT)
            elif intent in DESCRIPTION_MISFILED and reading.describes_twitching():
                _set_intent(message, START_INTENT)
                message.set(STARTED_BY_READER, True, add_to_output=True)
            elif intent in NAMES_ONLY_MISFILED and names_own_twitch(reading):
                _set_intent(message, START_INTENT)  # "eye twitch again ugh" (no facts)
                message.set(STARTED_BY_READER, True, add_to_output=True)
            elif intent in ANSWERED_FIRST and reading.questions and reading.describes_twitching():
                # "… I drink a lot of coffee. Should I be worried?": the assessment starts
                # with what it said, after the question's answer (actions/form.py)
                _set_intent(message, START_INTENT)
                message.set(STARTED_BY_READER, True, add_to_output=True)
        return messages


def names_own_twitch(reading: Reading) -> bool:
    """A twitch word with where it twitches, asking nothing ("eye twitch again ugh"); not
    the assistant's name ("hi twitch bot")."""
    return reading.twitching and bool(reading.sites()) and not reading.asks()


def _set_intent(message: Message, name: str) -> None:
    previous = message.get(INTENT) or {}
    logger.debug("reader: intent %s -> %s", previous.get("name"), name)
    intent = {"name": name, "confidence": 1.0}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
