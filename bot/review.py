"""The clinician review page: every claim the assistant can say, beside the source.

Built from the knowledge files by ``make review`` (``python -m ops.review``) into
``docs/clinical-review.html``, and served at ``/portal/review`` when
``TWITCH_REVIEW_PAGE=1``. For each file and key it shows the text, its ``source`` pointer,
whether it is a safety addition (and its tier), and for each sentence the source
document's closest sentence with a similarity score; then every lexicon mapping (drug →
class, phrase → symptom, phrase → warning sign). :func:`problems` lists what the review
test refuses: a claim marked as quoted that is not in the source word for word, or a
claim with neither a source nor a safety-addition mark.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import yaml

from bot.knowledge import DEFAULT_DIR

ROOT = Path(__file__).resolve().parents[1]
# Keys whose values are words the assistant says (or shows on a button).
CLAIM_KEYS = frozenset(
    {"text", "how", "associated_symptoms_note", "answer", "ask", "why", "name", "title"}
)
# Files that hold only how answers are assembled, or recognition words.
SKIP_FILES = frozenset({"reader.yml"})
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


@dataclass
class Claim:
    """One thing the assistant can say."""

    file: str
    key: str
    text: str
    source: str
    safety_addition: bool
    tier: str = ""
    quoted: bool = False
    # For a quoted passage: the heading it sits under, which must be a line of the source.
    section: str = ""
    matches: List[Tuple[str, str, float]] = field(default_factory=list)


# A copy of the source document kept in the repository, so the quote check runs in any clone;
# tests/bot/test_review.py checks it is identical to ../shared/source/ where that exists.
VENDORED = ROOT / "docs" / "source"


def source_path(directory: Path = DEFAULT_DIR) -> Path:
    """The source document the knowledge names (``source_document`` of questions.yml):
    ``../shared/…`` beside the checkout when present, else the copy in ``docs/source/``."""
    raw = yaml.safe_load((directory / "questions.yml").read_text(encoding="utf-8"))
    name = str(raw["source_document"])
    shared = ROOT.parent / name
    return shared if shared.is_file() else VENDORED / Path(name).name


def normalise(text: str) -> str:
    """Whitespace collapsed, typographic quotes made plain, lowercase."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    return re.sub(r"\s+", " ", text.replace("\u201d", '"')).strip().lower()


def source_sentences(text: str) -> List[str]:
    """The source document cut into sentences (table rows are cut at their cells)."""
    out: List[str] = []
    for line in text.splitlines():
        parts = [c.strip() for c in line.split("|")] if line.startswith("|") else [line]
        for part in parts:
            out.extend(s.strip() for s in _SENTENCE.split(part) if len(s.strip()) > 3)
    return out


def claims(directory: Path = DEFAULT_DIR) -> List[Claim]:
    """Every claim of every knowledge file, with its source pointer and safety mark."""
    found: List[Claim] = []
    for path in sorted(directory.glob("*.yml")):
        if path.name in SKIP_FILES:
            continue
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        quoted = set(raw.get("quoted_fields") or []) if isinstance(raw, dict) else set()
        if path.name == "templates.yml":
            found.extend(_templates(raw))
            continue
        if path.name == "passages.yml":
            found.extend(_passages(raw))
            continue
        for key, text, source, safety, tier in _walk(raw, "", "", False, ""):
            last = key.rsplit(".", 1)[-1]
            found.append(Claim(path.name, key, text, source, safety, tier, quoted=last in quoted))
    return found


def _passages(raw: Dict[str, Any]) -> List[Claim]:
    """Each quoted piece of passages.yml ("Where does it say that?"): word for word, and
    under a heading the source has."""
    out = [
        Claim("passages.yml", "title", str(raw["title"]), "The source's first heading",
              False, quoted=True, section=str(raw["title"]))
    ]  # fmt: skip
    for passage in raw.get("passages") or []:
        where = f"Section '{passage['section']}'" + (
            f", {passage['where']}" if passage.get("where") else ""
        )
        for index, piece in enumerate(passage["quote"]):
            key = f"passages.{passage['id']}.quote.{index}"
            out.append(
                Claim("passages.yml", key, str(piece), where, False, quoted=True,
                      section=str(passage["section"]))
            )  # fmt: skip
    return out


def _templates(raw: Dict[str, Any]) -> List[Claim]:
    """Every wording of templates.yml (all its strings are said), safety additions marked."""
    safety = set(raw.get("safety_additions") or [])
    out: List[Claim] = []

    def visit(node: Any, key: str) -> None:
        if isinstance(node, str):
            top = key.split(".")[0]
            out.append(Claim("templates.yml", key, node, str(raw["source"]), top in safety))
        elif isinstance(node, dict):
            for name, value in node.items():
                if name not in ("source", "safety_additions", "suggestions"):
                    visit(value, f"{key}.{name}" if key else str(name))

    visit(raw, "")
    return out


def _walk(
    node: Any, key: str, source: str, safety: bool, tier: str
) -> Iterator[Tuple[str, str, str, bool, str]]:
    if isinstance(node, dict):
        source = str(node.get("source", source))
        safety = bool(node.get("safety_addition", safety))
        tier = str(node.get("tier", tier))
        for name, value in node.items():
            child = f"{key}.{name}" if key else str(name)
            if name in CLAIM_KEYS and isinstance(value, str):
                yield child, value, source, safety, tier
            elif isinstance(value, (dict, list)):
                yield from _walk(value, child, source, safety, tier)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            label = value.get("id") or value.get("slot") if isinstance(value, dict) else None
            yield from _walk(value, f"{key}.{label or index}", source, safety, tier)


def match_sources(found: List[Claim], document: str) -> None:
    """Set each claim's closest source sentence per claim sentence (rapidfuzz)."""
    from rapidfuzz import fuzz, process

    sentences = source_sentences(document)
    for claim in found:
        for part in _SENTENCE.split(claim.text):
            part = part.strip()
            if len(part) < 12:
                continue
            best = process.extractOne(part, sentences, scorer=fuzz.token_set_ratio)
            if best is not None:
                claim.matches.append((part, best[0], float(best[1])))


def problems(found: List[Claim], document: str) -> List[str]:
    """What a reviewer must never see: a "quoted" claim not in the source word for word,
    or a claim with no source and no safety-addition mark."""
    plain = normalise(document)
    headings = {normalise(line) for line in document.splitlines()}
    out: List[str] = []
    for claim in found:
        where = f"{claim.file} {claim.key}"
        if claim.section and normalise(claim.section) not in headings:
            out.append(f"{where}: section {claim.section!r} is not a heading of the source")
        if claim.quoted and normalise(claim.text) not in plain:
            out.append(f"{where}: marked as quoted, not in the source: {claim.text!r}")
        if not claim.source.strip() and not claim.safety_addition:
            out.append(f"{where}: no source and no safety-addition mark")
    return out


def mappings(directory: Path = DEFAULT_DIR) -> Dict[str, List[Tuple[str, str]]]:
    """Lexicon mappings a clinician should check: (phrase, what it is taken as)."""

    def load(name: str) -> Any:
        return yaml.safe_load((directory / name).read_text(encoding="utf-8"))

    out: Dict[str, List[Tuple[str, str]]] = {}
    meds = load("medications.yml")
    out["Medicine name → class"] = [(n, c["name"]) for c in meds["classes"] for n in c["names"]]
    symptoms = load("symptoms.yml")
    out["Phrase → symptom"] = [(p, s["name"]) for s in symptoms["symptoms"] for p in s["phrases"]]
    flags = load("red_flags.yml")
    out["Phrase → warning sign (tier)"] = [
        (p, f"{f['name']} ({f['tier']})") for f in flags["red_flags"] for p in f["phrases"]
    ]
    foods = load("foods.yml")
    out["Phrase → vitamin D food"] = [(p, f["name"]) for f in foods["foods"] for p in f["phrases"]]
    drinks = load("drinks.yml")
    out["Phrase → caffeinated drink"] = [
        (p, d["id"]) for d in drinks["drinks"] for p in d["phrases"]
    ]
    return out


def render(found: List[Claim], maps: Dict[str, List[Tuple[str, str]]], version: str, date: str,
           source_name: str) -> str:  # fmt: skip
    """The review page (a static HTML document, every text escaped)."""
    e = html.escape
    rows: List[str] = []
    current = ""
    for claim in found:
        if claim.file != current:
            current = claim.file
            rows.append(f'<tr><th colspan="4" class="file">{e(current)}</th></tr>')
        mark = "safety addition" + (f" — tier: {e(claim.tier)}" if claim.tier else "")
        status = mark if claim.safety_addition else ("quoted" if claim.quoted else "from source")
        matched = "".join(
            f"<li><q>{e(src)}</q> <span class=score>{score:.0f}</span></li>"
            for _, src, score in claim.matches
        )
        rows.append(
            f"<tr><td><code>{e(claim.key)}</code></td><td>{e(claim.text)}</td>"
            f"<td>{e(claim.source)}<br><em>{status}</em></td><td><ul>{matched}</ul></td></tr>"
        )
    tables = []
    for title, pairs in maps.items():
        body = "".join(f"<tr><td>{e(a)}</td><td>{e(b)}</td></tr>" for a, b in pairs)
        tables.append(
            f"<h2>{e(title)}</h2><table><tr><th>phrase</th><th>taken as</th></tr>{body}</table>"
        )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="robots" content="noindex, nofollow">
<title>Clinical review — muscle-twitch assistant</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; color: #111; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 2rem; }}
td, th {{ border: 1px solid #999; padding: .35rem; vertical-align: top; text-align: left; }}
th.file {{ background: #e8eef5; font-size: 1.1rem; }}
.score {{ color: #444; font-size: .85rem; }}
@media print {{ body {{ margin: 0; }} }}
</style></head><body>
<h1>Clinical review — muscle-twitch assistant</h1>
<p>Version <code>{e(version)}</code>, built {e(date)}.
Source document: <code>{e(source_name)}</code>.
Every text the assistant can say, by file and key, with its source pointer; safety additions are
marked with their tier. The last column shows, for each sentence, the source sentence closest to it
and a similarity score (100 = the same words); a low score on a text not marked as a safety addition
is where to look first.</p>
<h2>Claims</h2>
<table><tr><th>key</th><th>text</th><th>source</th><th>closest source sentence</th></tr>
{"".join(rows)}
</table>
{"".join(tables)}
</body></html>
"""


def git_version() -> str:
    """The checkout's commit (short), with ``+changes`` when files differ from it."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
            check=True, timeout=10,
        ).stdout.strip()  # fmt: skip
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "bot/knowledge"], cwd=ROOT, capture_output=True,
            text=True, check=True, timeout=10,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git checkout)"
    return commit + ("+changes" if dirty else "")


def build(version: str, date: str, directory: Path = DEFAULT_DIR) -> Tuple[str, List[str]]:
    """The page and its problems (see :func:`problems`)."""
    path = source_path(directory)
    document = path.read_text(encoding="utf-8")
    found = claims(directory)
    match_sources(found, document)
    page = render(found, mappings(directory), version, date, path.name)
    return page, problems(found, document)
