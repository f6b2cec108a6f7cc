"""Whole-word phrase matching, the one matcher used on user text in ``bot/``.

Phrases are matched on lowercase word tokens, longest phrase first, without
overlaps. A plural ``s``/``es`` on a word is tolerated, and a match preceded
closely by a negation word ("no chest pain") is flagged as negated. A phrase with
``...`` between its words lets a few other words stand there ("pee ... dark" finds
"my pee has been really dark"; at most :data:`GAP` words, never past a sentence or
clause mark).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
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
# Words a "..." in a phrase may stand for, at most.
GAP = 3
GAP_MARK = "..."
# Characters that end the stretch a gap may cross.
_CLAUSE_MARK = re.compile(r"[.,;:!?\n]")
# Words that keep a negation going over a list of phrases.
_LIST_WORDS = frozenset({"or", "and", "nor", "any", "no", "either"})


# Words whose "'s" is "is" ("it's", "that's"), not a noun's.
_NOT_POSSESSIVE = frozenset({"it", "he", "she", "that", "what", "there", "who", "let", "here"})

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
    return list(_token_spans(text))


@lru_cache(maxsize=2048)
def _token_spans(text: str) -> Tuple[Tuple[str, int, int], ...]:
    # Cached: the reader looks at the same message and clauses with many matchers.
    cleaned = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return tuple(
        (_CONTRACTIONS.get(m.group(), m.group()), m.start(), m.end())
        for m in _TOKEN.finditer(cleaned)
    )


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
        # A phrase is its words as sets of accepted forms; ``None`` marks a gap.
        self._entries: List[Tuple[List[FrozenSet[str] | None], str, str]] = []
        for phrase, key in phrases.items():
            forms: List[FrozenSet[str] | None] = []
            for part in phrase.split(GAP_MARK):
                tokens = tokenize(part)
                if tokens and forms:
                    forms.append(None)
                # "mood's been low", "my wee's dark": a word with 's is the word
                forms.extend(
                    frozenset([*word_forms(t), *([] if t in _NOT_POSSESSIVE else [t + "'s"])])
                    for t in tokens
                )
            if forms:
                self._entries.append((forms, phrase, key))
        # Longest first, so "not stressed" wins over "stressed".
        self._entries.sort(key=lambda entry: -sum(1 for f in entry[0] if f is not None))
        # Word form -> indices of the entries whose first word takes that form, so a
        # message is checked against the phrases that can start in it, not all of them.
        self._by_first: Dict[str, List[int]] = {}
        for index, (forms, _, _) in enumerate(self._entries):
            for form in forms[0] or ():
                self._by_first.setdefault(form, []).append(index)

    def find(self, text: str) -> List[Match]:
        """All non-overlapping matches in ``text``, in text order."""
        spans = token_spans(text)
        tokens = [t for t, _, _ in spans]
        # Index of the clause each token is in (a gap never crosses a clause mark).
        clause: List[int] = []
        marks = [m.start() for m in _CLAUSE_MARK.finditer(text)]
        for _, begin, _ in spans:
            clause.append(bisect.bisect_left(marks, begin))
        taken = [False] * len(tokens)
        found: List[Match] = []
        # Where each word is, so a phrase is tried only where its first word stands.
        where: Dict[str, List[int]] = {}
        for index, token in enumerate(tokens):
            where.setdefault(token, []).append(index)
        candidates = sorted({i for t in tokens for i in self._by_first.get(t, ())})
        for words, phrase, key in (self._entries[i] for i in candidates):
            starts = sorted({i for form in words[0] or () for i in where.get(form, ())})
            for start in starts:
                used = _match_at(words, tokens, clause, taken, start)
                if used is None:
                    continue
                end = used[-1] + 1
                for i in used:
                    taken[i] = True
                window = tokens[max(0, start - _NEGATION_WINDOW) : start]
                first = words[0] or frozenset()
                starts_negated = not first.isdisjoint(_NEGATIONS)  # "not stressed"
                gaps = [tokens[i] for i in range(start, end) if i not in used]  # "pee is not dark"
                negated = not starts_negated and (
                    any(t in _NEGATIONS for t in window) or any(t in _NEGATIONS for t in gaps)
                )
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


def _match_at(
    words: Sequence[FrozenSet[str] | None],
    tokens: Sequence[str],
    clause: Sequence[int],
    taken: Sequence[bool],
    start: int,
) -> List[int] | None:
    """The token indices the phrase ``words`` takes when it starts at ``start``, or None.
    A gap (``None``) takes up to :data:`GAP` words of the same clause, as few as it can."""
    used: List[int] = []
    i = start
    gap = False
    for forms in words:
        if forms is None:
            gap = True
            continue
        limit = i + (GAP if gap else 0)
        while i <= limit and i < len(tokens):
            if not taken[i] and tokens[i] in forms and (not used or clause[i] == clause[used[-1]]):
                break
            if not gap:
                return None
            i += 1
        else:
            return None
        if i > limit or i >= len(tokens):
            return None
        used.append(i)
        i += 1
        gap = False
    return used


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
