"""One conversation, every channel: the scenarios every channel must answer the same way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Tuple


@dataclass(frozen=True)
class Step:
    """One user turn and what the bot's answer must (and must not) contain."""

    message: str
    expect: Tuple[str, ...]
    button: bool = False  # press the button whose payload is ``message``
    absent: Tuple[str, ...] = ()


SCENARIOS: Dict[str, List[Step]] = {
    "greeting": [
        Step(
            "hello",
            ("Hi! I help you understand why your muscles might be twitching", "Check my twitching"),
        ),
    ],
    "full_assessment": [
        Step("why do my muscles twitch?", ("not a diagnosis", "quick safety check")),
        Step("no", ("vitamin D",)),
        Step('/inform{"answer": "often"}', ("sunlight",), button=True),
        Step("hardly ever", ("coffee, tea or energy drinks",)),
        Step("six", ("stressed",)),
        Step("very stressed lately", ("medicines",)),
        Step("why do you ask?", ("corticosteroids and diuretics",)),
        Step("no medications", ("water",)),
        Step("plenty of water", ("any of these",)),
        Step("jitters", ("how long has the twitching been going on",)),
        Step(
            "for about three weeks",
            (
                "• Excessive caffeine: you said you drink about 6 cups",
                "• Stress and anxiety: you said you feel very stressed",
                "You said it has been going on: for about three weeks",
                "Vitamin D deficiency",
                "not a diagnosis",
            ),
        ),
        # the short result's buttons: the details are one tap away
        Step("/ask_source", ("Excessive Caffeine | Acts as a stimulant",), button=True),
        Step(
            '/ask_info{"topic": "strategies"}',
            ("Limit stimulants", "National Institutes of Health"),
            button=True,
        ),
        # a link in the widget and over REST, the text itself in Slack and Telegram
        Step("summary for my doctor", ("summary", "appointment")),
    ],
    # delete my data (issue 15): asked, confirmed with the button, done; the next message
    # starts afresh (the database side: tests/system/test_forget_me.py)
    "forget_me": [
        Step("my calf twitches", ("quick safety check",)),
        Step("please delete my data", ("Delete it?", "Yes, delete it")),
        Step("/affirm", ("this conversation has been deleted",), button=True),
        Step("hi", ("Hi! I help you understand",), absent=("quick safety check",)),
    ],
    "red_flag": [
        Step("my calf keeps twitching", ("quick safety check",)),
        Step("yes, I have trouble swallowing", ("trouble swallowing", "emergency")),
        Step("what foods have vitamin D?", ("almon",)),
    ],
    "dosing_question": [
        Step("should I take 50,000 IU a day?", ("ask your doctor",), absent=("50,000", " IU")),
    ],
}
