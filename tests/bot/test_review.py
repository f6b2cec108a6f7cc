"""The clinician review page (issue 12): built from the knowledge, quotes checked."""

from __future__ import annotations

import html

import pytest

from bot.knowledge import load_knowledge
from bot.review import build, claims, normalise, problems, source_path


@pytest.fixture(scope="module")
def built() -> tuple:
    return build("abc1234", "2026-12-03")


def test_no_quoted_claim_is_missing_from_the_source_and_every_claim_is_sourced(built) -> None:
    _, found_problems = built
    assert found_problems == []


def test_the_check_catches_a_misquote_and_an_unsourced_claim() -> None:
    found = claims()
    document = source_path().read_text(encoding="utf-8")
    quoted = next(c for c in found if c.quoted)
    quoted.text = quoted.text.replace("nerve", "brain")
    unsourced = next(c for c in found if not c.safety_addition)
    unsourced.source = ""
    out = problems(found, document)
    assert any("marked as quoted, not in the source" in p for p in out)
    assert any("no source and no safety-addition mark" in p for p in out)


def test_the_cause_table_is_marked_quoted_and_found_word_for_word() -> None:
    document = normalise(source_path().read_text(encoding="utf-8"))
    quoted = [c for c in claims() if c.quoted]
    assert len(quoted) >= 7  # six "how" cells and the medicines' symptoms note
    assert all(normalise(c.text) in document for c in quoted)


def test_the_page_shows_claims_tiers_mappings_and_version(built) -> None:
    page, _ = built
    knowledge = load_knowledge()
    assert "abc1234" in page and "2026-12-03" in page and "noindex" in page
    for flag in knowledge.red_flags.red_flags:
        assert html.escape(flag.name) in page
    assert "safety addition — tier: emergency" in page and "safety addition — tier: today" in page
    assert "prednisone</td><td>a corticosteroid" in page
    assert "furosemide</td><td>a diuretic" in page
    for cause in knowledge.causes.causes:
        assert html.escape(cause.how) in page


def test_the_vendored_source_is_the_shared_one() -> None:
    """docs/source/ holds the source document for clones without ../shared; same bytes."""
    from bot.review import ROOT, VENDORED

    copy = VENDORED / source_path().name
    assert copy.is_file()
    shared = ROOT.parent / "shared" / "source" / copy.name
    if shared.is_file():
        assert shared.read_bytes() == copy.read_bytes()
