"""Whole-word phrase matching, the one matcher used on user text in ``bot/``.

Phrases are matched on lowercase word tokens, longest phrase first, without
overlaps. A plural ``s``/``es`` on a word is tolerated, and a match preceded
closely by a negation word ("no chest pain") is flagged as negated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, List, Mapping, Sequence, Tuple

_TOKEN = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*")
_NEGATIONS = frozenset(
    {
        "no",
        "not",
        "never",
        "none",
        "without",
        "don't",
        "haven't",
        "hasn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "nor",
        "neither",
    }
)
_NEGATION_WINDOW = 3
# Words that keep a negation going over a list of phrases.
_LIST_WORDS = frozenset({"or", "and", "nor", "any", "no", "either"})


# Contractions typed without the apostrophe.
_CONTRACTIONS = {
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "cant": "can't",
    "isnt": "isn't",
    "arent": "aren't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "im": "i'm",
    "ive": "i've",
    "wasnt": "wasn't",
}


def tokenize(text: str) -> List[str]:
    """Lowercase word tokens of ``text`` (apostrophes and contractions normalised)."""
    cleaned = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return [_CONTRACTIONS.get(t, t) for t in _TOKEN.findall(cleaned)]


def token_spans(text: str) -> List[Tuple[str, int, int]]:
    """:func:`tokenize`'s tokens with their character offsets in ``text``."""
    cleaned = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return [
        (_CONTRACTIONS.get(m.group(), m.group()), m.start(), m.end())
        for m in _TOKEN.finditer(cleaned)
    ]


def word_forms(word: str) -> List[str]:
    """The forms a phrase word may take in text: itself and simple plurals."""
    forms = [word]
    if word[-1:].isalpha() and not word.endswith("s"):
        forms.append(word + "s")
        if word.endswith(("sh", "ch", "x")):
            forms.append(word + "es")
        if word.endswith("y") and len(word) > 2:
            forms.append(word[:-1] + "ies")
    return forms


@dataclass(frozen=True)
class Match:
    """One phrase found in a text."""

    key: str
    phrase: str
    start: int
    end: int
    negated: bool
    start_char: int = 0
    end_char: int = 0


class PhraseMatcher:
    """Finds phrases (each mapped to a key) as whole words in text."""

    def __init__(self, phrases: Mapping[str, str]) -> None:
        """Build the matcher.

        Args:
            phrases: phrase → key. Phrases are tokenized like user text.
        """
        # Each phrase word as the set of its accepted forms, computed once here
        # rather than on every message.
        self._entries: List[Tuple[List[FrozenSet[str]], str, str]] = []
        for phrase, key in phrases.items():
            tokens = tokenize(phrase)
            if tokens:
                forms = [frozenset(word_forms(t)) for t in tokens]
                self._entries.append((forms, phrase, key))
        # Longest first, so "not stressed" wins over "stressed".
        self._entries.sort(key=lambda entry: -len(entry[0]))
        # Word form -> indices of the entries whose first word takes that form, so a
        # message is checked against the phrases that can start in it, not all of them.
        self._by_first: Dict[str, List[int]] = {}
        for index, (forms, _, _) in enumerate(self._entries):
            for form in forms[0]:
                self._by_first.setdefault(form, []).append(index)

    def find(self, text: str) -> List[Match]:
        """All non-overlapping matches in ``text``, in text order."""
        spans = token_spans(text)
        tokens = [t for t, _, _ in spans]
        taken = [False] * len(tokens)
        found: List[Match] = []
        candidates = sorted({i for t in tokens for i in self._by_first.get(t, ())})
        for words, phrase, key in (self._entries[i] for i in candidates):
            size = len(words)
            for start in range(len(tokens) - size + 1):
                end = start + size
                if any(taken[start:end]):
                    continue
                if all(tokens[start + i] in forms for i, forms in enumerate(words)):
                    for i in range(start, end):
                        taken[i] = True
                    window = tokens[max(0, start - _NEGATION_WINDOW) : start]
                    starts_negated = not words[0].isdisjoint(_NEGATIONS)  # "not stressed"
                    negated = not starts_negated and any(t in _NEGATIONS for t in window)
                    found.append(
                        Match(key, phrase, start, end, negated, spans[start][1], spans[end - 1][2])
                    )
        found.sort(key=lambda m: m.start)
        return _carry_negation(found, tokens)

    def keys(self, text: str, include_negated: bool = False) -> List[str]:
        """Distinct keys found in ``text``, in text order."""
        seen: Dict[str, None] = {}
        for match in self.find(text):
            if include_negated or not match.negated:
                seen.setdefault(match.key, None)
        return list(seen)


def _carry_negation(matches: List[Match], tokens: List[str]) -> List[Match]:
    """Extend a negation over a list: "no chest pain or trouble swallowing"."""
    out: List[Match] = []
    for match in matches:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.negated
            and not match.negated
            and all(t in _LIST_WORDS for t in tokens[previous.end : match.start])
        ):
            match = Match(
                match.key,
                match.phrase,
                match.start,
                match.end,
                True,
                match.start_char,
                match.end_char,
            )
        out.append(match)
    return out


def phrase_map(groups: Iterable[Tuple[str, Sequence[str]]]) -> Dict[str, str]:
    """Flatten ``(key, phrases)`` groups into phrase → key (first key wins)."""
    mapping: Dict[str, str] = {}
    for key, phrases in groups:
        for phrase in phrases:
            mapping.setdefault(phrase.lower(), key)
    return mapping
