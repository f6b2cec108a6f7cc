"""Phrase matchers built once from the knowledge: symptoms, red flags, topics,
foods, drinks, medicine names, and each question's answer options."""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, List, Tuple

from bot.knowledge import Knowledge, load_knowledge
from bot.matching import PhraseMatcher, phrase_map

# EntityRuler labels and the knowledge each is generated from.
ENTITY_LABELS = ("red_flag", "symptom", "medication", "food", "drink", "topic")


class Lexicon:
    """Matchers for every kind of term in the knowledge."""

    def __init__(self, knowledge: Knowledge) -> None:
        """Build all matchers from ``knowledge``."""
        self.knowledge = knowledge
        self.groups: Dict[str, List[Tuple[str, List[str]]]] = {
            "red_flag": [(r.id, r.phrases) for r in knowledge.red_flags.red_flags],
            "symptom": [(s.id, s.phrases) for s in knowledge.symptoms.symptoms],
            "medication": [(m.id, [*m.names, *m.combined]) for m in knowledge.medications.classes],
            "food": [(f.id, f.phrases) for f in knowledge.foods.foods],
            "drink": [(d.id, d.phrases) for d in knowledge.drinks.drinks],
            "topic": [(t.id, t.phrases) for t in knowledge.topics.topics],
        }
        self.matchers = {
            label: PhraseMatcher(phrase_map(groups)) for label, groups in self.groups.items()
        }
        self.about_matchers = {
            q.slot: PhraseMatcher(phrase_map([(q.slot, q.about)]))
            for q in knowledge.questions.questions
        }
        self.option_matchers = {
            q.slot: PhraseMatcher(phrase_map((o.value, o.phrases) for o in q.options))
            for q in knowledge.questions.questions
        }

    def find(self, label: str, text: str, include_negated: bool = False) -> List[str]:
        """Ids of ``label`` terms found in ``text``, in text order."""
        return self.matchers[label].keys(text, include_negated=include_negated)

    def medication_names(self, text: str) -> List[Tuple[str, str]]:
        """``(class id, name as known)`` for each medicine named in ``text``."""
        return [(m.key, m.phrase) for m in self.matchers["medication"].find(text) if not m.negated]


@lru_cache(maxsize=4)
def get_lexicon(directory: str = "") -> Lexicon:
    """The lexicon for the knowledge in ``directory`` (default folder if empty)."""
    return Lexicon(load_knowledge(directory or None))
