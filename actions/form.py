"""Validation of the twitch assessment form; it also asks the form's questions.

The domain has no ``action_ask_<slot>``, so Rasa's form asks nothing itself (it logs
"There was no action found to ask for slot" at debug level, by design). Rasa calls this
validator on every run of the form (activation, each reply, resuming after a side
question), so asking here saves one action-server round trip per turn. At activation it
also forgets the previous assessment's answers and introduces the new one.

Every message is read whole (``bot.reader``, run by the NLU): a warning sign anywhere
ends the questions with its tier's message; answers volunteered to other questions are
noted once and those questions skipped; the safety check itself is never skipped.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.assessment import reset_events
from actions.core import (
    Core,
    answers_complete,
    core,
    entity_values,
    latest_intent,
    latest_text,
    reading,
    water_follow_up_answer,
)
from bot.assessment import UNSURE, Parsed
from bot.reader import PAST, Reading, slot_updates, states_water_amount
from bot.safety import UNSURE_ASKS, answer_before_questions, screen_again, unsure_screen

FORM = "twitch_assessment_form"

# Intents that answer the current question. Any other intent (a side
# question, "why do you ask?", a correction, stop ...) makes the form reject,
# so a rule handles it and the form then resumes — unless the message plainly
# answers the question (see ``_answers_anyway``).
ANSWER_INTENTS = frozenset(
    {"inform", "affirm", "deny", "skip", "nlu_fallback", "start_assessment", "report_red_flag"}
)
# Delete my data (actions/privacy.py): never an answer to a question.
PRIVACY_INTENTS = ("forget_me",)
# Intents whose rule must run even when the words could also be an answer.
NEVER_AN_ANSWER = frozenset({"ask_why", "correct", "stop", "restart", "goodbye", *PRIVACY_INTENTS})


class ValidateTwitchAssessmentForm(FormValidationAction):
    """Turns each reply into slot values with ``bot.assessment`` and ``bot.reader``."""

    def name(self) -> str:
        """Action name."""
        return f"validate_{FORM}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Read the message, take its answers, then ask the next question."""
        c = core()
        slot = tracker.get_slot("requested_slot")
        intent = latest_intent(tracker)
        text = latest_text(tracker)
        read = reading(tracker)
        run_kind = form_run_kind(tracker)
        start: List[EventType] = []
        flags = read.red_flags()
        if run_kind == "activation" and not flags and _news_after_result(tracker):
            # "also my eye twitches now, and I'm always thirsty" after a result: the answers
            # are updated (each change said) and the result comes again; nothing is forgotten
            taken = take_volunteered(dispatcher, tracker, c, read, None)
            taken += add_to_answered(dispatcher, tracker, c, read, "")
            return [*taken, *ask_next(dispatcher, tracker, c)]
        if run_kind == "activation":  # a new assessment
            if not flags and intent != "report_red_flag":  # a warning sign comes first
                for question in read.questions:  # "… Should I be worried?": answered first
                    dispatcher.utter_message(text=answer_before_questions(c.knowledge, question))
            dispatcher.utter_message(response="utter_start_assessment")
            start = reset_events()
            tracker.slots.update({e["name"]: None for e in start})
            slot = None
        if run_kind != "resume" and (flags or intent == "report_red_flag"):
            # A warning sign at any turn ends the questions; an NLU report_red_flag
            # escalates even when no phrase matched (the message names "a warning sign").
            return [
                *start,
                SlotSet("red_flag", True),
                SlotSet("red_flags_found", flags),
                SlotSet("requested_slot", None),
            ]
        if run_kind == "resume":
            return ask_next(dispatcher, tracker, c)
        if not slot:  # activation: take what the opening message already said
            return (
                start
                + take_volunteered(dispatcher, tracker, c, read, None)
                + ask_next(dispatcher, tracker, c)
            )
        buttons = entity_values(tracker, "answer")
        parsed = c.assessor.parse(
            slot, text, intent=intent, button_value=buttons[0] if buttons else None, reading=read
        )
        if slot == "hydration" and not parsed.understood:
            value = water_follow_up_answer(tracker, c, text, intent)
            if value is not None:  # the follow-up's yes / no
                parsed = Parsed({"hydration": value})
            elif intent not in NEVER_AN_ANSWER and not read.asks() and states_water_amount(text):
                return water_follow_up(dispatcher, tracker, c, text)
        if intent not in ANSWER_INTENTS and not _answers_anyway(parsed.understood, intent, read):
            if intent not in NEVER_AN_ANSWER and not read.asks():
                # Not this question's answer, but answers to others ("like three or four cans
                # of red bull" at the sun question): take them, then ask this one again.
                taken, took = take_news(dispatcher, tracker, c, read, slot)
                if took:
                    return [*taken, *ask(dispatcher, c, slot)]
            return []  # not an answer: the form rejects, a rule handles it, then resumes
        if slot == "red_flag" and parsed.slots.get("red_flag") == UNSURE:
            return unsure_at_screen(dispatcher, tracker, c)
        if not parsed.understood:
            # Not this question's answer but news about others ("oh and I'm always thirsty"
            # at the last question): taken, said, and this question asked again.
            taken, took = take_news(dispatcher, tracker, c, read, slot)
            if took:
                return [*taken, SlotSet(slot, None), *ask(dispatcher, c, slot)]
            if intent == "start_assessment":
                # "check my twitching" again at a question: no answer to miss, the check is on
                dispatcher.utter_message(response="utter_already_assessing")
            else:
                dispatcher.utter_message(text=c.answers.not_understood(slot))
            return [SlotSet(slot, None), *ask(dispatcher, c, slot)]
        values: Dict[str, Any] = dict(parsed.slots)
        events: List[EventType] = [SlotSet(name, value) for name, value in values.items()]
        tracker.slots.update(values)
        events += take_volunteered(dispatcher, tracker, c, read, slot)
        # news about a question already answered, said with this answer ("about 6 cups of
        # coffee, and I'm really stressed at work" at the stress question): changed and said
        events += add_to_answered(dispatcher, tracker, c, read, slot)
        return events + ask_next(dispatcher, tracker, c)


def take_news(
    dispatcher: CollectingDispatcher, tracker: Tracker, c: Core, read: Reading, asked: str
) -> tuple[List[EventType], bool]:
    """A message that doesn't answer the asked question: its answers to the others, news
    about answered ones ("like three or four cans of red bull" at the diet question, with
    caffeine answered) and an amount of water; True when it held any of them."""
    water_before = (tracker.get_slot("understood") or {}).get("water_amount")
    taken = take_volunteered(dispatcher, tracker, c, read, asked)
    taken += add_to_answered(dispatcher, tracker, c, read, asked)
    water_after = (tracker.get_slot("understood") or {}).get("water_amount")
    took = water_after != water_before or any(
        e.get("name") in c.knowledge.question_slots for e in taken
    )
    return taken, took


def water_follow_up(
    dispatcher: CollectingDispatcher, tracker: Tracker, c: Core, text: str
) -> List[EventType]:
    """An amount of water the options don't place ("maybe 2 glasses a day"): the source
    gives no amount, so ask the question's second half (thirst, dark urine), with the
    amount kept as the user's words for the answer."""
    understood: Dict[str, Any] = dict(tracker.get_slot("understood") or {})
    understood["water_amount"] = text.strip()
    words = dict(understood.get("words") or {})
    words["hydration"] = text.strip()
    understood["words"] = words
    message, buttons = c.answers.water_follow_up(text.strip())
    dispatcher.utter_message(text=message, buttons=buttons)
    return [SlotSet("understood", understood), SlotSet("hydration", None),
            SlotSet("requested_slot", "hydration")]  # fmt: skip


def _news_after_result(tracker: Tracker) -> bool:
    """True when the reader started the form from a description (not a request to check
    again) while every question is answered and no warning sign stands."""
    return bool(tracker.latest_message.get("started_by_reader")) and answers_complete(tracker)


def _answers_anyway(understood: bool, intent: str | None, read: Reading) -> bool:
    """A message the NLU filed elsewhere that plainly answers the question ("maybe 2
    glasses a day" as ``ask_info``): taken as the answer unless it asks something."""
    return understood and intent not in NEVER_AN_ANSWER and not read.asks()


def unsure_at_screen(
    dispatcher: CollectingDispatcher, tracker: Tracker, c: Core
) -> List[EventType]:
    """ "Not sure" at the safety check: asked again once; the second time, the
    see-a-doctor-today advice, then the questions go on."""
    count = float(tracker.get_slot("screen_unsure") or 0) + 1
    if count < UNSURE_ASKS:
        _, buttons = c.answers.question("red_flag")
        dispatcher.utter_message(text=screen_again(c.knowledge), buttons=buttons)
        return [SlotSet("screen_unsure", count), SlotSet("red_flag", None),
                SlotSet("requested_slot", "red_flag")]  # fmt: skip
    dispatcher.utter_message(text=unsure_screen(c.knowledge))
    tracker.slots.update({"red_flag": False})
    return [SlotSet("screen_unsure", count), SlotSet("red_flag", False),
            *ask_next(dispatcher, tracker, c)]  # fmt: skip


def take_volunteered(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    c: Core,
    read: Reading,
    asked: str | None,
) -> List[EventType]:
    """Fill the unanswered questions the message speaks to, and say once what was taken.

    Also records, for the "here is what I understood" line, the words behind each
    answer, the warning signs the message ruled out and the medicines taken in the past.
    """
    updates = {
        name: value
        for name, value in slot_updates(read).items()
        if name != asked and tracker.get_slot(name) is None
    }
    if asked == "caffeine" or tracker.get_slot("caffeine") is not None:
        updates.pop("caffeine_cups", None)
    if asked == "medications" or tracker.get_slot("medications") is not None:
        updates.pop("medication_names", None)
    quotes = read.quotes()
    understood: Dict[str, Any] = dict(tracker.get_slot("understood") or {})
    words = dict(understood.get("words") or {})
    if asked and read.text and asked in quotes:
        words[asked] = quotes[asked]
    taken = [name for name in updates if name in c.knowledge.question_slots]
    for name in taken:
        words[name] = quotes.get(name, "")
    understood["words"] = words
    ruled_out = list(understood.get("ruled_out") or [])
    ruled_out += [[f.key, f.words] for f in read.negated_red_flags()]
    understood["ruled_out"] = ruled_out
    past = list(understood.get("past_medicines") or [])
    past += [str(f.value) for f in read.medicines(PAST)]
    understood["past_medicines"] = list(dict.fromkeys(past))
    amount = read.water_amount()
    unanswered = tracker.get_slot("hydration") is None and "hydration" not in updates
    noted_water = bool(amount) and asked != "hydration" and unanswered
    noted_water = noted_water and understood.get("water_amount") != amount
    if noted_water:
        # "maybe 2 glasses a day" at another question: kept; the water question, when it
        # comes, asks about thirst and dark urine (the source gives no amount)
        understood["water_amount"] = amount
        words["hydration"] = amount
    if read.sites():
        understood["sites"] = list(dict.fromkeys([*(understood.get("sites") or []), *read.sites()]))
    if read.duration() and not understood.get("duration"):
        understood["duration"] = read.duration()
    if read.unplaced:
        understood["unplaced"] = list(
            dict.fromkeys([*(understood.get("unplaced") or []), *read.unplaced])
        )
    if read.corrections:
        understood["corrections"] = [
            *(understood.get("corrections") or []),
            *[list(x) for x in read.corrections],
        ]
    events: List[EventType] = [SlotSet(name, value) for name, value in updates.items()]
    events.append(SlotSet("understood", understood))
    tracker.slots.update({**updates, "understood": understood})
    if taken:
        dispatcher.utter_message(
            text=c.answers.noted({name: quotes.get(name, "") for name in taken})
        )
    if noted_water:  # after what was taken: the water question comes back to it
        dispatcher.utter_message(text=c.answers.water_noted(amount or ""))
    return events


def add_to_answered(
    dispatcher: CollectingDispatcher, tracker: Tracker, c: Core, read: Reading, asked: str
) -> List[EventType]:
    """What the message adds to questions already answered: new symptoms join the list
    ("oh and I'm always thirsty"), another answer replaces the earlier one, each said."""
    events: List[EventType] = []
    updates = slot_updates(read)
    quotes = read.quotes()
    understood: Dict[str, Any] = dict(tracker.get_slot("understood") or {})
    words = dict(understood.get("words") or {})
    for name, value in updates.items():
        if name == asked or name not in c.knowledge.question_slots or name == "red_flag":
            continue
        before = tracker.get_slot(name)
        if before is None:
            continue  # unanswered: take_volunteered's
        if name == "symptoms":
            old = [s for s in (before or []) if s not in ("none", c.assessor.skip)]
            value = list(dict.fromkeys([*old, *value]))
        if value == before:
            continue
        changed = {name: value}
        companion = {"caffeine": "caffeine_cups", "medications": "medication_names"}.get(name)
        if companion in updates:
            changed[companion] = updates[companion]
        events += [SlotSet(k, v) for k, v in changed.items()]
        tracker.slots.update(changed)
        words[name] = quotes.get(name, "")  # the words shown beside it are the new ones
        dispatcher.utter_message(
            text=c.answers.correction_done(name, c.answers.value_text(name, value))
        )
    if events:
        understood["words"] = words
        tracker.slots["understood"] = understood
        events.append(SlotSet("understood", understood))
    return events


def form_run_kind(tracker: Tracker) -> str:
    """Why Rasa runs the form now: ``activation``, a ``reply`` to a question, or ``resume``.

    Read from the events since the user's message: the form's ``active_loop`` event there
    means it has just been activated; another action there (a rule answered a side
    question, applied a correction ...) means the form is resuming and the message was
    not meant for it.
    """
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind == "user":
            return "reply"
        if kind == "active_loop" and event.get("name") == FORM:
            return "activation"
        if kind == "action" and event.get("name") not in (FORM, "action_listen"):
            return "resume"
    return "reply"


def ask(dispatcher: CollectingDispatcher, c: Core, slot: str) -> List[EventType]:
    """Send the question for ``slot`` with its buttons; keep it the requested slot."""
    text, buttons = c.answers.question(slot)
    dispatcher.utter_message(text=text, buttons=buttons)
    return [SlotSet("requested_slot", slot)]


def ask_next(dispatcher: CollectingDispatcher, tracker: Tracker, c: Core) -> List[EventType]:
    """Ask the first unanswered question, or end the form (``requested_slot`` None)."""
    next_slot = next((s for s in c.knowledge.question_slots if tracker.get_slot(s) is None), None)
    if next_slot is None:
        return [SlotSet("requested_slot", None)]
    amount = (tracker.get_slot("understood") or {}).get("water_amount")
    if next_slot == "hydration" and amount:  # said earlier: thirst and dark urine decide
        text, buttons = c.answers.water_follow_up(amount, later=True)
        dispatcher.utter_message(text=text, buttons=buttons)
        return [SlotSet("requested_slot", next_slot)]
    return ask(dispatcher, c, next_slot)
