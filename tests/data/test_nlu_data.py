"""Checks on the NLU training data (data/nlu.yml). Fast: reads YAML only, no model.

* No held-out example (tests/nlu_holdout.yml, and the tables written blind as people write,
  tests/nlu_realistic*.yml) may appear in the training data, compared after lower-casing and
  removing punctuation, so the held-out figures stay honest.
* No text may be labelled with two different intents (contradictory labels).
* Every intent in the domain has at least MIN_EXAMPLES training examples; with fewer,
  5-fold cross-validation leaves too little to learn each way of saying it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Set, Tuple

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
TRAINING = ROOT / "data" / "nlu.yml"
HOLDOUT = ROOT / "tests" / "nlu_holdout.yml"
REALISTIC = sorted((ROOT / "tests").glob("nlu_realistic*.yml"))
DOMAIN = ROOT / "domain.yml"

MIN_EXAMPLES = 60

Examples = List[Tuple[str, str]]

_ENTITY = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def normalise(text: str) -> str:
    """Lower-case, drop entity markup, apostrophes and punctuation, squeeze spaces."""
    text = _ENTITY.sub(r"\1", text).lower().replace("'", "").replace("\u2019", "")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def load_examples(path: Path) -> List[Tuple[str, str]]:
    """(intent, example text) pairs of a Rasa 3 NLU YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pairs = []
    for block in data.get("nlu", []):
        if "intent" not in block:
            continue
        for line in str(block.get("examples", "")).splitlines():
            line = line.strip()
            if line.startswith("- "):
                pairs.append((block["intent"], line[2:].strip()))
    return pairs


@pytest.fixture(scope="module")
def training() -> List[Tuple[str, str]]:
    return load_examples(TRAINING)


@pytest.fixture(scope="module")
def holdout() -> List[Tuple[str, str]]:
    return [pair for path in [HOLDOUT, *REALISTIC] for pair in load_examples(path)]


def test_normalise() -> None:
    assert normalise("What's up?!") == normalise("whats up")
    assert normalise("I take [prednisone](medication)") == "i take prednisone"
    assert normalise("  Hi,   there ") == "hi there"


def test_files_parse(training: Examples, holdout: Examples) -> None:
    assert len(training) > 0
    assert len(holdout) > 0
    assert REALISTIC, "tests/nlu_realistic*.yml: the tables written blind are missing"
    domain_intents = set(yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["intents"])
    for path in REALISTIC:
        labelled = {intent for intent, _ in load_examples(path)}
        assert labelled <= domain_intents, (path.name, labelled - domain_intents)
        assert len(load_examples(path)) >= 200, path.name


def test_no_holdout_example_in_training(training: Examples, holdout: Examples) -> None:
    trained = {normalise(text) for _, text in training}
    leaked = sorted({text for _, text in holdout if normalise(text) in trained})
    assert not leaked, f"held-out examples found in data/nlu.yml: {leaked}"


def test_no_text_with_two_intents(training: Examples) -> None:
    intents: Dict[str, Set[str]] = defaultdict(set)
    for intent, text in training:
        intents[normalise(text)].add(intent)
    clashes = {text: sorted(labels) for text, labels in intents.items() if len(labels) > 1}
    assert not clashes, f"texts labelled with more than one intent: {clashes}"


def test_every_intent_has_enough_examples(training: Examples) -> None:
    domain_intents = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["intents"]
    counts: Dict[str, int] = defaultdict(int)
    for intent, _ in training:
        counts[intent] += 1
    too_few = {i: counts[i] for i in domain_intents if counts[i] < MIN_EXAMPLES}
    assert not too_few, f"intents with fewer than {MIN_EXAMPLES} examples: {too_few}"


def test_no_unknown_intents(training: Examples) -> None:
    domain_intents = set(yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["intents"])
    unknown = {intent for intent, _ in training} - domain_intents
    assert not unknown, f"intents in data/nlu.yml missing from domain.yml: {unknown}"
