"""How long one message may be on each channel, and the one splitter every output channel uses.

Pure (no Rasa import), so it is unit-tested without a server. The output channels call
:func:`split_reply` with their own limit (:data:`WIDGET_BUBBLE`, :data:`SLACK_SECTION`,
:data:`TELEGRAM_TEXT`) and put the buttons on the last piece:

* the web widget (:mod:`rasa_ext.channels.socketio`): one bot message per piece;
* Slack (:mod:`rasa_ext.channels.slack_logic`): one ``section`` block per piece;
* Telegram (:mod:`rasa_ext.channels.telegram_logic`): one ``sendMessage`` per piece.

A reply is cut at the coarsest boundary that makes every piece fit: paragraph breaks (a blank
line), then line breaks (so a bullet line stays whole), then sentence ends, then spaces between
words; a single word longer than the limit is the only thing ever cut inside. Each piece is
packed with as many of the following whole units (paragraphs, lines, sentences, words) as fit,
keeping the original separators between them; the pieces of a unit that had to be cut are not
packed with its neighbours (the end of a cut sentence does not share a piece with the next
one). Joined back, the pieces give every word of the reply, in order.

Sizes are counted in UTF-16 code units (what Telegram counts; never fewer than characters), so
a piece within the limit is within it however the receiving API counts.
"""

from __future__ import annotations

import re
from typing import List, Sequence, Tuple, TypeVar

# Slack Block Kit: a section block's ``text`` (plain_text or mrkdwn) holds at most 3,000
# characters, and a message at most 50 blocks.
SLACK_SECTION = 3000
SLACK_BLOCKS = 50
# Slack truncates a message's top-level ``text`` (the notification fallback) over 40,000.
SLACK_MESSAGE_TEXT = 40_000
# Telegram Bot API ``sendMessage``: 1-4,096 characters of text.
TELEGRAM_TEXT = 4096
# The web widget has no hard limit. rasa-webchat shows bot messages in a 370 px wide panel
# (about 40 characters a line): 1,200 characters are some 30 lines, about one screen of the
# panel, so a bubble can be read without scrolling back to its start.
WIDGET_BUBBLE = 1200

LIMITS = {"socketio": WIDGET_BUBBLE, "slack": SLACK_SECTION, "telegram": TELEGRAM_TEXT}

# Where a reply may be cut, coarsest first. The separators are dropped at a cut (pieces are
# stripped) and kept inside a piece.
_PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE = re.compile(r"\n\s*")
# After ., ! or ? (or …), optionally a closing quote or bracket, then space, before anything
# but a lower-case letter (so "e.g. fish" and "approx. three" are not sentence ends).
_SENTENCE = re.compile(r"(?:(?<=[.!?\u2026])|(?<=[.!?\u2026][\"'\u201d\u2019)\]]))\s+(?![a-z])")
_WORD = re.compile(r"\s+")
_BOUNDARIES = (_PARAGRAPH, _LINE, _SENTENCE, _WORD)

Span = Tuple[int, int]
Button = TypeVar("Button")


def size(text: str) -> int:
    """The length of ``text`` in UTF-16 code units (a character outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def split_reply(text: str, limit: int) -> List[str]:
    """Split a reply into pieces of at most ``limit`` (see :func:`size`), never inside a
    sentence when the sentence fits, never inside a word when the word fits.

    Args:
        text: the reply.
        limit: the channel's limit, e.g. :data:`TELEGRAM_TEXT`; at least 2 (the size of
            one character).

    Returns:
        The pieces, stripped and non-empty, in order; ``[]`` for a blank text. Joined back
        with whitespace they hold every word of ``text`` in order.

    Raises:
        ValueError: for a limit below 2.
    """
    if limit < 2:
        raise ValueError(f"limit must be at least 2, not {limit}")
    start, end = _strip(text, 0, len(text))
    if start == end:
        return []
    return [text[s:e] for s, e in _split(text, start, end, 0, limit)]


def split_with_buttons(
    text: str, limit: int, buttons: Sequence[Button] | None = None
) -> List[Tuple[str, List[Button]]]:
    """The pieces of :func:`split_reply`, each with its buttons: all of them on the last piece.

    A blank text with buttons gives one empty piece carrying them (the channel decides what
    to show as text); a blank text without buttons gives ``[]``.
    """
    pieces = split_reply(text, limit)
    if not pieces and buttons:
        pieces = [""]
    return [(p, list(buttons or []) if i == len(pieces) - 1 else []) for i, p in enumerate(pieces)]


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split(text: str, start: int, end: int, level: int, limit: int) -> List[Span]:
    """Spans of ``text[start:end]`` (already stripped), each within ``limit``."""
    if size(text[start:end]) <= limit:
        return [(start, end)]
    if level == len(_BOUNDARIES):
        return _hard_cut(text, start, end, limit)
    units: List[Span] = []
    position = start
    for separator in _BOUNDARIES[level].finditer(text, start, end):
        units.append((position, separator.start()))
        position = separator.end()
    units.append((position, end))
    pieces: List[Span] = []
    last_size = 0  # size of pieces[-1]
    whole = 0  # pieces[whole:] are whole units, which may still be packed together
    for unit_start, unit_end in units:
        unit_start, unit_end = _strip(text, unit_start, unit_end)
        if unit_start == unit_end:
            continue
        parts = _split(text, unit_start, unit_end, level + 1, limit)
        if len(parts) == 1 and pieces[whole:]:
            packed = last_size + size(text[pieces[-1][1] : unit_end])
            if packed <= limit:
                pieces[-1], last_size = (pieces[-1][0], unit_end), packed
                continue
        pieces.extend(parts)
        last_size = size(text[parts[-1][0] : parts[-1][1]])
        if len(parts) > 1:  # a unit cut in pieces is packed on its own, not with its neighbours
            whole = len(pieces)
    return pieces


def _hard_cut(text: str, start: int, end: int, limit: int) -> List[Span]:
    """A word longer than the limit, cut into pieces of at most ``limit``."""
    spans: List[Span] = []
    piece_start, used = start, 0
    for index in range(start, end):
        width = size(text[index])
        if used + width > limit and index > piece_start:
            spans.append((piece_start, index))
            piece_start, used = index, 0
        used += width
    spans.append((piece_start, end))
    return spans
