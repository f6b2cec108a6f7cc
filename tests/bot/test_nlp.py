"""The spaCy pipeline built from the knowledge: entities survive save and load."""

from __future__ import annotations

import pytest

from bot.lexicon import Lexicon
from bot.nlp import build, entity_patterns


@pytest.fixture(scope="module")
def nlp(tmp_path_factory: pytest.TempPathFactory, lexicon: Lexicon):
    spacy = pytest.importorskip("spacy")
    path = build(tmp_path_factory.mktemp("spacy") / "twitch", lexicon)
    return spacy.load(path)  # loaded from disk, as Rasa's SpacyNLP does


def ents(nlp, text: str):
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_pipeline_components(nlp) -> None:
    assert nlp.pipe_names == ["lemmatizer", "entity_ruler"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("I take Prednisone daily", ("Prednisone", "medication")),
        ("on water pills", ("water pills", "medication")),
        ("I have trouble swallowing", ("trouble swallowing", "red_flag")),
        ("cramps at night", ("cramps", "symptom")),
        ("six cups", ("six", "amount")),
        ("what is the VDR", ("VDR", "topic")),
        ("I eat sardines", ("sardines", "food")),
    ],
)
def test_entities_from_knowledge(nlp, text: str, expected: tuple) -> None:
    assert expected in ents(nlp, text)


def test_lookup_lemmatizer_works(nlp) -> None:
    assert [t.lemma_ for t in nlp("my muscles are twitching")] == ["my", "muscle", "be", "twitch"]


def test_patterns_cover_every_medicine_name(lexicon: Lexicon) -> None:
    labels = {(p["label"], p.get("id")) for p in entity_patterns(lexicon)}
    for med_class in lexicon.knowledge.medications.classes:
        assert ("medication", med_class.id) in labels
