"""The knowledge files load through the schema; broken files fail clearly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.knowledge import DEFAULT_DIR, Knowledge, KnowledgeError


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, target)
    return target


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_valid_knowledge_loads(knowledge: Knowledge) -> None:
    assert [c.id for c in knowledge.causes.causes] == [
        "vitamin_d_deficiency",
        "electrolyte_imbalance",
        "stress_anxiety",
        "excessive_caffeine",
        "dehydration",
        "medications",
    ]
    assert knowledge.question_slots[0] == "red_flag"
    assert all(c.source for c in knowledge.causes.causes)
    assert knowledge.red_flags.safety_addition is True


def test_cause_table_matches_the_source_document(knowledge: Knowledge) -> None:
    """Each cause's 'how' is the document's own sentence (no drift)."""
    from bot.review import source_path  # ../shared/source, else the copy in docs/source

    text = source_path().read_text(encoding="utf-8")
    for cause in knowledge.causes.causes:
        assert cause.how in text, cause.id


def test_missing_field_names_file_and_field(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "causes.yml", lambda d: d["causes"][0].pop("how"))
    with pytest.raises(KnowledgeError) as err:
        Knowledge(folder)
    message = str(err.value)
    assert "causes.yml" in message and "causes.0.how" in message and "required" in message


def test_unknown_cause_is_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "strategies.yml", lambda d: d["strategies"][0]["for_causes"].append("gout"))
    with pytest.raises(KnowledgeError, match=r"strategies\.yml.*unknown cause 'gout'"):
        Knowledge(folder)


def test_bad_weight_is_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "causes.yml", lambda d: d["causes"][0]["evidence"][0].update(weight=7))
    with pytest.raises(KnowledgeError, match=r"causes\.yml.*evidence\.0\.weight"):
        Knowledge(folder)


def test_unknown_answer_in_evidence_is_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "causes.yml", lambda d: d["causes"][3]["evidence"][0].update(answers=["tons"]))
    with pytest.raises(KnowledgeError, match=r"causes\.yml.*unknown answer 'tons'"):
        Knowledge(folder)


def test_unknown_symptom_is_rejected(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "causes.yml", lambda d: d["causes"][0]["associated_symptoms"].append("gills"))
    with pytest.raises(KnowledgeError, match=r"causes\.yml.*unknown symptom 'gills'"):
        Knowledge(folder)


def test_unquoted_yes_no_is_caught(tmp_path: Path) -> None:
    """YAML reads a bare `no` as a boolean; the schema refuses it."""
    folder = _copy(tmp_path)
    _edit(
        folder / "questions.yml", lambda d: d["questions"][0]["options"][1]["phrases"].append(False)
    )
    with pytest.raises(KnowledgeError, match=r"questions\.yml.*phrases"):
        Knowledge(folder)


def test_missing_and_malformed_files(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "topics.yml").unlink()
    with pytest.raises(KnowledgeError, match=r"topics\.yml: file is missing"):
        Knowledge(folder)
    folder = _copy(tmp_path / "again")
    (folder / "foods.yml").write_text("foods: [unclosed")
    with pytest.raises(KnowledgeError, match=r"foods\.yml: not valid YAML"):
        Knowledge(folder)


def test_every_evidence_answer_has_a_reason_template(knowledge: Knowledge) -> None:
    reasons = knowledge.templates.reasons
    for cause in knowledge.causes.causes:
        for ev in cause.evidence:
            for answer in ev.answers:
                assert answer in reasons[ev.question], (cause.id, ev.question, answer)
