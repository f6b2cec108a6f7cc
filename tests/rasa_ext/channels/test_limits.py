"""The splitter (``rasa_ext/channels/limits.py``): property-style cases on generated texts, then
the rules one by one."""

from __future__ import annotations

import random
import re
from typing import List

import pytest

from rasa_ext.channels.limits import (
    LIMITS,
    SLACK_SECTION,
    TELEGRAM_TEXT,
    WIDGET_BUBBLE,
    size,
    split_reply,
    split_with_buttons,
)
from tests.rasa_ext.channels.longest_replies import synthetic_text

VOCABULARY = [
    "twitch",
    "muscle",
    "vitamin",
    "calcium",
    "nerve",
    "sleep",
    "water",
    "coffee",
    "stress",
    "the",
    "a",
    "of",
    "and",
]


def generated_text(seed: int, odd: bool = True) -> str:
    """Paragraphs of sentences and bullet lists, with odd spacing; with ``odd``, now and then a
    very long word or a paragraph without a full stop."""
    rng = random.Random(seed)

    def sentence() -> str:
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(1, 25))]
        if odd and rng.random() < 0.05:
            words.append("x" * rng.randint(50, 400))
        return " ".join(words).capitalize() + rng.choice([".", "!", "?", '."', ".)"])

    paragraphs = []
    for _ in range(rng.randint(1, 12)):
        if rng.random() < 0.3:
            lines = [f"• {sentence()} {sentence()}" for _ in range(rng.randint(1, 6))]
            paragraphs.append("\n".join(lines))
        elif odd and rng.random() < 0.1:
            paragraphs.append(" ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(50, 200))))
        else:
            spaces = rng.choice([" ", "  ", " \t"])
            paragraphs.append(spaces.join(sentence() for _ in range(rng.randint(1, 10))))
    return rng.choice(["", "  ", "\n"]) + rng.choice(["\n\n", "\n \n", "\n\n\n"]).join(paragraphs)


def squeezed(text: str) -> str:
    """The text without any whitespace: what must survive a split, character for character."""
    return re.sub(r"\s+", "", text)


CASES = [(seed, limit) for seed in range(60) for limit in (20, 57, 160, 600, WIDGET_BUBBLE)]


@pytest.mark.parametrize(("seed", "limit"), CASES)
def test_pieces_fit_are_stripped_and_lose_nothing(seed: int, limit: int) -> None:
    text = generated_text(seed)
    pieces = split_reply(text, limit)
    assert pieces, "a non-blank text gives at least one piece"
    assert all(piece and piece == piece.strip() for piece in pieces)
    assert all(size(piece) <= limit for piece in pieces)
    assert squeezed("".join(pieces)) == squeezed(text)
    if max(len(word) for word in text.split()) <= limit:  # no word cut: the same words
        assert " ".join(pieces).split() == text.split()


def _sentences_fit(seed: int, limit: int) -> bool:
    sentences = re.split(r"(?<=[.!?\"')])\s+", generated_text(seed, odd=False).strip())
    return all(size(s) <= limit for s in sentences)


# Only the generated texts whose every sentence fits the limit (the others are cut at
# words, which the test above covers).
FITTING = [(s, n) for s, n in CASES if n >= 160 and _sentences_fit(s, n)]


def test_most_generated_texts_have_sentences_that_fit() -> None:
    assert len(FITTING) >= len([c for c in CASES if c[1] >= 160]) // 2


@pytest.mark.parametrize(("seed", "limit"), FITTING)
def test_a_piece_ends_at_a_sentence_end_when_the_sentences_fit(seed: int, limit: int) -> None:
    text = generated_text(seed, odd=False)
    for piece in split_reply(text, limit):
        assert piece[-1] in '.!?")', piece


@pytest.mark.parametrize("seed", range(60))
def test_bullet_lines_that_fit_stay_whole(seed: int) -> None:
    text = generated_text(seed)
    pieces = split_reply(text, 160)
    lines_of_pieces = [line.strip() for piece in pieces for line in piece.split("\n")]
    for line in text.split("\n"):
        if line.strip().startswith("•") and size(line.strip()) <= 160:
            assert line.strip() in lines_of_pieces


def test_the_coarsest_boundary_that_fits_is_used() -> None:
    first = ("First paragraph. " * 20).strip()
    second = "Second one, a line.\n• a bullet\n• another"
    assert split_reply(f"{first}\n\n{second}", 360) == [first, second]
    assert split_reply(f"{first}\n\n{second}", 1000) == [f"{first}\n\n{second}"]
    lines = "\n".join(f"• bullet number {i} with some words" for i in range(30))
    pieces = split_reply(lines, 100)
    assert all(line.startswith("•") for piece in pieces for line in piece.split("\n"))
    assert "\n".join(pieces) == lines


def test_sentences_are_packed_and_never_cut_when_they_fit() -> None:
    text = 'One sentence here. Another one follows! A question? "Quoted." (Aside.) Last.'
    assert split_reply(text, 40) == [
        "One sentence here. Another one follows!",
        'A question? "Quoted." (Aside.) Last.',
    ]
    # A full stop before a lower-case word ("e.g. fish") is no sentence end.
    assert split_reply("Eat foods, e.g. fish and eggs. Then rest.", 31) == [
        "Eat foods, e.g. fish and eggs.",
        "Then rest.",
    ]


def test_a_sentence_longer_than_the_limit_is_cut_between_words() -> None:
    text = "Short one. " + " ".join(f"W{i}" for i in range(100)) + " end. Next."
    pieces = split_reply(text, 50)
    assert pieces[0] == "Short one."  # not packed with the start of the cut sentence
    assert all(size(p) <= 50 for p in pieces)
    assert " ".join(pieces).split() == text.split()
    assert pieces[-1] == "Next."


def test_only_a_word_longer_than_the_limit_is_cut() -> None:
    assert split_reply("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert split_reply("ab " + "y" * 12 + " cd", 5) == ["ab", "yyyyy", "yyyyy", "yy", "cd"]


def test_sizes_count_utf16_code_units() -> None:
    assert size("abc") == 3 and size("•") == 1 and size("💪") == 2
    pieces = split_reply("💪" * 7, 4)
    assert pieces == ["💪💪", "💪💪", "💪💪", "💪"]


def test_blank_text_and_bad_limits() -> None:
    assert split_reply("", 10) == [] and split_reply(" \n\n \t", 10) == []
    assert split_reply("  short  ", 10) == ["short"]
    with pytest.raises(ValueError):
        split_reply("text", 1)


def test_buttons_go_on_the_last_piece() -> None:
    buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
    pieces = split_with_buttons("One. Two. Three.", 6, buttons)
    assert [p for p, _ in pieces] == ["One.", "Two.", "Three."]
    assert [b for _, b in pieces] == [[], [], buttons]
    assert split_with_buttons("  ", 6, buttons) == [("", buttons)]
    assert split_with_buttons("  ", 6, []) == []
    assert split_with_buttons("Hi.", 6) == [("Hi.", [])]


def test_the_limits_per_channel() -> None:
    assert LIMITS == {"socketio": WIDGET_BUBBLE, "slack": SLACK_SECTION, "telegram": TELEGRAM_TEXT}
    assert (SLACK_SECTION, TELEGRAM_TEXT) == (3000, 4096)
    assert 1000 <= WIDGET_BUBBLE <= 1500


@pytest.mark.parametrize("limit", sorted(set(LIMITS.values())))
def test_a_10000_character_text_at_each_channel_limit(limit: int) -> None:
    text = synthetic_text()
    assert len(text) >= 10_000
    pieces: List[str] = split_reply(text, limit)
    assert len(pieces) > 1 and all(0 < size(p) <= limit for p in pieces)
    assert squeezed("".join(pieces)) == squeezed(text)
    long_words = [w for w in text.split() if len(w) > limit]
    if not long_words:
        assert " ".join(pieces).split() == text.split()
