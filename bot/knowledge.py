"""Typed, validated loader for the knowledge files under ``bot/knowledge/``.

Every file is parsed into pydantic models and cross-checked (unknown cause,
unknown symptom, bad weight, ...). Any problem raises :class:`KnowledgeError`
naming the file, the field and the reason, so a bad edit fails at start-up.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Collection, Dict, List, Literal, Set, Type, TypeVar

import yaml
from pydantic import BaseModel, Extra, Field, StrictStr, ValidationError, conint, validator

DEFAULT_DIR = Path(__file__).parent / "knowledge"
EMERGENCY_NUMBER_ENV = "TWITCH_EMERGENCY_NUMBER"


class KnowledgeError(Exception):
    """A knowledge file is missing, malformed or inconsistent."""


class _Model(BaseModel):
    class Config:
        extra = Extra.forbid
        allow_mutation = False


# ---------------------------------------------------------------- causes.yml
class Evidence(_Model):
    question: str
    answers: List[StrictStr] = Field(..., min_items=1)
    weight: conint(ge=1, le=3)  # type: ignore[valid-type]


class Cause(_Model):
    id: str
    name: str
    source: str
    how: str
    associated_symptoms: List[str]
    associated_symptoms_note: str | None = None
    evidence: List[Evidence] = []


class CausesFile(_Model):
    source_document: str
    # Fields copied from the source word for word (the review test checks them).
    quoted_fields: List[str] = []
    causes: List[Cause] = Field(..., min_items=1)
    symptom_weight: conint(ge=0, le=3)  # type: ignore[valid-type]
    min_score: conint(ge=1)  # type: ignore[valid-type]


# -------------------------------------------------------------- symptoms.yml
class Term(_Model):
    id: str
    name: str
    phrases: List[StrictStr] = Field(..., min_items=1)


class SymptomsFile(_Model):
    source: str
    symptoms: List[Term]


TIERS = ("emergency", "today")


class RedFlag(_Model):
    id: str
    name: str
    tier: Literal["emergency", "today"]
    phrases: List[StrictStr] = Field(..., min_items=1)
    # Flags or symptoms that make a "today" flag an emergency when they come with it.
    escalate_with: List[str] = []
    # Phrases one of which must be in the same message for the flag to count.
    also_needs: List[StrictStr] = []


class RedFlagsFile(_Model):
    safety_addition: bool
    source: str
    red_flags: List[RedFlag] = Field(..., min_items=1)
    emergency_number_default: str

    @validator("safety_addition")
    def _must_be_marked(cls, value: bool) -> bool:  # noqa: N805
        if not value:
            raise ValueError("red flags are a safety addition and must say so")
        return value


# ------------------------------------------------------------- questions.yml
class Option(_Model):
    value: StrictStr
    title: str
    phrases: List[StrictStr] = []


class NumericBand(_Model):
    value: str
    max: float


class Question(_Model):
    slot: str
    source: str
    ask: str
    why: str
    causes: List[str]
    options: List[Option] = Field(..., min_items=1)
    numeric_bands: List[NumericBand] = []
    # Times a week (read from "5 days a week", "most mornings" …) → an option, when the
    # answer's words name no option (diet, sun).
    weekly_bands: List[NumericBand] = []
    # Symptom id → option, when a message names the symptom and no option of this question
    # (the question's own wording: "Do you often feel thirsty or notice dark urine?").
    from_symptoms: Dict[str, str] = {}
    # A question that ends in a yes/no question: the option a plain "yes" or "no" gives.
    yes_no: Dict[Literal["yes", "no"], str] = {}
    # A score out of ten → an option (stress: "maybe a 5 out of 10").
    scale_bands: List[NumericBand] = []
    # Water as litres a day → an option (hydration: "5 or 6 pints", "500ml max"); a band with
    # no value places nothing (the follow-up question decides).
    litre_bands: List[NumericBand] = []
    # Litres in one of each unit as typed ("glass", "pint", "ml").
    litre_units: Dict[str, float] = {}
    about: List[StrictStr] = []
    safety_addition: bool = False


class QuestionsFile(_Model):
    source_document: str
    skip_value: str
    questions: List[Question] = Field(..., min_items=1)


# ----------------------------------------------------- medications, foods ...
class MedicationClass(_Model):
    id: str
    name: str
    cause: str
    names: List[StrictStr] = Field(..., min_items=1)
    # Combination products holding a medicine of this class and another one ("Hyzaar":
    # losartan with hydrochlorothiazide): read as this class and as another medicine.
    combined: List[StrictStr] = []


class MedicationsFile(_Model):
    source: str
    classes: List[MedicationClass]


class Food(_Model):
    id: str
    name: str
    text: str
    phrases: List[StrictStr]


class FoodsFile(_Model):
    source: str
    foods: List[Food]


class Drink(_Model):
    id: str
    phrases: List[StrictStr]


class DrinksFile(_Model):
    source: str
    drinks: List[Drink]


class Strategy(_Model):
    id: str
    title: str
    source: str
    text: str
    for_causes: List[str]
    safety_addition: bool = False
    after_testing: bool = False


class SourcedText(_Model):
    source: str
    text: str
    safety_addition: bool = False


class StrategiesFile(_Model):
    source_document: str
    strategies: List[Strategy]
    general: List[str]
    max_strategies: conint(ge=1)  # type: ignore[valid-type]
    professional: SourcedText
    nih: SourcedText
    vitamin_d_intro: SourcedText


class Topic(_Model):
    id: str
    source: str
    phrases: List[StrictStr] = Field(..., min_items=1)
    answer: str | None = None
    repeat_answer: str | None = None
    safety_addition: bool = False
    refs: List[str] = []

    @validator("refs", always=True)
    def _needs_content(cls, refs: List[str], values: Dict[str, Any]) -> List[str]:  # noqa: N805
        if not refs and not values.get("answer"):
            raise ValueError("a topic needs an answer or refs")
        return refs


class TopicsFile(_Model):
    source_document: str
    topics: List[Topic]
    default_topic: str


class SafetyFile(_Model):
    disclaimer: SourcedText
    tiers: Dict[Literal["emergency", "today", "unknown"], SourcedText]
    unsure_screen: SourcedText
    screen_again: SourcedText
    warning_signs: SourcedText
    dose: SourcedText
    overdose: SourcedText
    medication: SourcedText
    serious: SourcedText
    see_doctor: SourcedText
    page_note: SourcedText


class Passage(_Model):
    id: str
    section: str
    where: str = ""
    quote: List[StrictStr] = Field(..., min_items=1)
    # What the passage backs: cause:<id>, strategy:<id>, topic:<id>, safety:<name>, result,
    # professional, nih, vitamin_d_intro.
    for_: List[str] = Field(..., alias="for", min_items=1)


class PassagesFile(_Model):
    source_document: str
    title: str
    passages: List[Passage] = Field(..., min_items=1)


class ReaderFile(_Model):
    source: str
    vocabulary: List[StrictStr]
    twitch_words: List[StrictStr] = Field(..., min_items=1)
    sites: List[StrictStr] = Field(..., min_items=1)
    # How often, as times a week ("most mornings" → 5), for the questions' weekly_bands.
    per_week: Dict[float, List[StrictStr]] = {}
    # Words that make a stress answer strong ("super stressed", "so anxious").
    intensifiers: List[StrictStr] = []
    # Stress answer phrases that name a circumstance, not a strength ("exams"): they give way
    # when another clause of the message says how stressed ("somewhat stressed, exams soon").
    circumstances: List[StrictStr] = []
    # Words that say how often or how much, not what about: an answer phrase made only of
    # them ("every other day", "a bit") does not show which question it answers.
    vague_words: List[StrictStr] = []
    # Words that may stand beside an amount of water said alone ("500ml a day max", "I get
    # through about 6 big glasses"): with the vague words, the clause is about the amount.
    amount_words: List[StrictStr] = []
    # A clause that says a medicine named just before has ended ("…, finished last week").
    ended_words: List[StrictStr] = []
    # Medicines outside the source's two classes said without a drug name ("the pill").
    other_medicines: List[StrictStr] = []
    # Painkillers and antibiotics taken now and then: named when stopped, not counted as taken.
    occasional_medicines: List[StrictStr] = []
    # A clause about a past habit, not today's ("I used to work outdoors").
    past_habit: List[StrictStr] = []
    # Words of days that limit a doing said of the sun ("out with the dog at the weekend").
    part_time: List[StrictStr] = []
    # How names of medicines the knowledge doesn't list end ("sertraline", "lisinopril").
    drug_endings: List[StrictStr] = []
    # Dictionary words shaped like a drug name that are not medicines ("stopped chocolate").
    not_medicines: List[StrictStr] = []
    # A night of at most this many hours' sleep is difficulty sleeping (0: not read).
    short_sleep_hours: float = 0
    # A sleep score out of ten at most this ("sleep quality 3/10") is sleeping badly (0: not read).
    poor_sleep_score: float = 0
    # Questions with a fixed answer (safety.yml `serious`, `see_doctor`) asked inside a longer
    # message: answered before the assessment starts.
    questions: Dict[Literal["serious", "see_doctor"], List[StrictStr]] = {}


class SuggestionButton(_Model):
    title: str
    payload: str


class Suggestions(_Model):
    max: conint(ge=1, le=6)  # type: ignore[valid-type]
    buttons: Dict[str, SuggestionButton]
    fallback: List[str]

    @validator("fallback")
    def _known(cls, fallback: List[str], values: Dict[str, Any]) -> List[str]:  # noqa: N805
        unknown = [i for i in fallback if i not in values.get("buttons", {})]
        if unknown:
            raise ValueError(f"no button for {unknown}")
        return fallback


class ResultButton(_Model):
    id: Literal["strategies", "why", "cause", "summary", "source", "change"]
    title: str
    payload: str


class SummaryTemplates(_Model):
    title: str
    intro: str
    twitching: str
    where: str
    how_long: str
    not_said: str
    answers: str
    answer: str
    answer_words: str
    warning_signs: str
    screen_no: str
    screen_unsure: str
    screen_yes: str
    advice: Dict[str, str]  # one per tier, and "unknown" (checked on load)
    screen_missing: str
    ruled_out: str
    medicines: str
    medicines_none: str
    medicines_past: str
    causes: str
    causes_none: str
    source: str
    source_text: str
    link: str
    text_intro: str
    not_ready: str


class Templates(_Model):
    source: str
    safety_additions: List[str] = []
    cause_line: str
    cause_symptoms: str
    reason_joiner: str
    nothing_stands_out: str
    mostly_skipped: str
    weakness_line: str
    other_medicine: str
    short_intro: str
    short_cause_line: str
    short_more: str
    short_duration: str
    short_close: str
    short_max_causes: conint(ge=1, le=6)  # type: ignore[valid-type]
    result_buttons: List[ResultButton] = Field(..., min_items=1)
    why_intro: str
    why_nothing: str
    change_intro: str
    source_intro: str
    source_passage: str
    source_where: str
    source_safety: str
    source_nothing: str
    summary: SummaryTemplates
    noted: str
    noted_item: str
    understood: str
    understood_item: str
    understood_words: str
    understood_ruled_out: str
    understood_past: str
    understood_duration: str
    understood_typos: str
    understood_typo: str
    understood_unplaced: str
    strategies_intro: str
    strategy_line: str
    close: str
    reasons: Dict[str, Any]
    cups_known: str
    cups_unknown: str
    answer_not_understood: str
    unlisted_medicine: str
    unlisted_medicine_class: str
    water_follow_up: WaterFollowUp
    correction_done: str
    correction_unknown: str
    why_unknown: str
    question_labels: Dict[str, str]
    suggestions: Suggestions


class WaterFollowUp(_Model):
    """An amount of water the options don't place ("maybe 2 glasses a day"): the source
    names no amount, so the question's second half (thirst, dark urine) decides."""

    noted: str  # "Thanks, I've noted "{words}" about water."
    recalled: str  # "About water, you said "{words}"." (when the question comes later)
    text: str  # the question's second half
    often: SuggestionButton  # "Yes, often": payload = the hydration option
    rarely: SuggestionButton


Templates.update_forward_refs()

M = TypeVar("M", bound=BaseModel)

FILES = {
    "causes": ("causes.yml", CausesFile),
    "symptoms": ("symptoms.yml", SymptomsFile),
    "red_flags": ("red_flags.yml", RedFlagsFile),
    "questions": ("questions.yml", QuestionsFile),
    "medications": ("medications.yml", MedicationsFile),
    "foods": ("foods.yml", FoodsFile),
    "drinks": ("drinks.yml", DrinksFile),
    "strategies": ("strategies.yml", StrategiesFile),
    "topics": ("topics.yml", TopicsFile),
    "safety": ("safety.yml", SafetyFile),
    "templates": ("templates.yml", Templates),
    "reader": ("reader.yml", ReaderFile),
    "passages": ("passages.yml", PassagesFile),
}


def _load_file(path: Path, model: Type[M]) -> M:
    if not path.is_file():
        raise KnowledgeError(f"{path}: file is missing")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{path}: expected a mapping at the top level")
    try:
        return model.parse_obj(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"field '{'.'.join(str(p) for p in err['loc'])}': {err['msg']}" for err in exc.errors()
        )
        raise KnowledgeError(f"{path}: {problems}") from exc


class Knowledge:
    """All knowledge files, loaded and cross-checked."""

    def __init__(self, directory: Path) -> None:
        """Load and validate every file in ``directory``.

        Raises:
            KnowledgeError: naming the file, field and reason of the first problem.
        """
        self.directory = directory
        self.causes: CausesFile = _load_file(directory / "causes.yml", CausesFile)
        self.symptoms: SymptomsFile = _load_file(directory / "symptoms.yml", SymptomsFile)
        self.red_flags: RedFlagsFile = _load_file(directory / "red_flags.yml", RedFlagsFile)
        self.questions: QuestionsFile = _load_file(directory / "questions.yml", QuestionsFile)
        self.medications: MedicationsFile = _load_file(
            directory / "medications.yml", MedicationsFile
        )
        self.foods: FoodsFile = _load_file(directory / "foods.yml", FoodsFile)
        self.drinks: DrinksFile = _load_file(directory / "drinks.yml", DrinksFile)
        self.strategies: StrategiesFile = _load_file(directory / "strategies.yml", StrategiesFile)
        self.topics: TopicsFile = _load_file(directory / "topics.yml", TopicsFile)
        self.safety: SafetyFile = _load_file(directory / "safety.yml", SafetyFile)
        self.templates: Templates = _load_file(directory / "templates.yml", Templates)
        self.reader: ReaderFile = _load_file(directory / "reader.yml", ReaderFile)
        self.passages: PassagesFile = _load_file(directory / "passages.yml", PassagesFile)
        self._check()

    # ------------------------------------------------------------ look-ups
    def cause(self, cause_id: str) -> Cause:
        """The cause with this id."""
        return next(c for c in self.causes.causes if c.id == cause_id)

    def question(self, slot: str) -> Question:
        """The question that fills ``slot``."""
        return next(q for q in self.questions.questions if q.slot == slot)

    def symptom(self, symptom_id: str) -> Term:
        """The symptom with this id."""
        return next(s for s in self.symptoms.symptoms if s.id == symptom_id)

    def strategy(self, strategy_id: str) -> Strategy:
        """The strategy with this id."""
        return next(s for s in self.strategies.strategies if s.id == strategy_id)

    def topic(self, topic_id: str) -> Topic:
        """The topic with this id."""
        return next(t for t in self.topics.topics if t.id == topic_id)

    def red_flag(self, flag_id: str) -> RedFlag:
        """The red flag with this id."""
        return next(r for r in self.red_flags.red_flags if r.id == flag_id)

    def medication_class(self, class_id: str) -> MedicationClass:
        """The medication class with this id."""
        return next(m for m in self.medications.classes if m.id == class_id)

    def passages_for(self, refs: List[str]) -> List[Passage]:
        """The source passages behind ``refs`` (``cause:<id>``, ``topic:<id>`` …), each
        once, in the document's order."""
        wanted = set(refs)
        return [p for p in self.passages.passages if wanted & set(p.for_)]

    @property
    def question_slots(self) -> List[str]:
        """The assessment's slots, in the order they are asked."""
        return [q.slot for q in self.questions.questions]

    @property
    def emergency_number(self) -> str:
        """The emergency number to show: the environment's, else the default."""
        configured = os.environ.get(EMERGENCY_NUMBER_ENV, "").strip()
        return configured or self.red_flags.emergency_number_default

    # ------------------------------------------------------------ cross-checks
    def _check(self) -> None:
        d = self.directory
        cause_ids = [c.id for c in self.causes.causes]
        slots = {q.slot: q for q in self.questions.questions}
        med_classes = {m.id for m in self.medications.classes}
        strategy_ids = {s.id for s in self.strategies.strategies}
        _unique(d / "causes.yml", "causes.id", cause_ids)
        _unique(d / "symptoms.yml", "symptoms.id", [s.id for s in self.symptoms.symptoms])
        _unique(d / "questions.yml", "questions.slot", list(slots))
        _unique(d / "topics.yml", "topics.id", [t.id for t in self.topics.topics])
        _unique(d / "strategies.yml", "strategies.id", list(strategy_ids))
        symptom_ids = {s.id for s in self.symptoms.symptoms}
        flag_ids = [r.id for r in self.red_flags.red_flags]
        _unique(d / "red_flags.yml", "red_flags.id", flag_ids)
        for i, flag in enumerate(self.red_flags.red_flags):
            for other in flag.escalate_with:
                field = f"red_flags.{i}.escalate_with"
                _known(
                    d / "red_flags.yml", field, other, {*flag_ids, *symptom_ids}, "flag or symptom"
                )
        advice = self.templates.summary.advice
        if set(advice) != {*TIERS, "unknown"}:
            raise KnowledgeError(
                f"{d / 'templates.yml'}: field 'summary.advice': need exactly {[*TIERS, 'unknown']}"
            )
        missing = [t for t in (*TIERS, "unknown") if t not in self.safety.tiers]
        if missing:
            raise KnowledgeError(f"{d / 'safety.yml'}: field 'tiers': no message for {missing}")
        for i, cause in enumerate(self.causes.causes):
            field = f"causes.{i}.associated_symptoms"
            for sym in cause.associated_symptoms:
                _known(d / "causes.yml", field, sym, symptom_ids, "symptom")
            for j, ev in enumerate(cause.evidence):
                field = f"causes.{i}.evidence.{j}"
                _known(d / "causes.yml", field, ev.question, slots, "question")
                allowed = {o.value for o in slots[ev.question].options}
                allowed |= {b.value for b in slots[ev.question].numeric_bands}
                if ev.question == "medications":
                    allowed |= med_classes
                for answer in ev.answers:
                    _known(d / "causes.yml", field, answer, allowed, "answer")
                    _known(
                        d / "templates.yml",
                        f"reasons.{ev.question}",
                        answer,
                        self.templates.reasons.get(ev.question) or {},
                        "reason for answer",
                    )
        for i, q in enumerate(self.questions.questions):
            for cause_id in q.causes:
                _known(d / "questions.yml", f"questions.{i}.causes", cause_id, cause_ids, "cause")
            options = {o.value for o in q.options}
            for symptom, value in q.from_symptoms.items():
                field = f"questions.{i}.from_symptoms"
                _known(d / "questions.yml", field, symptom, symptom_ids, "symptom")
                _known(d / "questions.yml", field, value, options, "option")
            for value in q.yes_no.values():
                _known(d / "questions.yml", f"questions.{i}.yes_no", value, options, "option")
            for band in [*q.weekly_bands, *q.scale_bands, *(b for b in q.litre_bands if b.value)]:
                _known(
                    d / "questions.yml",
                    f"questions.{i}.weekly_bands",
                    band.value,
                    options,
                    "option",
                )
        water = self.templates.water_follow_up
        hydration = {o.value for o in slots["hydration"].options} if "hydration" in slots else set()
        for name, button in (("often", water.often), ("rarely", water.rarely)):
            field = f"water_follow_up.{name}.payload"
            _known(d / "templates.yml", field, button.payload, hydration, "hydration option")
        for i, strat in enumerate(self.strategies.strategies):
            for cause_id in strat.for_causes:
                field = f"strategies.{i}.for_causes"
                _known(d / "strategies.yml", field, cause_id, cause_ids, "cause")
        for sid in self.strategies.general:
            _known(d / "strategies.yml", "general", sid, strategy_ids, "strategy")
        for i, med in enumerate(self.medications.classes):
            _known(d / "medications.yml", f"classes.{i}.cause", med.cause, cause_ids, "cause")
        topic_ids = {t.id for t in self.topics.topics}
        _known(d / "topics.yml", "default_topic", self.topics.default_topic, topic_ids, "topic")
        references = {"nih", "safety:overdose"} | {f"strategy:{s}" for s in strategy_ids}
        references |= {f"cause:{c}" for c in cause_ids}
        for i, topic in enumerate(self.topics.topics):
            for ref in topic.refs:
                _known(d / "topics.yml", f"topics.{i}.refs", ref, references, "reference")
        for slot in self.templates.reasons:
            _known(d / "templates.yml", "reasons", slot, {*slots, "symptoms"}, "question")
        self._check_passages(references | {f"topic:{t}" for t in topic_ids})

    def _check_passages(self, references: Set[str]) -> None:
        """Every passage backs something known; every cause, strategy and topic that is
        not only a safety addition has a passage ("Where does it say that?")."""
        path = self.directory / "passages.yml"
        _unique(path, "passages.id", [p.id for p in self.passages.passages])
        known = references | {f"safety:{name}" for name in SafetyFile.__fields__}
        known |= {"result", "professional", "vitamin_d_intro"}
        backed: Set[str] = set()
        for i, passage in enumerate(self.passages.passages):
            for ref in passage.for_:
                _known(path, f"passages.{i}.for", ref, known, "reference")
            backed.update(passage.for_)
        needed = [f"cause:{c.id}" for c in self.causes.causes]
        needed += [f"strategy:{s.id}" for s in self.strategies.strategies]
        needed += [f"topic:{t.id}" for t in self.topics.topics if not t.safety_addition]
        needed += ["result", "professional", "nih", "vitamin_d_intro"]
        missing = [ref for ref in needed if ref not in backed]
        if missing:
            raise KnowledgeError(f"{path}: field 'passages': nothing backs {missing}")


def _known(path: Path, field: str, value: str, known: Collection[str], what: str) -> None:
    """Raise a KnowledgeError unless ``value`` is one of ``known``."""
    if value not in known:
        raise KnowledgeError(f"{path}: field '{field}': unknown {what} '{value}'")


def _unique(path: Path, field: str, ids: List[str]) -> None:
    seen = set()
    for item in ids:
        if item in seen:
            raise KnowledgeError(f"{path}: field '{field}': duplicate id '{item}'")
        seen.add(item)


@lru_cache(maxsize=4)
def load_knowledge(directory: str | None = None) -> Knowledge:
    """Load (once, then cached) the knowledge from ``directory``.

    Args:
        directory: a folder of knowledge files; ``bot/knowledge/`` by default.
    """
    return Knowledge(Path(directory) if directory else DEFAULT_DIR)
