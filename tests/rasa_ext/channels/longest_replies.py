"""The longest replies the knowledge can produce, computed from it (not hard-coded), and a
synthetic 10,000-character text: what the per-channel limit tests send through each channel.
"""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from bot.answers import Answers, Button
from bot.assessment import Assessor
from bot.knowledge import Knowledge
from bot.summary import build_summary
from rasa_ext.channels.limits import size

Reply = Tuple[str, List[Button]]


def worst_case_profile(knowledge: Knowledge) -> Dict[str, Any]:
    """Answers that match every cause, each with the longest reason its question has, every
    symptom, every listed medicine class and one the knowledge does not list, the longest
    duration."""
    reasons = knowledge.templates.reasons
    profile: Dict[str, Any] = {}
    for cause in knowledge.causes.causes:
        for evidence in cause.evidence:
            given = profile.setdefault(evidence.question, [])
            given.extend(a for a in evidence.answers if a not in given)
    for question, given in profile.items():  # one answer a question: the longest reason
        templates = reasons.get(question) or {}
        profile[question] = max(given, key=lambda answer: len(str(templates.get(answer, ""))))
    profile["symptoms"] = [s.id for s in knowledge.symptoms.symptoms]
    profile["medications"] = [m.id for m in knowledge.medications.classes] + ["other"]
    profile["caffeine_cups"] = 12
    durations = knowledge.question("duration").options
    profile["duration"] = max(durations, key=lambda o: len(o.title)).value
    return profile


def knowledge_replies(knowledge: Knowledge, assessor: Assessor) -> Dict[str, Reply]:
    """Every topic answer, every question (with its buttons), every message of the short
    result and its details (why these, what can help) for :func:`worst_case_profile`, each
    as one reply; each topic's messages, the result with every detail and every source
    passage joined as one reply (the most a turn says, should it ever be sent as one
    message); and the summary for the appointment as Slack and Telegram get it."""
    answers = Answers(knowledge)
    replies: Dict[str, Reply] = {}
    for topic in knowledge.topics.topics:
        messages = answers.topic(topic.id)
        for i, message in enumerate(messages):
            replies[f"topic {topic.id} #{i}"] = (message, [])
        replies[f"topic {topic.id} as one"] = ("\n\n".join(messages), [])
    for slot in knowledge.question_slots:
        replies[f"question {slot}"] = answers.question(slot)
    profile = worst_case_profile(knowledge)
    ranking = assessor.rank(profile)
    assert len(ranking.likely) == len(knowledge.causes.causes), "every cause should match"
    short, buttons = answers.short_result(ranking, profile)
    for i, message in enumerate(short):
        replies[f"short result #{i}"] = (message, buttons if i == len(short) - 1 else [])
    details = [*short, *answers.why_result(ranking), *answers.what_can_help(ranking, profile)]
    for i, message in enumerate(details):
        replies[f"result detail #{i}"] = (message, [])
    replies["result and every detail as one"] = ("\n\n".join(details), buttons)
    every_source = answers.sources([ref for p in knowledge.passages.passages for ref in p.for_])
    replies["every source passage as one"] = ("\n\n".join(every_source), [])
    slots = {**profile, "red_flag": False, "medication_names": ["prednisolone", "furosemide"]}
    summary = build_summary(knowledge, assessor, answers, slots, "30 September 2026")
    replies["the summary as text"] = (summary.text(), [])
    return replies


def longest_knowledge_reply(knowledge: Knowledge, assessor: Assessor) -> Reply:
    """The longest of :func:`knowledge_replies`."""
    replies = knowledge_replies(knowledge, assessor).values()
    return max(replies, key=lambda reply: size(reply[0]))


def synthetic_text(length: int = 10_000) -> str:
    """A multi-paragraph text of about ``length`` characters: paragraphs of sentences, a
    bullet list, a line longer than any limit (one sentence without a full stop) and a word
    longer than any limit."""
    sentence = "Vitamin D helps muscles relax after they contract, and low levels are common."
    bullets = "\n".join(f"• Strategy {i}: {sentence}" for i in range(1, 8))
    no_full_stop = " ".join(f"word{i}" for i in range(700))  # ~5,400 characters, one sentence
    long_word = "Long" + "o" * 4200 + "ng."
    paragraphs = [" ".join([sentence] * 6), bullets, no_full_stop, " ".join([sentence] * 3)]
    paragraphs.append(long_word)
    n = 0
    while sum(len(p) + 2 for p in paragraphs) < length:
        n += 1
        paragraphs.append(" ".join([sentence] * (2 + n % 5)) + f" Paragraph {n}.")
    return "\n\n".join(paragraphs)


def words(text: str) -> List[str]:
    """The words of a text, in order."""
    return text.split()
