"""Answers built from the knowledge and the reply templates.

Every user-facing sentence here comes from a knowledge file; this module only
chooses and assembles them.
"""

from __future__ import annotations

import json
from typing import Dict, List

from bot.assessment import Ranking
from bot.knowledge import Knowledge
from bot.safety import join_words, red_flag_list

Button = Dict[str, str]
SKIP_BUTTON_TITLE = "Not sure / skip"


class Answers:
    """Renders questions, explanations, topic answers and results."""

    def __init__(self, knowledge: Knowledge) -> None:
        """Use ``knowledge`` for every text."""
        self.k = knowledge
        self.t = knowledge.templates

    # ------------------------------------------------------------ questions
    def question(self, slot: str) -> tuple[str, List[Button]]:
        """The question text for ``slot`` and its buttons (payloads included)."""
        q = self.k.question(slot)
        symptom_names = [s.name for s in self.k.symptoms.symptoms]
        text = q.ask.format(
            red_flag_list=red_flag_list(self.k), symptom_list=join_words(symptom_names, "or")
        )
        buttons = [
            {"title": o.title, "payload": "/inform" + json.dumps({"answer": o.value})}
            for o in q.options
        ]
        if slot != "red_flag":
            buttons.append({"title": SKIP_BUTTON_TITLE, "payload": "/skip"})
        return text, buttons

    def why(self, slot: str | None) -> str:
        """Why we ask the question for ``slot`` (from the knowledge)."""
        if not slot or slot not in self.k.question_slots:
            return self.t.why_unknown
        return self.k.question(slot).why

    def not_understood(self, slot: str) -> str:
        """A re-prompt naming the options of the question."""
        titles = [o.title for o in self.k.question(slot).options]
        hint = "You can answer in your own words or pick one: " + join_words(titles, "or") + "."
        return self.t.answer_not_understood.format(hint=hint)

    def correction_done(self, slot: str, value_text: str) -> str:
        """Confirmation that an earlier answer was changed."""
        label = self.t.question_labels.get(slot, slot)
        return self.t.correction_done.format(question=label, value=value_text)

    def value_text(self, slot: str, value: object) -> str:
        """A readable form of a slot value (option title, symptom names ...)."""
        q = self.k.question(slot)
        titles = {o.value: o.title for o in q.options}
        values = value if isinstance(value, list) else [value]
        out: List[str] = []
        for v in values:
            if slot == "symptoms" and v not in titles:
                out.append(self.k.symptom(str(v)).name)
            elif slot == "medications" and v in {m.id for m in self.k.medications.classes}:
                out.append(self.k.medication_class(str(v)).name)
            else:
                out.append(titles.get(str(v), str(v)))
        return join_words(out, "and")

    # --------------------------------------------------------------- topics
    def topic(self, topic_id: str) -> List[str]:
        """Messages answering a question about ``topic_id``."""
        topic = self.k.topic(topic_id)
        messages: List[str] = []
        if topic.answer:
            cause_names = [c.name for c in self.k.causes.causes]
            messages.append(topic.answer.format(cause_list=join_words(cause_names, "and")))
        for ref in topic.refs:
            messages.append(self._ref(ref))
        return messages

    def _ref(self, ref: str) -> str:
        kind, _, ref_id = ref.partition(":")
        if kind == "strategy":
            s = self.k.strategy(ref_id)
            return self.t.strategy_line.format(title=s.title, text=s.text)
        if kind == "cause":
            c = self.k.cause(ref_id)
            symptoms = [self.k.symptom(s).name for s in c.associated_symptoms]
            return f"{c.name}: {c.how} " + self.t.cause_symptoms.strip().format(
                symptoms=join_words(symptoms, "and")
            )
        return self.k.strategies.nih.text

    def suggestions(self, ranked_intents: List[str]) -> List[Button]:
        """Buttons for the likeliest intents (best first), topped up with defaults."""
        config = self.t.suggestions
        chosen: List[Button] = []
        for intent in [*ranked_intents, *config.fallback]:
            button = config.buttons.get(intent)
            if button is None:
                continue
            entry = {"title": button.title, "payload": button.payload}
            if entry not in chosen:
                chosen.append(entry)
            if len(chosen) == config.max:
                break
        return chosen

    def disclaimer(self) -> str:
        """The disclaimer text."""
        return self.k.safety.disclaimer.text

    # --------------------------------------------------------------- result
    def result(self, ranking: Ranking) -> List[str]:
        """The assessment result: ranked causes with reasons, strategies, close."""
        messages: List[str] = []
        disclaimer = self.disclaimer()
        if ranking.likely:
            messages.append(self.t.result_intro.format(disclaimer=disclaimer))
            for rank, scored in enumerate(ranking.likely, start=1):
                cause = self.k.cause(scored.cause_id)
                line = self.t.cause_line.format(
                    rank=rank,
                    cause=cause.name,
                    reasons=self.t.reason_joiner.join(scored.reasons),
                    how=cause.how,
                )
                symptoms = cause.associated_symptoms_note or join_words(
                    [self.k.symptom(s).name for s in cause.associated_symptoms], "and"
                )
                messages.append(line + "\n" + self.t.cause_symptoms.format(symptoms=symptoms))
            strategy_ids = self._strategies_for([c.cause_id for c in ranking.likely])
        else:
            messages.append(self.t.nothing_stands_out.format(disclaimer=disclaimer))
            strategy_ids = list(self.k.strategies.general)
        lines = [self.t.strategies_intro]
        for sid in strategy_ids:
            s = self.k.strategy(sid)
            lines.append(self.t.strategy_line.format(title=s.title, text=s.text))
        messages.append("\n".join(lines))
        messages.append(
            self.t.close.format(
                professional=self.k.strategies.professional.text,
                nih=self.k.strategies.nih.text,
            )
        )
        return messages

    def _strategies_for(self, cause_ids: List[str]) -> List[str]:
        """Strategies for the causes, taken in turns so each cause gets its first."""
        per_cause = [
            [s.id for s in self.k.strategies.strategies if cause_id in s.for_causes]
            for cause_id in cause_ids
        ]
        chosen: List[str] = []
        for round_ in range(max((len(p) for p in per_cause), default=0)):
            for ids in per_cause:
                if round_ < len(ids) and ids[round_] not in chosen:
                    chosen.append(ids[round_])
        return chosen[: self.k.strategies.max_strategies]
