"""The assessment: turning free-text or button answers into slot values, and
ranking the six causes from those values, deterministically and with reasons.

Slot values (the "profile"):
    red_flag: bool
    diet, sun, stress, hydration, caffeine: an option value of the question or
        the skip value ("skipped")
    caffeine_cups: the number of drinks a day when the user gave one
    medications: list of medication class ids, or ["none"] / ["other"] / ["skipped"]
    medication_names: the medicine names the user typed that we know
    symptoms: list of symptom ids, or ["none"] / ["skipped"]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, List, Mapping, Tuple

from bot.knowledge import Knowledge, Question, load_knowledge
from bot.lexicon import Lexicon, get_lexicon
from bot.matching import tokenize
from bot.reader import PAST, Reading, slot_updates

LIST_SLOTS = ("medications", "symptoms")
# Questions answered by one of their options' phrases.
OPTION_SLOTS = ("diet", "sun", "stress", "hydration")
# The safety check answered "not sure": never taken as "no" (asked again, see actions/form.py).
UNSURE = "unsure"

_NUMBER_WORDS = {
    "zero": 0,
    "no": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "single": 1,
    "two": 2,
    "couple": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_NUMBER = re.compile(r"\b(\d+(?:\.\d+)?)\b")
_WORD = re.compile(r"[a-z]+")


@dataclass
class Parsed:
    """What one message says about one question."""

    slots: Dict[str, Any] = field(default_factory=dict)

    @property
    def understood(self) -> bool:
        """True when the message answered the question."""
        return bool(self.slots)


def _answers_elsewhere(slot: str, reading: Reading, parsed: Parsed) -> bool:
    """True when a reply read as an unknown medicine is an answer to another question and
    names no word the reader could not place (a drug name would be one)."""
    if slot != "medications" or parsed.slots.get("medications") != ["other"]:
        return False
    others = {k for k in slot_updates(reading) if k not in ("medications", "medication_names")}
    return bool(others) and not reading.unplaced


def _fact_spans(text: str, reading: Reading, slot: str) -> List[Tuple[int, int]]:
    """Where in ``text`` the reading's facts stand, other than its answer to ``slot``."""
    lowered = text.lower()
    spans: List[Tuple[int, int]] = []
    for fact in reading.facts:
        if (fact.kind == "slot" and fact.key == slot) or not fact.words:
            continue
        begin = lowered.find(fact.words.lower())
        while begin >= 0:
            spans.append((begin, begin + len(fact.words)))
            begin = lowered.find(fact.words.lower(), begin + 1)
    return spans


def first_number(text: str) -> float | None:
    """The first number in ``text``, in digits or as an English word."""
    lowered = text.lower()
    digit = _NUMBER.search(lowered)
    digit_at = digit.start() if digit else len(lowered) + 1
    for match in _WORD.finditer(lowered):
        if match.start() > digit_at:
            break
        word = match.group()
        if word in _NUMBER_WORDS and word not in {"a", "an", "no"}:
            return float(_NUMBER_WORDS[word])
    return float(digit.group(1)) if digit else None


class Assessor:
    """Parses answers and ranks causes from one knowledge base."""

    def __init__(self, knowledge: Knowledge, lexicon: Lexicon) -> None:
        """Use ``knowledge`` and its ``lexicon``."""
        self.k = knowledge
        self.lex = lexicon
        self.skip = knowledge.questions.skip_value

    # ----------------------------------------------------------------- parse
    def parse(
        self,
        slot: str,
        text: str,
        intent: str | None = None,
        button_value: str | None = None,
        reading: Reading | None = None,
    ) -> Parsed:
        """Turn a message into values for ``slot`` (and its companion slots).

        Args:
            slot: the question being answered.
            text: the user's message.
            intent: the NLU intent; ``skip``/``affirm``/``deny`` help short answers.
            button_value: the option value sent by a button, if any.
            reading: the message reader's reading of ``text``: its counted drinks and its
                current (not past) medicines take precedence over the phrase match.

        Returns:
            The slot values; empty when the message did not answer the question.
        """
        parsed = self._parse(slot, text, intent, button_value)
        if reading is not None and button_value is None:
            if _answers_elsewhere(slot, reading, parsed):
                return Parsed()  # "plenty of water" at the medicines question is no medicine
            if self._words_belong_elsewhere(slot, text, reading, parsed):
                return Parsed()  # "… and i'm always thirsty" at the sun question is no sun
            parsed.slots.update(self._from_reading(slot, reading, parsed.slots))
        return parsed

    def _words_belong_elsewhere(
        self, slot: str, text: str, reading: Reading, parsed: Parsed
    ) -> bool:
        """True when the option read for ``slot`` came only from words the reader places in
        another fact and the reader finds no answer to ``slot``: "always" in "i'm always
        thirsty" is how often one is thirsty, not how often one is in the sun."""
        value = parsed.slots.get(slot)
        if slot not in OPTION_SLOTS or value is None or slot in slot_updates(reading):
            return False
        spans = _fact_spans(text, reading, slot)
        matches = [
            m for m in self.lex.option_matchers[slot].find(text) if m.key == value and not m.negated
        ]
        return bool(matches) and all(
            any(begin <= m.start_char and m.end_char <= end for begin, end in spans)
            for m in matches
        )

    @staticmethod
    def _from_reading(slot: str, reading: Reading, parsed: Mapping[str, Any]) -> Dict[str, Any]:
        """The reader's answer where it reads more than a phrase: an answer read clause by
        clause (diet, sun, stress, water); drinks counted and summed
        ("4 coffees and a monster" = 5); medicines current, not past ("I stopped taking
        prednisone last year" is no current corticosteroid)."""
        if slot in OPTION_SLOTS:
            # read clause by clause: "not really, maybe eggs once a week" is once a week
            said = slot_updates(reading).get(slot)
            if said is not None:
                return {slot: said}
        if slot == "caffeine":
            counted = slot_updates(reading)
            if counted.get("caffeine_cups") is not None:
                return {"caffeine": counted["caffeine"], "caffeine_cups": counted["caffeine_cups"]}
        if slot == "medications":
            current = reading.medicines()
            if current:
                return {
                    "medications": list(dict.fromkeys(f.key for f in current)),
                    "medication_names": list(dict.fromkeys(str(f.value) for f in current)),
                }
            if reading.medicines(PAST) and parsed.get("medications") not in (["none"],):
                return {"medications": ["none"], "medication_names": []}
        return {}

    def _parse(self, slot: str, text: str, intent: str | None, button_value: str | None) -> Parsed:
        question = self.k.question(slot)
        values = {o.value for o in question.options}
        if button_value is not None:
            return self._from_button(question, button_value, values)
        if intent == "skip":
            if slot == "red_flag":
                return Parsed({slot: UNSURE})
            return Parsed({slot: [self.skip] if slot in LIST_SLOTS else self.skip})
        handler = getattr(self, f"_parse_{slot}", None)
        if handler is not None:
            parsed: Parsed = handler(question, text, intent)
            return parsed
        return self._parse_option(question, text, intent)

    def _from_button(self, question: Question, value: str, values: set) -> Parsed:
        slot = question.slot
        if slot == "red_flag":
            if value == "yes":
                return Parsed({slot: True})
            return Parsed({slot: False if value == "no" else UNSURE})
        if value == self.skip:
            return Parsed({slot: [self.skip] if slot in LIST_SLOTS else self.skip})
        if value not in values:
            return Parsed()
        if slot in LIST_SLOTS:
            return Parsed({slot: [value]})
        return Parsed({slot: value})

    def _option(self, question: Question, text: str) -> str | None:
        keys = self.lex.option_matchers[question.slot].keys(text)
        return keys[0] if keys else None

    def _parse_option(self, question: Question, text: str, intent: str | None) -> Parsed:
        value = self._option(question, text)
        if value is None and intent in ("affirm", "deny"):
            # "no" to "Do you often feel thirsty or notice dark urine?" (questions.yml yes_no)
            value = question.yes_no.get("yes" if intent == "affirm" else "no")
        return Parsed({question.slot: value}) if value else Parsed()

    def _parse_red_flag(self, question: Question, text: str, intent: str | None) -> Parsed:
        # Warning signs named in the text are the message reader's (actions/form.py).
        value = self._option(question, text)
        if value == UNSURE:
            return Parsed({"red_flag": UNSURE})
        if intent == "affirm" or value == "yes":
            return Parsed({"red_flag": True})
        if intent == "deny" or value == "no":
            return Parsed({"red_flag": False})
        return Parsed()

    def _parse_diet(self, question: Question, text: str, intent: str | None) -> Parsed:
        value = self._option(question, text)
        if value is None and intent == "deny":
            value = "rarely"
        if value is None and self.lex.find("food", text):
            value = "sometimes"  # a food named without how often
        return Parsed({"diet": value}) if value else Parsed()

    def _parse_caffeine(self, question: Question, text: str, intent: str | None) -> Parsed:
        cups = first_number(text)
        if cups is not None:
            for band in question.numeric_bands:
                if cups <= band.max:
                    return Parsed({"caffeine": band.value, "caffeine_cups": cups})
        value = self._option(question, text)
        if value is None and intent == "deny":
            value = "none"
        if value is None:
            return Parsed()
        return Parsed({"caffeine": value, "caffeine_cups": 0.0 if value == "none" else None})

    def _parse_medications(self, question: Question, text: str, intent: str | None) -> Parsed:
        found = self.lex.medication_names(text)
        if found:
            classes = list(dict.fromkeys(cls for cls, _ in found))
            names = list(dict.fromkeys(name for _, name in found))
            return Parsed({"medications": classes, "medication_names": names})
        if self._option(question, text) == "none" or intent == "deny":
            return Parsed({"medications": ["none"], "medication_names": []})
        if intent == "inform" and text.strip():
            # A medicine we don't know: kept as "other", it scores nothing.
            return Parsed({"medications": ["other"], "medication_names": []})
        return Parsed()

    def _parse_symptoms(self, question: Question, text: str, intent: str | None) -> Parsed:
        found = self.lex.find("symptom", text)
        if found:
            return Parsed({"symptoms": found})
        if self._option(question, text) == "none" or intent == "deny":
            return Parsed({"symptoms": ["none"]})
        return Parsed()

    # ------------------------------------------------------------ correction
    def parse_correction(self, text: str) -> Parsed:
        """Work out which earlier answer a correction changes, and to what.

        A question is a candidate when the text uses its vocabulary (its
        ``about`` words, or a drink, food, medicine or symptom); the first
        candidate, in question order, whose parser understands the text wins.
        """
        hints = {
            slot: bool(self.lex.about_matchers[slot].keys(text, include_negated=True))
            for slot in self.k.question_slots
        }
        hints["diet"] = hints["diet"] or bool(self.lex.find("food", text))
        hints["caffeine"] = hints["caffeine"] or bool(self.lex.find("drink", text))
        hints["medications"] = hints["medications"] or bool(self.lex.medication_names(text))
        hints["symptoms"] = hints["symptoms"] or bool(self.lex.find("symptom", text))
        for slot in self.k.question_slots:
            if slot == "red_flag" or not hints.get(slot):
                continue
            parsed = self.parse(slot, text, intent="inform")
            if parsed.understood and parsed.slots.get(slot) not in (["other"],):
                return parsed
        return Parsed()

    # ------------------------------------------------------------------ rank
    def rank(self, profile: Mapping[str, Any]) -> Ranking:
        """Score every cause from the profile; return the likely ones, ranked."""
        scored: List[ScoredCause] = []
        symptoms = [s for s in _as_list(profile.get("symptoms")) if s not in ("none", self.skip)]
        for order, cause in enumerate(self.k.causes.causes):
            score = 0
            reasons: List[str] = []
            for ev in cause.evidence:
                given = _as_list(profile.get(ev.question))
                hit = next((v for v in given if v in ev.answers), None)  # one reason per question
                if hit is not None:
                    score += ev.weight
                    reason = self._reason(ev.question, hit, profile)
                    if reason not in reasons:
                        reasons.append(reason)
            matched = [s for s in symptoms if s in cause.associated_symptoms]
            if matched:
                score += self.k.causes.symptom_weight * len(matched)
                names = [self.k.symptom(s).name for s in matched]
                reasons.append(self.k.templates.reasons["symptoms"].format(symptoms=_join(names)))
            scored.append(ScoredCause(cause.id, score, reasons, order))
        likely = [c for c in scored if c.score >= self.k.causes.min_score]
        likely.sort(key=lambda c: (-c.score, c.order))
        return Ranking(likely=likely, all=scored)

    def _reason(self, question: str, value: str, profile: Mapping[str, Any]) -> str:
        template: str = self.k.templates.reasons[question][value]
        cups = profile.get("caffeine_cups")
        cups_phrase = (
            self.k.templates.cups_known.format(cups=_fmt_number(cups))
            if isinstance(cups, (int, float)) and cups > 0
            else self.k.templates.cups_unknown
        )
        return template.format(cups_phrase=cups_phrase, medicines=self.medicines_phrase(profile))

    def medicines_phrase(self, profile: Mapping[str, Any]) -> str:
        """Each medicine named with its own class: "prednisone (a corticosteroid) and
        furosemide (a diuretic)"; a class word alone is the class ("a diuretic")."""
        parts: List[str] = []
        for name in profile.get("medication_names") or []:
            found = self.lex.medication_names(str(name))
            if not found:  # a medicine the article doesn't list ("sertraline")
                parts.append(self.k.templates.unlisted_medicine.format(name=name))
                continue
            class_name = self.k.medication_class(found[0][0]).name
            if tokenize_words(str(name)) & CLASS_WORDS:
                parts.append(class_name)
            else:
                parts.append(f"{name} ({class_name})")
        if not parts:
            classes = [v for v in _as_list(profile.get("medications"))
                       if v in {m.id for m in self.k.medications.classes}]  # fmt: skip
            parts = [self.k.medication_class(v).name for v in classes]
        return _join(list(dict.fromkeys(parts))) or "a medicine"


@dataclass
class ScoredCause:
    """One cause with its score and the reasons, in the user's terms."""

    cause_id: str
    score: int
    reasons: List[str]
    order: int


@dataclass
class Ranking:
    """The causes that stand out (``likely``, best first) and every score."""

    likely: List[ScoredCause]
    all: List[ScoredCause]


# Words that name a class rather than a drug ("water pills", "diuretics").
CLASS_WORDS = frozenset(
    ["corticosteroid", "corticosteroids", "diuretic", "diuretics", "water", "steroid"]
)


def tokenize_words(text: str) -> set:
    """The set of words of ``text``."""
    return set(tokenize(text))


def _as_list(value: Any) -> List[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _fmt_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _join(items: List[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


# Slots an assessment keeps besides its questions' own (the profile ``rank`` reads).
PROFILE_EXTRA = ("caffeine_cups", "medication_names", "understood")


def profile_slots(knowledge: Knowledge) -> List[str]:
    """Every slot of one assessment's profile: the questions', then :data:`PROFILE_EXTRA`."""
    return [*knowledge.question_slots, *PROFILE_EXTRA]


@lru_cache(maxsize=1)
def get_assessor() -> Assessor:
    """The assessor of the default knowledge, built once (for code outside the actions)."""
    return Assessor(load_knowledge(), get_lexicon())
