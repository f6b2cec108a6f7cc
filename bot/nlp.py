"""Builds the spaCy pipeline Rasa loads with ``SpacyNLP`` (by path).

No pretrained model: ``spacy.blank("en")`` + the lookup lemmatizer (tables from
``spacy-lookups-data``) + an EntityRuler whose patterns are generated from the
knowledge files. Run ``python -m bot.nlp OUTPUT_DIR`` (``make`` does).

Note: ``nlp.initialize()`` would wipe EntityRuler patterns, so the ruler is
added and filled after initialisation.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from pathlib import Path
from typing import Any, Dict, List

from bot.lexicon import ENTITY_LABELS, Lexicon, get_lexicon
from bot.matching import GAP_MARK, tokenize, word_forms

# Bump when the way patterns are generated changes.
BUILDER_VERSION = "2"


def entity_patterns(lexicon: Lexicon) -> List[Dict[str, Any]]:
    """EntityRuler patterns for every phrase in the lexicon.

    Each phrase becomes one phrase pattern per combination of its words' forms (simple
    plurals, as :class:`bot.matching.PhraseMatcher` does on the action side), matched
    case-insensitively (``phrase_matcher_attr: LOWER``). Phrase patterns are looked up by
    hash: 0.05 ms per message against 0.48 ms for the same phrases as token patterns
    (measured on the 2-core box), and SpacyNLP plus SpacyEntityExtractor run the
    pipeline twice per message.
    """
    patterns: List[Dict[str, Any]] = []
    seen = set()
    for label in ENTITY_LABELS:
        for key, phrases in lexicon.groups[label]:
            for phrase in phrases:
                words = tokenize(phrase)
                if not words or GAP_MARK in phrase:  # gapped phrases are the reader's
                    continue
                    continue
                for forms in itertools.product(*(word_forms(w) for w in words)):
                    text = " ".join(forms)
                    if (label, text) in seen:
                        continue
                    seen.add((label, text))
                    patterns.append({"label": label, "id": key, "pattern": text})
    # Numbers ("6", "six") for the caffeine question.
    patterns.append({"label": "amount", "pattern": [{"LIKE_NUM": True}]})
    return patterns


def fingerprint(lexicon: Lexicon) -> str:
    """A hash of everything that goes into the pipeline."""
    payload = json.dumps(
        {"v": BUILDER_VERSION, "patterns": entity_patterns(lexicon)}, sort_keys=True
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def build(output: Path, lexicon: Lexicon) -> Path:
    """Build the pipeline and save it to ``output``."""
    import spacy  # imported here: building is a make step, not a runtime import

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    ruler = nlp.add_pipe(
        "entity_ruler",
        config={"overwrite_ents": True, "validate": True, "phrase_matcher_attr": "LOWER"},
    )
    with nlp.select_pipes(disable=["lemmatizer"]):  # phrase docs need tokens only
        ruler.add_patterns(entity_patterns(lexicon))  # type: ignore[attr-defined]
    nlp.meta["name"] = "twitch_en"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = (
        "Blank English + lookup lemmatizer + EntityRuler generated from bot/knowledge "
        f"(fingerprint {fingerprint(lexicon)})"
    )
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    return output


def main(argv: List[str] | None = None) -> int:
    """Command line: ``python -m bot.nlp OUTPUT_DIR``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    args = parser.parse_args(argv)
    lexicon = get_lexicon()
    path = build(args.output, lexicon)
    print(f"spaCy pipeline written to {path} ({len(entity_patterns(lexicon))} patterns)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
