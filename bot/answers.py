"""Answers built from the knowledge and the reply templates.

Every user-facing sentence here comes from a knowledge file; this module only
chooses and assembles them.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Mapping, Tuple

from bot.assessment import Ranking
from bot.knowledge import Knowledge
from bot.safety import join_words, red_flag_list, warning_signs

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

    def water_follow_up(self, words: str, later: bool = False) -> tuple[str, List[Button]]:
        """An amount of water the options don't place: thirst and dark urine decide.
        ``later``: the amount was noted at an earlier question and is recalled."""
        t = self.t.water_follow_up
        buttons = [
            {"title": b.title, "payload": "/inform" + json.dumps({"answer": b.payload})}
            for b in (t.often, t.rarely)
        ]
        lead = (t.recalled if later else t.noted).format(words=words)
        return f"{lead} {t.text}", buttons

    def water_noted(self, words: str) -> str:
        """An amount of water said while another question is asked: kept for later."""
        return self.t.water_follow_up.noted.format(words=words)

    def not_understood(self, slot: str) -> str:
        """A re-prompt naming the options of the question."""
        titles = [o.title for o in self.k.question(slot).options]
        hint = "You can answer in your own words or pick one: " + join_words(titles, "or") + "."
        return self.t.answer_not_understood.format(hint=hint)

    def correction_done(self, slot: str, value_text: str) -> str:
        """Confirmation that an earlier answer was changed."""
        label = self.t.question_labels.get(slot, slot)
        return self.t.correction_done.format(question=label, value=value_text)

    def noted(self, quotes: Mapping[str, str]) -> str:
        """Said once when a message volunteers answers: what was taken, in the user's words."""
        items = [
            self.t.noted_item.format(label=self.t.question_labels.get(s, s), words=w.strip())
            for s, w in quotes.items()
        ]
        that = "it" if len(items) == 1 else "them"
        return self.t.noted.format(items=join_words(items, "and"), that=that)

    def understood(self, profile: Mapping[str, Any], understood: Mapping[str, Any]) -> str:
        """The "here is what I understood" line before a result (see :meth:`answer_items`)."""
        return self.t.understood.format(items=self.answer_items(profile, understood))

    def answer_items(self, profile: Mapping[str, Any], understood: Mapping[str, Any]) -> str:
        """Each answer (with the words it came from when the reader took it), warning
        signs ruled out, past medicines, how long, and the typos read, as one list."""
        words = understood.get("words") or {}
        items: List[str] = []
        if understood.get("duration") and not profile.get("duration"):
            items.append(self.t.understood_duration.format(words=understood["duration"]))
        for slot in self.k.question_slots:
            value = profile.get(slot)
            if value is None or slot == "red_flag":
                continue
            label = self.t.question_labels.get(slot, slot)
            shown = self.shown_value(slot, profile)
            if words.get(slot):
                items.append(
                    self.t.understood_words.format(label=label, value=shown, words=words[slot])
                )
            else:
                items.append(self.t.understood_item.format(label=label, value=shown))
        for flag_id, flag_words in understood.get("ruled_out") or []:
            names = [r.name for r in self.k.red_flags.red_flags if r.id == flag_id]
            if names:
                items.append(self.t.understood_ruled_out.format(flags=names[0], words=flag_words))
        if understood.get("past_medicines"):
            past = join_words([str(n) for n in understood["past_medicines"]], "and")
            items.append(self.t.understood_past.format(names=past))
        if understood.get("corrections"):
            pairs = join_words(
                [
                    self.t.understood_typo.format(typed=a, read=b)
                    for a, b in understood["corrections"]
                ],
                "and",
            )
            items.append(self.t.understood_typos.format(pairs=pairs))
        if understood.get("unplaced"):
            unplaced = join_words([f'"{w}"' for w in understood["unplaced"]], "and")
            items.append(self.t.understood_unplaced.format(words=unplaced))
        return "; ".join(items)

    def shown_value(
        self, slot: str, profile: Mapping[str, Any], medicines: str | None = None
    ) -> str:
        """An answer as listed back to the user: the option, the number of drinks when
        counted, the medicines as named (or ``medicines``, e.g. each with its class)."""
        shown = self.value_text(slot, profile.get(slot))
        cups = profile.get("caffeine_cups")
        if slot == "caffeine" and isinstance(cups, (int, float)) and cups:
            shown = self.t.cups_known.format(cups=f"{cups:g}")
        if slot == "medications" and profile.get("medication_names"):
            names = join_words([str(n) for n in profile["medication_names"]], "and")
            shown = medicines if medicines is not None else names
        return shown

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
            elif slot == "medications" and v == "other":
                out.append(self.t.unlisted_medicine_class)
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
            messages.append(
                topic.answer.format(
                    cause_list=join_words(cause_names, "and"), warning_signs=warning_signs(self.k)
                )
            )
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
            listed = c.associated_symptoms_note or join_words(symptoms, "and")
            return f"{c.name}: {c.how} " + self.t.cause_symptoms.strip().format(symptoms=listed)
        if kind == "safety":
            return self.k.safety.overdose.text.format(emergency_number=self.k.emergency_number)
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
    def short_result(
        self, ranking: Ranking, profile: Mapping[str, Any] | None = None
    ) -> Tuple[List[str], List[Button]]:
        """The short result: the causes that might play a part (at most
        ``short_max_causes``, one line each with the user's reasons), the lines some answers
        call for, then how long, the close and the disclaimer; and the buttons that open
        the rest (what can help, why these, a cause, the summary, the source, a change)."""
        profile = profile or {}
        first: List[str] = []
        if self._mostly_skipped(ranking, profile):
            first.append(self.t.mostly_skipped)
        elif ranking.likely:
            shown = ranking.likely[: self.t.short_max_causes]
            lines = [self.t.short_intro]
            for scored in shown:
                lines.append(
                    self.t.short_cause_line.format(
                        cause=self.k.cause(scored.cause_id).name,
                        reasons=self.t.reason_joiner.join(scored.reasons),
                    )
                )
            rest = [self.k.cause(c.cause_id).name for c in ranking.likely[len(shown) :]]
            if rest:
                lines.append(self.t.short_more.format(causes=join_words(rest, "and")))
            first.append("\n\n".join(lines))  # a paragraph each: the widget keeps the lines
        else:
            first.append(self.t.nothing_stands_out)
        notes = self._notes(profile)
        if notes:
            first.append(notes)
        close = self.t.short_close.format(
            professional=self.k.strategies.professional.text, disclaimer=self.disclaimer()
        )
        duration = self.duration_words(profile)
        if duration:
            close = self.t.short_duration.format(duration=duration) + " " + close
        return ["\n\n".join(first), close], self.result_buttons(ranking)

    def result_buttons(self, ranking: Ranking) -> List[Button]:
        """The buttons under a short result (a cause button for the first cause shown)."""
        buttons: List[Button] = []
        for b in self.t.result_buttons:
            if b.id in ("why", "cause") and not ranking.likely:
                continue
            if b.id == "cause":
                cause = self.k.cause(ranking.likely[0].cause_id)
                topic = self.topic_for_cause(cause.id)
                buttons.append(
                    {
                        "title": b.title.format(cause=cause.name),
                        "payload": b.payload.replace("{topic}", topic),
                    }
                )
            else:
                buttons.append({"title": b.title, "payload": b.payload})
        return buttons

    def source_button(self) -> List[Button]:
        """The "Where does it say that?" button, for any answer that states something."""
        return [
            {"title": b.title, "payload": b.payload}
            for b in self.t.result_buttons
            if b.id == "source"
        ]

    def topic_for_cause(self, cause_id: str) -> str:
        """The topic whose answer starts with this cause (``cause:<id>`` as first ref)."""
        ref = f"cause:{cause_id}"
        found = [t.id for t in self.k.topics.topics if t.refs and t.refs[0] == ref]
        return found[-1] if found else self.k.topics.default_topic

    def result_refs(self, ranking: Ranking) -> List[str]:
        """What a short result says, for "Where does it say that?"."""
        shown = ranking.likely[: self.t.short_max_causes]
        return ["result", *[f"cause:{c.cause_id}" for c in shown], "professional"]

    def why_result(self, ranking: Ranking) -> List[str]:
        """ "Why these?": every cause that might play a part with the user's reasons, how
        it can lead to twitches and the symptoms that go with it (the table's columns)."""
        if not ranking.likely:
            return [self.t.why_nothing]
        messages = [self.t.why_intro]
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
        return messages

    def strategy_ids(self, ranking: Ranking, profile: Mapping[str, Any]) -> List[str]:
        """The strategies for the causes that might play a part (the general ones when
        none matched or most questions were skipped)."""
        if ranking.likely and not self._mostly_skipped(ranking, profile):
            return self._strategies_for([c.cause_id for c in ranking.likely])
        return list(self.k.strategies.general)

    def what_can_help(self, ranking: Ranking, profile: Mapping[str, Any]) -> List[str]:
        """ "What can help" after a result: the strategies for its causes (the vitamin D
        ones under the source's "if a healthcare professional identifies low vitamin D"),
        then the close."""
        strategy_ids = self.strategy_ids(ranking, profile)
        lines = [self.t.strategies_intro]
        tested = [sid for sid in strategy_ids if self.k.strategy(sid).after_testing]
        for sid in strategy_ids:
            s = self.k.strategy(sid)
            if not s.after_testing:
                lines.append(self.t.strategy_line.format(title=s.title, text=s.text))
        if tested:
            lines.append(self.k.strategies.vitamin_d_intro.text)
            for sid in tested:
                s = self.k.strategy(sid)
                lines.append(self.t.strategy_line.format(title=s.title, text=s.text))
        close = self.t.close.format(
            professional=self.k.strategies.professional.text, nih=self.k.strategies.nih.text
        )
        return ["\n\n".join(lines), close]

    def strategy_refs(self, ranking: Ranking, profile: Mapping[str, Any]) -> List[str]:
        """What "What can help" says, for "Where does it say that?"."""
        ids = self.strategy_ids(ranking, profile)
        refs = [f"strategy:{sid}" for sid in ids]
        if any(self.k.strategy(sid).after_testing for sid in ids):
            refs.append("vitamin_d_intro")
        return [*refs, "professional", "nih"]

    def _mostly_skipped(self, ranking: Ranking, profile: Mapping[str, Any]) -> bool:
        skip = self.k.questions.skip_value
        answers = [profile.get(s) for s in self.k.question_slots if s != "red_flag"]
        skipped = [a for a in answers if a in (skip, [skip])]
        return not ranking.likely and bool(answers) and len(skipped) * 2 > len(answers)

    def _notes(self, profile: Mapping[str, Any]) -> str:
        notes = []
        if "muscle_weakness" in (profile.get("symptoms") or []):
            notes.append(self.t.weakness_line)
        if "other" in (profile.get("medications") or []):
            notes.append(self.t.other_medicine)
        return " ".join(notes)

    def duration_words(self, profile: Mapping[str, Any]) -> str:
        """How long, in the user's words when they typed it, else the option chosen."""
        duration = profile.get("duration")
        said = (profile.get("understood") or {}).get("duration")
        if duration and duration != self.k.questions.skip_value:
            words = (profile.get("understood") or {}).get("words", {}).get("duration")
            return str(words or self.value_text("duration", duration).lower())
        return str(said or "")

    # -------------------------------------------------------------- sources
    def sources(self, refs: List[str]) -> List[str]:
        """ "Where does it say that?": the source's passages behind ``refs``, each with its
        section, and a line saying which parts are the project's safety additions."""
        if not refs:
            return [self.t.source_nothing.format(title=self.k.passages.title)]
        passages = self.k.passages_for(refs)
        messages = [self.t.source_intro.format(title=self.k.passages.title)] if passages else []
        for p in passages:
            where = self.t.source_where.format(where=p.where) if p.where else ""
            joiner = " | " if len(p.quote) > 1 and p.where else " "  # a table row's cells
            quote = joiner.join(q.removeprefix("- ") for q in p.quote)
            messages.append(
                self.t.source_passage.format(section=p.section, where=where, quote=quote)
            )
        if any(self._is_safety_addition(ref) for ref in refs) or not passages:
            messages.append(self.t.source_safety)
        return messages

    def _is_safety_addition(self, ref: str) -> bool:
        kind, _, ref_id = ref.partition(":")
        if kind == "safety":
            return True
        if kind == "topic":
            return any(t.safety_addition for t in self.k.topics.topics if t.id == ref_id)
        if kind == "strategy":
            return any(s.safety_addition for s in self.k.strategies.strategies if s.id == ref_id)
        return False

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
