"""The reader's general rules for what people write (issue 11): drinks counted with words
between the drink and its figure, someone else's drinks, a medicine no longer taken, an
answer by its longest phrase, how long, a topic echoed before its answer. Each case is its
own sentence, not one of tests/reader's tables."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from bot.reader import PAST, Reader, slot_updates


def _now_and_past(reader: Reader, text: str) -> tuple[List[str], List[str]]:
    """The classes of the medicines taken now and the names of those stopped, as read."""
    reading = reader.read(text)
    now = [f.key for f in reading.medicines()]
    return now, [str(f.value).lower() for f in reading.medicines(PAST)]


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("I love coffee, honestly maybe 7 mugs", 7.0),  # a figure after, words between
        ("tea mostly, about 3 or 4 a day", 4.0),  # a range counts its top
        ("2-3 energy drinks before my shift", 3.0),
        ("this is my 4th coffee and it's not even lunch", 4.0),
        ("cappuccino x2 every morning", 2.0),
        ("two lattes at work and another one at home", 3.0),  # "another one" adds
        ("I have a diet coke at lunch so 4 a day in total", 4.0),  # the stated figure
        ("I drink cola, like 2 or 3 cans of coke a day", 3.0),  # one figure, read once
        ("my dad has 5 coffees a day, that's why he twitches", 5.0),  # the chat is about him
    ],
)
def test_drinks_are_counted_as_written(reader: Reader, text: str, cups: float) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") == cups


def test_a_number_about_something_else_is_not_a_count(reader: Reader) -> None:
    assert slot_updates(reader.read("I have coffee with my 2 kids")).get("caffeine_cups") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("my brother downs 6 red bulls a day but I never touch them", "none"),  # mine, not his 6
        ("she says I drink too much tea, it's 6 cups a day", "high"),  # "I drink": mine
        ("I drink diet coke zero all day long", "high"),  # "zero" is the drink's name
        ("I'm totally addicted to coffee", "high"),
        ("I gave up coffee last year", "none"),
    ],
)
def test_caffeine_answers(reader: Reader, text: str, value: Any) -> None:
    assert slot_updates(reader.read(text)).get("caffeine") == value


def test_a_medicine_no_longer_taken_is_past(reader: Reader) -> None:
    reading = reader.read("I don't take prednisone any more")
    assert [f.value for f in reading.medicines(PAST)] == ["prednisone"]
    assert not reading.medicines()


def test_a_warning_sign_no_longer_felt_is_still_negated(reader: Reader) -> None:
    assert reader.read("I don't have chest pain any more").red_flags() == []


def test_the_longest_phrase_decides(reader: Reader) -> None:
    assert slot_updates(reader.read("I always put on spf 50 and stay out of the sun"))["sun"] == (
        "rarely"
    )


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("it began roughly 3 months ago in my calf", "began roughly 3 months ago"),
        ("Left thigh. A couple of weeks now.", "A couple of weeks now"),
        ("I stopped prednisone 2 months ago", None),  # how long a drug was taken, not the twitch
    ],
)
def test_how_long_it_has_gone_on(reader: Reader, text: str, said: Any) -> None:
    assert reader.read(text).duration() == said


def test_a_topic_echoed_before_its_answer_is_an_answer(reader: Reader) -> None:
    assert slot_updates(reader.read("sleep? awful sleep lately"))["stress"] == "high"
    assert "caffeine" not in slot_updates(reader.read("is coffee bad for twitching?"))


def test_how_long_a_medicine_was_taken_is_not_how_long_it_twitches(reader: Reader) -> None:
    assert (
        reader.read("I've been on furosemide for 2 months and my calf twitches").duration() is None
    )
    assert reader.read("on prednisone. twitching for 2 weeks").duration() == "for 2 weeks"


def test_tired_of_is_not_fatigue(reader: Reader) -> None:
    assert reader.read("I'm tired of this twitching").symptoms() == []
    assert reader.read("I'm tired all the time").symptoms() == ["fatigue"]


@pytest.mark.parametrize(
    "text",
    [
        "I was weaned off prednisolone in march",
        "I quit taking lasix",
        "I had a course of prednisone",
        "I took prednisone a while back",
        "Off prednisone now",
        "my last dose of prednisone was on Friday",
        "I haven't taken prednisone since June",
        "I'm on prednisone. Actually I stopped it on Monday",
        "prednisone - finished the course yesterday",
        "prednisone ended a week ago",
    ],
)
def test_a_medicine_taken_before(reader: Reader, text: str) -> None:
    reading = reader.read(text)
    assert reading.medicines(PAST) and not reading.medicines()


def test_quit_reaches_only_the_next_words(reader: Reader) -> None:
    assert [f.status for f in reader.read("I quit prednisone").medicines(PAST)]
    reading = reader.read("I quit my job last month because of the stress and get headaches")
    assert reading.symptoms() == ["headache"]


# ---- stop 20: rules measured on messages2.yml (the former blind table) ----
def test_gapped_phrases_take_a_few_words_but_not_a_negation() -> None:
    from bot.matching import PhraseMatcher

    m = PhraseMatcher({"pee ... dark": "dark"})
    assert [x.key for x in m.find("my pee has been really dark")] == ["dark"]
    assert m.find("my pee is not dark")[0].negated
    assert m.find("pee. It is dark outside") == []  # never across a sentence
    assert m.find("pee a, b c d e dark") == []  # nor across a clause or past the gap


def test_how_often_as_times_a_week(reader) -> None:
    assert (
        slot_updates(reader.read("mackerel pate on crackers like 5 days a week"))["diet"] == "often"
    )
    assert slot_updates(reader.read("we have salmon on fridays"))["diet"] == "sometimes"
    both = reader.read("i have a boiled egg most mornings and salmon a few times a week")
    assert slot_updates(both)["diet"] == "often"  # the food eaten most often counts


def test_sun_part_of_the_time_is_the_middle_answer(reader) -> None:
    assert (
        slot_updates(reader.read("on weekends i go hiking, weekdays im stuck inside"))["sun"]
        == "sometimes"
    )
    assert (
        slot_updates(reader.read("i work nights so i'm asleep most of the day"))["sun"] == "rarely"
    )


def test_stress_said_strongly_is_very_stressed(reader) -> None:
    assert slot_updates(reader.read("work has been insanely stressful lately"))["stress"] == "high"
    assert slot_updates(reader.read("a bit stressed"))["stress"] == "moderate"


def test_rarely_rules_out_a_symptom_never_a_warning_sign(reader) -> None:
    assert "thirst" not in reader.read("drink loads of water, rarely thirsty").symptoms()
    assert reader.read("i rarely get chest pain but had some today").red_flags() == ["chest_pain"]


def test_someone_elses_medicine_counts_only_when_the_message_is_about_them(reader) -> None:
    assert slot_updates(reader.read("my son is 12 and takes prednisone"))["medications"] == [
        "corticosteroid"
    ]
    both = reader.read("my mum takes furosemide but I take nothing")
    assert "diuretic" not in (slot_updates(both).get("medications") or [])


def test_a_switch_of_medicine_keeps_the_new_one(reader) -> None:
    reading = reader.read("stopped the prednisone last week and switched to furosemide")
    assert slot_updates(reading)["medications"] == ["diuretic"]
    assert [f.value for f in reading.medicines(PAST)] == ["prednisone"]


def test_how_long_said_in_a_sentence_about_the_twitch(reader) -> None:
    assert reader.read("been twitching since monday").duration() == "since monday"
    assert reader.read("my calf has twitched 3 weeks now").duration()
    assert reader.read("i've had insomnia for weeks").duration() is None
    assert reader.read("since i drink coffee, is that why?").duration() is None


def test_questions_with_a_fixed_answer_are_found(reader) -> None:
    assert reader.read(
        "my calf twitches, I drink a lot of coffee. Should I be worried?"
    ).questions == ["serious"]
    assert reader.read("I'm worried about my twitching").questions == []  # a statement


def test_a_medicine_the_knowledge_does_not_list_is_other(reader) -> None:
    sertraline = slot_updates(reader.read("I take sertraline, that's it"))
    assert sertraline["medications"] == ["other"]
    assert sertraline["medication_names"] == ["sertraline"]
    both = slot_updates(reader.read("HCTZ and lisinopril for my blood pressure"))
    assert both["medications"] == ["diuretic", "other"]
    assert [f.value for f in reader.read("I quit omeprazole a few weeks back").medicines(PAST)] == [
        "omeprazole"
    ]
    assert "medications" not in slot_updates(reader.read("i'm on tiktok all day"))  # no drug name


def test_no_meds_volunteered_answers_the_medicines_question(reader) -> None:
    assert slot_updates(reader.read("5 coffees a day, stressed at work, no meds"))[
        "medications"
    ] == ["none"]
    assert slot_updates(reader.read("no meds but I take prednisone"))["medications"] == [
        "corticosteroid"
    ]


def test_an_amount_of_water_is_kept_as_the_words(reader) -> None:
    assert reader.read("about 4 glasses a day").water_amount() == "about 4 glasses a day"
    said = reader.read("eye twitch for a week, i drink like a litre of water a day")
    assert said.water_amount() == "i drink like a litre of water a day"
    # not wine, not coffee, not someone else's, not when the options place it
    assert reader.read("2 glasses of wine a day").water_amount() is None
    assert reader.read("2 cups of coffee").water_amount() is None
    assert reader.read("my husband drinks 3 litres of water a day").water_amount() is None
    placed = reader.read("I drink 2 litres of water")
    assert placed.water_amount() is None and placed.slot_values()["hydration"] == "good"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("maybe 2 glasses a day", "low"),  # as the option phrase "a glass or two"
        ("500ml a day max", "low"),
        ("half a litre", "low"),
        ("i drink like 5 or 6 pints of water a day", "good"),  # a range counts its top
        ("i drink like 3L of water a day no joke", "good"),
        ("I drink 4 bottles of water a day, the 750ml ones", "good"),  # the most said
        ("a couple of litres of water", "good"),
        ("about a litre of water", None),  # between the bands: thirst decides
    ],
)
def test_an_amount_of_water_in_litres_is_placed_by_the_bands(reader, text, value) -> None:
    assert reader.read(text).slot_values().get("hydration") == value


@pytest.mark.parametrize(
    ("text", "past"),
    [
        ("Took prednisolone for a month after a flare, finished last week.", ["prednisolone"]),
        ("did a 5 day burst of prednisone for poison ivy, done now", ["prednisone"]),
        ("came off citalopram in January", ["citalopram"]),
        ("I take prednisone, stopped the coffee though", []),  # the coffee ended, not the pill
    ],
)
def test_a_medicine_ended_in_the_next_clause_is_past(reader, text, past) -> None:
    read = reader.read(text)
    assert [f.value for f in read.medicines(PAST)] == past
    assert not [f for f in read.medicines() if f.value in past]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "hydrochlorothiazide for blood pressure, and metformin",
            ["hydrochlorothiazide", "metformin"],
        ),
        ("levothyroxine every morning, nothing else", ["levothyroxine"]),
        ("used to be on hydrochlorothiazide, now amlodipine", ["amlodipine"]),
    ],
)
def test_medicines_the_knowledge_does_not_list_are_found_where_medicines_are(
    reader, text, names
) -> None:
    assert [f.value for f in reader.read(text).medicines()] == names


def test_a_sentence_starting_with_cant_states_rather_than_asks(reader) -> None:
    read = reader.read("can't switch my brain off at night, takes me hours to drop off")
    assert read.symptoms() == ["difficulty_sleeping"] and not read.asks()
    assert reader.read("can coffee cause twitching?").asks()


def test_a_short_night_beside_a_question_still_counts(reader) -> None:
    text = "6 cans of monster a day, 4 hours sleep, rarely outside. is it the caffeine??"
    assert "difficulty_sleeping" in reader.read(text).symptoms()
    assert (
        "difficulty_sleeping" not in reader.read("is 4 hours of sleep a night enough?").symptoms()
    )


@pytest.mark.parametrize(
    "text",
    [
        "my wife gets through 6 coffees a day but I don't touch the stuff",
        "He drinks loads of coffee but I don't drink any.",
    ],
)
def test_my_answer_after_someone_elses_drinks_is_mine(reader, text) -> None:
    assert slot_updates(reader.read(text)).get("caffeine") == "none"


def test_a_water_amount_is_not_joined_to_the_next_clause(reader) -> None:
    text = "in the sun every day, drink 4 litres of water, but my mood's been low"
    assert reader.read(text).slot_values()["hydration"] == "good"


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("My partner drinks like 8 coffees a day but I only have one.", 1.0),  # mine, after
        ("he drinks like 6 coffees a day, im only on 2 teas a day", 2.0),  # his clause skipped
        ("I used to drink 6 Red Bulls a day but now I'm down to 2.", 2.0),  # the past's not now
        ("now it's 2 matchas a day instead of 5 coffees", 2.0),  # "instead of" is not drunk
        ("I take filter coffee thrice daily.", 3.0),
        ("I am taking tea 4 times daily", 4.0),
        ("4 or 5 mugs of builders tea a day", 5.0),
    ],
)
def test_my_own_drinks_today_are_counted(reader: Reader, text: str, cups: float) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") == cups


def test_a_count_of_water_is_not_a_count_of_drinks(reader: Reader) -> None:
    read = reader.read("I'm vegan, don't drink coffee, and I drink about 3 litres of water.")
    assert slot_updates(read)["caffeine"] == "none" and read.slot_values()["hydration"] == "good"
    # cups of tea are not water, wherever the count stands
    assert "hydration" not in reader.read("Tea, about 10 cups a day, I'm a builder.").slot_values()
    assert "hydration" not in reader.read("Honestly I drink loads of tea").slot_values()


def test_a_message_written_for_someone_else_gives_their_answers(reader: Reader) -> None:
    text = ("I'm writing for my 12 year old son. His eyelid has been twitching on and off for "
            "a week. He doesn't have any caffeine at all and eats eggs most mornings.")  # fmt: skip
    values = slot_updates(reader.read(text))
    assert values["caffeine"] == "none" and values["diet"] == "often"
    # beside the writer's own twitching, a partner's habits stay theirs
    mine = slot_updates(reader.read("my eye twitches, I'm fine. he drinks 6 coffees a day"))
    assert "caffeine" not in mine


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        (
            "I used to eat salmon a lot but now I basically never eat fish or eggs.",
            "diet",
            "rarely",
        ),
        ("I used to work outdoors, now I'm stuck in a call centre all day", "sun", "rarely"),
        ("Like 6 cans of diet coke. daily.", "diet", None),  # a drink's name, not food
        ("one green tea every afternoon", "sun", None),  # how often, not about the sun
        ("I'm a nurse on permanent nights.", "sun", "rarely"),
    ],
)
def test_answers_are_todays_and_about_the_topic(reader, text, slot, value) -> None:
    assert reader.read(text).slot_values().get(slot) == value


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("the twitch started monday", True),
        ("My calves keep cramping and the twitching started yesterday.", True),
        ("Is it normal for a twitch to last this long? It's been 7 weeks in my eyelid.", True),
        ("Thighs twitch, been about 3 months.", True),
        ("I've been on sertraline for about a year.", False),  # how long a medicine was taken
    ],
)
def test_how_long_the_twitching_has_lasted(reader, text, said) -> None:
    assert bool(reader.read(text).duration()) is said


def test_medicines_switched_or_outside_the_classes(reader) -> None:
    swapped = reader.read("My doc swapped my lasix for bumetanide last month.")
    assert [f.value for f in swapped.medicines(PAST)] == ["lasix"]
    assert [f.value for f in swapped.medicines()] == ["bumetanide"]
    assert [f.key for f in reader.read("the pill and an inhaler").medicines()] == ["other", "other"]
    # an inhaler of a listed medicine is that medicine, not another one
    assert [f.key for f in reader.read("I use a budesonide inhaler").medicines()] == [
        "corticosteroid"
    ]
    ended = reader.read("Sertraline but I came off it in the summer")
    assert [f.value for f in ended.medicines(PAST)] == ["Sertraline"]


def test_an_answer_with_a_question_mark_is_still_an_answer(reader: Reader) -> None:
    assert reader.read("A little stressed? Moving house next week").slot_values()["stress"]
    assert reader.read("Maybe 8 glasses of water? I carry a bottle everywhere").slot_values()
    assert not slot_updates(reader.read("maybe it's the coffee causing it?"))


@pytest.mark.parametrize(
    ("text", "past"),
    [
        ("stopped microgynon in october", ["microgynon"]),  # any ending after a strong cue
        ("I came off my steroid tablets, prednisolone, about three months ago.", ["prednisolone"]),
        ("i stopped taking my water tablets (furosemide) about a month ago", ["furosemide"]),
        ("ran out of my omeprazole and never renewed it", ["omeprazole"]),
        ("fluoxetine, up until last spring", ["fluoxetine"]),
        ("I was on Rigevidon for 10 years but stopped it in May", ["Rigevidon"]),
        ("I stopped the co-codamol in the spring", ["co-codamol"]),
        ("Started on sertraline 6 weeks ago", []),  # taken since
        ("Should I come off the prednisolone if it's causing this?", []),  # asked
    ],
)
def test_past_medicines_as_people_tell_them(reader: Reader, text: str, past: list) -> None:
    assert [f.value for f in reader.read(text).medicines(PAST)] == past


def test_an_occasional_painkiller_is_not_a_regular_medicine(reader: Reader) -> None:
    assert not reader.read("i take ibuprofen when my back hurts").medicines()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("stress is like a 9 rn", "high"),
        ("Stress isn't bad, maybe a 3.", "low"),
        ("I'm a 9 out of 10 stressed", "high"),  # the score says how much
        ("Tension is moderate.", "moderate"),
    ],
)
def test_stress_as_a_score(reader: Reader, text: str, value: str) -> None:
    assert reader.read(text).slot_values().get("stress") == value


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("about a fortnight now", True),
        ("going on 10 days", True),
        ("a month give or take", True),
        ("twitches in both calves for 2 and a half weeks", True),
        ("Is it normal for it to last for weeks?", False),  # asked
        ("My sister had twitching for 3 months after she stopped sertraline.", False),  # hers
    ],
)
def test_how_long_said_in_more_ways(reader: Reader, text: str, said: bool) -> None:
    assert bool(reader.read(text).duration()) is said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("My eyelid has been jumping on and off for ages", True),
        ("this has been going on since early november", True),
        ("it comes and goes, past fortnight or so", True),
        ("around 3 weeks I think", True),
        ("about six weeks ago it started", True),
        ("I noticed it first about 10 days back", True),
        ("It’s been about a month", True),  # a phone's apostrophe
        ("I started prednisone 3 weeks ago", False),  # the medicine's start
    ],
)
def test_how_long_as_more_people_say_it(reader: Reader, text: str, said: bool) -> None:
    assert bool(reader.read(text).duration()) is said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("The twitch? Started round bonfire night.", True),  # the subject left out
        ("My eyelid's been at it since Diwali.", True),  # the site, no twitch word
        ("thigh's been going about three weeks, maybe four", True),
        ("Since my husband left in January I've had twitching all over", True),  # mine
        ("I stopped citalopram in January and my calves have twitched ever since.", True),
        (
            "I'm on prednisolone for colitis and the twitching started a week after I began it.",
            True,
        ),
        ("Finished the cipro on Sunday and my legs started twitching the next day.", True),
        ("About 4 weeks ago my calves started twitching.", True),
        ("Twitch began the morning of my driving test lol", True),
        ("for some months now my left thumb has had a persistent flicker", True),
        ("I'm on sertraline since March and my eye twitches", False),  # the medicine's time
        ("I quit omeprazole a few weeks back", False),  # "back" is no site here
        ("My 15 year old son drinks 3 monsters a day and his eye twitches.", False),  # an age
        ("My calf started twitching may be from the gym", False),  # "may" is no month here
    ],
)
def test_how_long_said_by_the_blind_tables_writers(reader: Reader, text: str, said: bool) -> None:
    assert bool(reader.read(text).duration()) is said


def test_off_work_is_not_off_a_medicine(reader: Reader) -> None:
    assert [f.value for f in reader.read("I'm off work, on prednisone").medicines()] == [
        "prednisone"
    ]


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("4 eggs a day plus salmon", "diet", "often"),  # a count a day
        ("I only eat fish when we go to the coast, maybe twice a year", "diet", "rarely"),
        ("eggs once a week and 3 coffees a day", "diet", "sometimes"),  # the coffees' day
        (
            "I'm up every 2 hours and sleeping badly. Eating eggs every day cos they're easy.",
            "diet",
            "often",
        ),  # "they" are the eggs
        ("Coffee-wise I'm at 5 or 6 a day.", "caffeine", "high"),
        ("I drink close to a gallon of water a day", "hydration", "good"),
        ("I've been living on toast and haven't eaten eggs or fish in weeks.", "diet", "rarely"),
    ],
)
def test_answers_from_the_sixth_blind_table(
    reader: Reader, text: str, slot: str, value: str
) -> None:
    assert slot_updates(reader.read(text))[slot] == value


def test_medicines_from_the_sixth_blind_table(reader: Reader) -> None:
    assert slot_updates(reader.read("I take water tablets and warfarin."))["medications"] == [
        "diuretic",
        "other",
    ]
    said = reader.read("Had to stop my propranolol because my GP was worried about my asthma.")
    assert [f.value for f in said.medicines(PAST)] == ["propranolol"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("I'd say a 3. Life's pretty good right now.", "low"),  # a score of its own
        ("1/10. I'm on sabbatical and it's bliss.", "low"),
        ("6 out of 10 probably. I'm in sales so there's always some pressure.", "moderate"),
        ("The divorce is going through so yeah, pretty stressful. I'd say an 8.", "high"),
        ("I'd rate my stress a 2, and my sleep a 9 out of 10", "low"),  # sleep's score
        ("Sleep quality maybe 3/10, I keep waking up through the night", "high"),
        ("moderately stressed I guess? the usual life admin", "moderate"),  # no question
        ("Could be better if I'm honest, bit stressed with the house move", "moderate"),
        ("It's been a very stressful year, but things have settled and I'm relaxed now", "low"),
        ("Was super anxious last year but therapy helped loads, pretty calm these days", "low"),
    ],
)
def test_stress_from_the_ninth_blind_table(reader: Reader, text: str, value: str) -> None:
    assert slot_updates(reader.read(text))["stress"] == value


@pytest.mark.parametrize(
    ("text", "past", "now"),
    [
        ("Accutane finished in August. Not taking anything else.", ["Accutane"], []),
        ("pred finished, back to just my amlodipine", ["pred"], ["amlodipine"]),
        ("Did a 5 day pred burst in november tho", ["pred"], []),
        ("Prednisolone 40mg for 5 days, last tablet was yesterday", ["Prednisolone"], []),
        (
            "fluoxetine -> sertraline -> now venlafaxine",
            ["fluoxetine", "sertraline"],
            ["venlafaxine"],
        ),
        ("Coming off prednisolone next month, still on 10mg for now.", [], ["prednisolone"]),
        ("I finished work and take prednisone", [], ["prednisone"]),  # work finished
        ("Done with the azithromycin.", ["azithromycin"], []),
        (
            "ok so meds: levothyroxine (current), prednisolone (stopped in august)",
            ["prednisolone"],
            ["levothyroxine"],
        ),
        ("My wife finished her prednisolone, I've never taken it.", [], []),  # hers
        (
            "I was on mirtazapine and sertraline. Stopped the mirtazapine, still on the sertraline.",
            ["mirtazapine"],  # named twice, one medicine
            ["sertraline"],
        ),
        ("My doctor stopped my prednisone last month", ["prednisone"], []),  # mine
        (
            "I have been on prednisone and recently they added furosemide",
            [],
            ["prednisone", "furosemide"],
        ),  # "they": the doctors
        ("my mum takes furosemide but I take nothing", [], []),  # hers
        (
            "I came off venlafaxine in September and went onto mirtazapine.",
            ["venlafaxine"],
            ["mirtazapine"],
        ),
    ],
)
def test_whose_medicine_and_when_from_the_blind_tables(
    reader: Reader, text: str, past: List[str], now: List[str]
) -> None:
    reading = reader.read(text)
    assert [f.value for f in reading.medicines(PAST)] == past
    assert [f.value for f in reading.medicines()] == now


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("twitching 6 weeks, stressed 8/10, coffee x2, water 2L", 2.0),  # not the 10 of 8/10
        ("coffee: 1, tea: 1", 2.0),  # labelled counts
        ("Coffee: 2. Tea: 3. Coke Zero: 1. Water: barely any.", 6.0),
        ("Water's fine, 2 litres or more. Coffee 2. Not on meds.", 2.0),
        ("I've cut down from 5 coffees to 2, drink 2L of water", 2.0),  # the count now
    ],
)
def test_drink_counts_from_the_ninth_blind_table(reader: Reader, text: str, cups: float) -> None:
    assert slot_updates(reader.read(text))["caffeine_cups"] == cups


def test_a_long_statement_ending_in_a_question_keeps_its_facts(reader: Reader) -> None:
    said = slot_updates(
        reader.read(
            "hi so my left eyelid has been jumping like crazy since my exams started, im on "
            "like 4 monsters a day and barely sleeping, is it serious??"
        )
    )
    assert (said["caffeine_cups"], said["stress"]) == (4.0, "high")
    assert "diet" not in slot_updates(
        reader.read("If I started eating eggs every day, would that be enough vitamin D?")
    )
    assert "caffeine" not in slot_updates(reader.read("is it the coffee, I drink 5 a day?"))


def test_a_flicker_is_a_twitch(reader: Reader) -> None:
    reading = reader.read(
        "Writing for my mum. Her left thumb has had a flicker for some months now."
    )
    assert reading.twitching and reading.duration() == "for some months"


@pytest.mark.parametrize(
    ("text", "past", "now"),
    [
        # a name in brackets after a medicine word names it
        ("Stopped the statin (rosuvastatin) because of muscle aches.", ["rosuvastatin"], []),
        ("Finished antibiotics (doxycycline) on Tuesday. No other meds.", ["doxycycline"], []),
        # a list's label says which ("switched to" under "Previously:" is taken now)
        ("past meds: zopiclone, diazepam. current: none.", ["zopiclone", "diazepam"], []),
        (
            "Currently taking: omeprazole. Previously: lansoprazole (stopped 2022) and "
            "simvastatin (switched to atorvastatin).",
            ["lansoprazole", "simvastatin"],
            ["omeprazole", "atorvastatin"],
        ),
        # the items of a list share the first one's past
        (
            "Tried sertraline, citalopram and fluoxetine over the years, stopped them all.",
            ["sertraline", "citalopram", "fluoxetine"],
            [],
        ),
        ("came off sertraline, citalopram is what I take now", ["sertraline"], ["citalopram"]),
        # taken up again, "now only", never started, a course back in a year, given up
        (
            "was on fluoxetine for a year, stopped in november, back on it since january",
            [],
            ["fluoxetine"],
        ),
        ("i used to take prozac and wellbutrin, now only wellbutrin", ["prozac"], ["wellbutrin"]),
        ("I was prescribed sertraline but never actually started it", [], []),
        (
            "I took dexamethasone for 5 days for covid in hospital back in 2021",
            ["dexamethasone"],
            [],
        ),
        (
            "On prednisone 5mg and furosemide 20mg, had to give up the HCTZ",
            ["HCTZ"],
            ["prednisone", "furosemide"],
        ),
        ("Had a Medrol dose pack in October. Done with that now.", ["Medrol"], []),
        (
            "I stopped taking the co-amilofruse because I was peeing all night",
            ["co-amilofruse"],
            [],
        ),
        ("I'm on letrozole now.", [], ["letrozole"]),
    ],
)
def test_medicines_from_the_tenth_blind_table(
    reader: Reader, text: str, past: List[str], now: List[str]
) -> None:
    reading = reader.read(text)
    assert [f.value for f in reading.medicines(PAST)] == past
    assert [f.value for f in reading.medicines()] == now


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sleep is a disaster, 4 hrs if I'm lucky", {"stress": "high"}),
        ("honestly can't remember the last good night's sleep", {"stress": "high"}),
        (
            "Stress level 6, sleep 6 hours, caffeine 3 cups",
            {"stress": "moderate", "caffeine_cups": 3.0},
        ),
        ("cola and coffee all day, probably 8 or 9 drinks", {"caffeine_cups": 9.0}),
        ("I'm stressed to bits looking after the grandkids full time", {"stress": "high"}),
    ],
)
def test_stress_and_counts_from_the_tenth_blind_table(
    reader: Reader, text: str, expected: dict
) -> None:
    said = slot_updates(reader.read(text))
    assert {k: said.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Feel a bit washed out and thirsty all day", ["fatigue", "thirst"], []),
        ("feeling more emotional and teary now", ["mood_changes"], []),
        ("my heart rate is always up around 110", ["rapid_heart_rate"], []),
        # what a past medicine did is not a symptom now
        ("Used to be on Microgynon but it gave me migraines.", [], ["headache"]),
        ("Used to take furosemide, stopped because of cramps", [], ["muscle_cramps"]),
    ],
)
def test_symptoms_from_the_tenth_blind_table(
    reader: Reader, text: str, present: List[str], absent: List[str]
) -> None:
    symptoms = reader.read(text).symptoms()
    assert set(present) <= set(symptoms) and not set(absent) & set(symptoms)


@pytest.mark.parametrize(
    "text",
    [
        "pred 5mg, water tablet and a statin every morning, been like that for years",
        "I used to take Adderall in college but haven't for years. Currently nothing.",
        "took ibuprofen for a few days for a sprain, finished now",
    ],
)
def test_a_medicine_s_time_is_not_the_twitch_s(reader: Reader, text: str) -> None:
    assert reader.read(text).duration() is None


def test_a_message_written_for_someone_else_is_theirs(reader: Reader) -> None:
    said = slot_updates(
        reader.read(
            "Mum has been on Lasix for years, I'm writing because her arms twitch. She eats "
            "eggs every morning and sits in the garden most afternoons."
        )
    )
    assert (said["diet"], said["sun"], said["medications"]) == ("often", "often", ["diuretic"])
    # "I'm asking because my eye twitches": the writer's own
    assert slot_updates(reader.read("I'm asking because my eye twitches and I take prednisone"))[
        "medications"
    ] == ["corticosteroid"]


@pytest.mark.parametrize(
    "text",
    [
        "Can't really eat fish or eggs with my gut.",
        "Only eat fish if someone else cooks it, maybe once every couple of months",
    ],
)
def test_diet_said_through_what_one_cannot_eat(reader: Reader, text: str) -> None:
    assert slot_updates(reader.read(text))["diet"] == "rarely"


@pytest.mark.parametrize(
    "text",
    [
        "Past meds: prednisone, furosemide. Current: none",
        "Previously on prednisolone; current medications: none",
        "used to take sertraline. currently on nothing",
    ],
)
def test_a_current_label_saying_none_is_no_medicines_now(reader: Reader, text: str) -> None:
    said = slot_updates(reader.read(text))
    assert said.get("medications") == ["none"]


def test_a_current_label_for_a_drink_is_not_about_medicines(reader: Reader) -> None:
    said = slot_updates(reader.read("current caffeine: none, used to drink 5 coffees"))
    assert "medications" not in said and said.get("caffeine") == "none"


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("I drink about 14 coffees a week, so 2 a day on average", 2.0),  # the total said
        ("Maybe 35 coffees a week if I'm honest, that works out at 5 a day", 5.0),
        ("20 cups of tea a week", 3.0),  # a week's count, a day's share
        ("2 coffees and 3 cups of tea most days", 5.0),  # the 3 is the tea's
        (
            "a mug of coffee at breakfast, a cup of tea at 11, a coke at lunch, another "
            "coffee at 3, and a tea after dinner. So 5 altogether.",
            5.0,
        ),
        ("I have a coffee roughly every 2 hours while I'm awake, so about 8", 8.0),
        ("I used to drink 8 coffees a day but cut down to 2 about a month ago", 2.0),
        ("I am drinking coffee three times in a day and also one Coca-Cola in evening", 4.0),
        ("3 decafs and one normal coffee at work", 1.0),
        ("3 coffees, but one of them is decaf", 2.0),
    ],
)
def test_counts_of_drinks_from_the_eleventh_table(reader: Reader, text: str, cups: float) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") == cups


@pytest.mark.parametrize(
    "text", ["I'm dying for a cuppa", "My fingers tremble when I'm dying for a coffee"]
)
def test_a_drink_wanted_is_not_drunk(reader: Reader, text: str) -> None:
    assert "caffeine" not in slot_updates(reader.read(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("I get through about four of those 500ml bottles a day", "good"),
        ("I drink like 100 oz of water a day", "good"),
        ("I drink about half a litre of water a day and a lot of tea", "low"),
        ("I try for 2 litres but usually manage about half a litre", "low"),
        ("I'm a nurse, hardly get time to drink, maybe 400ml a shift", "low"),
        ("water intake is terrible tbh", "low"),
    ],
)
def test_water_from_the_eleventh_table(reader: Reader, text: str, value: str) -> None:
    assert slot_updates(reader.read(text)).get("hydration") == value


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("My grip feels weaker, I'm struggling to open jars", ["muscle_weakness"], []),
        ("sometimes my heart does a little flip-flop", ["irregular_heartbeat"], []),
        ("my head is pounding every evening", ["headache"], []),
        ("that meeting was a real headache", [], ["headache"]),
        ("I only drink when I'm thirsty tbh", [], ["thirst"]),
        ("I drink when I'm thirsty, which is basically all the time", ["thirst"], []),
    ],
)
def test_symptoms_from_the_eleventh_table(
    reader: Reader, text: str, present: List[str], absent: List[str]
) -> None:
    symptoms = reader.read(text).symptoms()
    assert set(present) <= set(symptoms) and not set(absent) & set(symptoms)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("it comes and goes, I first noticed the twitching in the spring", True),
        ("My thumb has twitched for the last 48 hours", True),
        ("my eye's twitched on and off for donkey's years", True),
        ("I'm on prednisolone for my colitis and the twitching has been going for 2 weeks", True),
        ("Started twitching just this morning, bottom lip", True),
        ("I've been on prednisone for 3 weeks and my eye twitches", False),
        ("I sleep for 8 hours and my eye twitches", False),
    ],
)
def test_how_long_from_the_eleventh_table(reader: Reader, text: str, said: bool) -> None:
    assert bool(reader.read(text).duration()) is said


def test_sun_words_are_not_the_diets(reader: Reader) -> None:
    said = slot_updates(reader.read("Haven't had any sun in ages and my eye twitches"))
    assert said.get("sun") == "rarely" and "diet" not in said


@pytest.mark.parametrize(
    ("text", "past", "none_now"),
    [
        # a chain that ends "now …": all before "now" are past
        ("Paxil for years, then Effexor, now nothing", ["Paxil", "Effexor"], True),
        (
            "Used to be on citalopram, then sertraline, now nothing for 6 months.",
            ["citalopram", "sertraline"],
            True,
        ),
        ("fluoxetine -> sertraline -> now bupropion", ["fluoxetine", "sertraline"], False),
        # off it, finished, a course had
        ("Now I'm down to 2 coffees and off the propranolol.", ["propranolol"], False),
        ("Flucloxacillin finished two days ago for cellulitis.", ["Flucloxacillin"], False),
        ("I had dexamethasone for 3 days in hospital in October.", ["dexamethasone"], False),
        # not ended
        ("Coming off prednisolone next month, still on 10mg for now.", [], False),
        ("I've had prednisone for 3 weeks now", [], False),
        # "now none" about a drink is not about medicines
        (
            "I used to take prozac. I drink 5 coffees, used to drink tea, now none",
            ["prozac"],
            False,
        ),
    ],
)
def test_medicines_ended_by_the_words_around_them(
    reader: Reader, text: str, past: List[str], none_now: bool
) -> None:
    reading = reader.read(text)
    assert [f.value for f in reading.medicines(PAST)] == past
    assert (slot_updates(reading).get("medications") == ["none"]) is none_now


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 coffees a day, sometimes 3", {"caffeine_cups": 3.0}),  # the top of a range
        ("1 espresso. maybe 2 on a bad day", {"caffeine_cups": 2.0}),
        ("I've cut down from 8 coffees a day to 2", {"caffeine_cups": 2.0}),
        (
            "I drink a Mountain Dew or two daily, sometimes a Dr Pepper instead",
            {"caffeine_cups": 2.0},
        ),
        ("I take filter coffee 2 times and tea 2 times daily", {"caffeine_cups": 4.0}),
        ("I'm a runner so I drink tons, 3L plus", {"hydration": "good"}),
        ("Water? Hardly touch it", {"hydration": "low"}),
        ("Barely drink on shift, a few sips maybe", {"hydration": "low"}),
        ("office 8 till 6, dark when I go in, dark when I leave", {"sun": "rarely"}),
        ("Sun? I'm Scottish, we don't do sun", {"sun": "rarely"}),
        ("we do beach walks saturday and sunday", {"sun": "sometimes"}),
        (
            "Kids have been sick and I haven't had a full night's sleep since October",
            {"stress": "high"},
        ),
        ("Honestly I'm a dog walker, zero stress", {"stress": "low"}),
        (
            "Went from prednisolone to budesonide tablets in October",
            {"medications": ["corticosteroid"]},
        ),
    ],
)
def test_answers_from_the_twelfth_and_thirteenth_tables(
    reader: Reader, text: str, expected: dict
) -> None:
    said = slot_updates(reader.read(text))
    assert {k: said.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "past few weeks the bones in my legs ache, and I'm super tired",
            ["bone_pain", "fatigue"],
            [],
        ),
        ("I'm jittery, shaky hands, heart going like the clappers", ["rapid_heart_rate"], []),
        ("feel like I'm buzzing inside, heart racing, can't sleep", ["jitters"], []),
        ("my head has been banging most afternoons", ["headache"], []),
        ("I'm thirsty for answers lol why does my eye do this", [], ["thirst"]),
        ("Work is a headache but I'm not really stressed", [], ["headache"]),
    ],
)
def test_symptoms_from_the_twelfth_and_thirteenth_tables(
    reader: Reader, text: str, present: List[str], absent: List[str]
) -> None:
    symptoms = reader.read(text).symptoms()
    assert set(present) <= set(symptoms) and not set(absent) & set(symptoms)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("the past month or so my right calf just flickers away", True),
        ("Been a good while now tbh with the twitches", True),
        ("not on anything now. the twitching only showed up last week", True),
        ("my eye has twitched for 3 weeks and now my calf twitches too", True),
        # the time of what came before, then the twitch as new
        ("I've had insomnia for about a year and now random twitches in my arms", False),
        ("I've been working from home for 2 years. now this twitching", False),
    ],
)
def test_how_long_from_the_thirteenth_table(reader: Reader, text: str, said: bool) -> None:
    assert bool(reader.read(text).duration()) is said


def test_a_weeks_count_is_quoted_with_its_week(reader: Reader) -> None:
    """The reply quotes the words: "14 coffees" alone would read as 14 a day."""
    facts = [f for f in reader.read("I drink about 14 coffees a week").facts if f.key == "caffeine"]
    assert facts[0].words.endswith("14 coffees a week") and facts[0].value["cups"] == 2.0


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("im writing for my dad, his calf twitches for 2 wks", "weeks"),
        ("my thumb has twitched for the last 48 hours", "days"),
        ("eye twitching for 3 yrs", "months"),
    ],
)
def test_how_long_said_short_is_placed(reader: Reader, text: str, value: str) -> None:
    """Seen over REST: "for 2 wks" was read but not placed, so the question came again."""
    assert slot_updates(reader.read(text)).get("duration") == value


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("I have one coffee in the morning and one after lunch", 2.0),
        ("a tea at breakfast and two in the afternoon", 3.0),
        ("one coffee in the morning and one tea with lunch", 2.0),  # the tea counted once
    ],
)
def test_a_bare_count_at_another_time_of_day_adds_to_the_drink(
    reader: Reader, text: str, cups: float
) -> None:
    assert slot_updates(reader.read(text))["caffeine_cups"] == cups


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("What sun?? Haven't seen it in weeks, I'm barely outside", "sun", "rarely"),  # "??"
        ("WFH full time, don't really leave the flat", "sun", "rarely"),
        ("I cycle to uni every day, 25 mins each way", "sun", "often"),
        ("5 or 6 mugs of builder's tea and maybe half a litre of water", "hydration", "low"),
        ("I get through a 750ml bottle of water about 3 times a day", "hydration", "good"),
    ],
)
def test_from_the_fourteenth_development_table(
    reader: Reader, text: str, slot: str, value: str
) -> None:
    assert slot_updates(reader.read(text)).get(slot) == value


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("I drink a glass of water a day, that's it", "hydration", "low"),  # "a glass": one
        ("I'm on sertraline (sp?) for a year now", "medications", ["other"]),  # taken, not asked
        ("bored out of my mind at work, not stressed", "stress", "low"),  # an idiom of boredom
        ("I've been diagnosed with generalised anxiety", "stress", "high"),  # the question's word
        ("I struggle to drop off and then I'm wide awake at 4", "stress", "high"),
    ],
)
def test_misreads_named_in_the_issue_note(
    reader: Reader, text: str, slot: str, value: object
) -> None:
    assert slot_updates(reader.read(text)).get(slot) == value


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("sleeping 9 hours a night, feel fine", "high"),  # a long night is not sleeping badly
        ("I drink zero energy drinks, just water", "fatigue"),  # a drink's name, not "zero energy"
        ("I'm on sertraline (sp?) for a year now", "duration"),  # the medicine's year
    ],
)
def test_words_that_are_not_the_fact_they_resemble(reader: Reader, text: str, absent: str) -> None:
    reading = reader.read(text)
    values = slot_updates(reading)
    assert values.get("stress") != absent
    assert absent not in reading.symptoms()
    assert not (absent == "duration" and reading.duration())


def test_a_heart_doing_flips_is_an_irregular_heartbeat(reader: Reader) -> None:
    reading = reader.read("my heart keeps doing flips at night and my eyelid twitches")
    assert reading.symptoms() == ["irregular_heartbeat"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("stress on a scale of 1 to 10? probably an 8", "high"),  # the score after the question
        ("on a scale of 1-10 my stress is a 2", "low"),
        ("scale of one to ten, stress wise I'd say a 5", "moderate"),
    ],
)
def test_a_stress_score_said_after_the_scale(reader: Reader, text: str, value: str) -> None:
    assert slot_updates(reader.read(text)).get("stress") == value


@pytest.mark.parametrize(
    "text",
    [
        "had prednisolone and amoxicillin last month, both done now",
        "I was on furosemide and prednisone, both stopped in March",
    ],
)
def test_both_done_ends_every_medicine_named_before(reader: Reader, text: str) -> None:
    reading = reader.read(text)
    assert len(reading.medicines(PAST)) == 2
    assert slot_updates(reading).get("medications") in (None, [], ["none"])


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("Monster in the morning, Monster at lunch, coffee at 3 and another monster", 4.0),
        ("coffee at 7, another at 10, tea at lunch", 3.0),  # one each time of day
        ("1 coffee at home, 1 at work, 1 after lunch, and a red bull at 5", 4.0),
        ("probably 4 mugs of coffee before lunch and then a couple after", 6.0),
        ("2 teas in the morning and usually another tea around 4", 3.0),  # "around 4": a time
        ("3 coffees, 2 green teas and a Red Bull at lunch, 6 in total", 6.0),  # the total said
        ("Mostly green tea, 5 cups, plus a matcha latte in the afternoon", 6.0),
        ("Caffeine 2/day.", 2.0),
    ],
)
def test_drinks_said_through_the_day(reader: Reader, text: str, cups: float) -> None:
    assert slot_updates(reader.read(text))["caffeine_cups"] == cups


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        ("my GP put me on prednisolone 3 days ago", ["corticosteroid"], []),  # begun, not ended
        (
            "started on lisinopril in October and HCTZ was added two weeks ago",
            ["diuretic", "other"],
            [],
        ),
        ("I started prednisolone in May and stopped it in June", None, ["prednisolone"]),
        (
            "Started on venlafaxine in the spring and switched to mirtazapine",
            ["other"],
            ["venlafaxine"],
        ),
        ("I'm on sertraline and switched jobs last month", ["other"], []),  # jobs, not medicines
        ("I started sertraline 6 weeks ago and stopped drinking coffee", ["other"], []),
        (
            "Tried amitriptyline, stopped it. Then gabapentin which I'm still on.",
            ["other"],
            ["amitriptyline"],
        ),
    ],
)
def test_medicines_started_and_ended(reader: Reader, text: str, now: Any, past: List[str]) -> None:
    reading = reader.read(text)
    got = slot_updates(reading).get("medications")
    assert (sorted(got) if got else None) == (sorted(now) if now else None)
    assert [str(f.value).lower() for f in reading.medicines(PAST)] == past


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("My wife has had a twitch in her calf for 5 weeks, she's not sleeping", "stress", "high"),
        ("avoiding caffeine completely", "caffeine", "none"),
        ("coffee? just the one", "caffeine", "low"),  # one is a cup, not none
        ("It's not stressful at all, I'm retired", "stress", "low"),
        ("Mostly I stay in. Mackerel a few times a week though.", "sun", "rarely"),
        ("i drink 1 coke a day and i play outside loads", "sun", "often"),
        ("I'm a lifeguard, drink heaps of water too", "hydration", "good"),
    ],
)
def test_from_the_sixteenth_development_table(
    reader: Reader, text: str, slot: str, value: str
) -> None:
    assert slot_updates(reader.read(text)).get(slot) == value


@pytest.mark.parametrize(
    ("text", "slot"),
    [
        ("My mum is 59, on HRT and amlodipine. No water tablets or steroids.", "hydration"),
        ("I used to drink loads of coke but I've switched to water", "caffeine"),  # the past
        ("caffeine minimal, stress minimal", "sun"),
    ],
)
def test_words_that_do_not_answer_the_question(reader: Reader, text: str, slot: str) -> None:
    assert slot not in slot_updates(reader.read(text))


def test_a_partners_twitch_told_alone_is_about_them(reader: Reader) -> None:
    reading = reader.read("my husband has had an eyelid twitch for 2 weeks, he's on furosemide")
    assert reading.duration()
    assert slot_updates(reading).get("medications") == ["diuretic"]
    told = reader.read("My sister had twitching for 3 months after she stopped sertraline")
    assert not told.duration()  # a story about someone else, told in passing


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("my daughter is 6, she refuses eggs and fish completely", "diet", "rarely"),
        ("She takes furosemide. She drinks very little because of the loo.", "hydration", "low"),
        ("coffee: none. tea: 2 cups. cola: a can with lunch.", "caffeine_cups", 3.0),  # "a can"
        ("Sun? I'm ginger, I avoid it like the plague", "sun", "rarely"),
        ("Aussie here, I'm down the beach most arvos", "sun", "often"),
        ("heart feels fluttery and i cant get to sleep", "stress", "high"),
    ],
)
def test_from_the_fifteenth_development_table(
    reader: Reader, text: str, slot: str, value: object
) -> None:
    assert slot_updates(reader.read(text)).get(slot) == value


@pytest.mark.parametrize(
    ("text", "symptoms"),
    [
        ("Heart sometimes races and I feel jittery", ["jitters", "rapid_heart_rate"]),
        ("heart feels fluttery and irregular at night", ["irregular_heartbeat"]),
        ("I get muscle cramps and my bones feel sore", ["bone_pain", "muscle_cramps"]),
        ("Tremor in my hands and my mood's been swinging all over", ["mood_changes", "tremors"]),
    ],
)
def test_symptoms_said_loosely(reader: Reader, text: str, symptoms: List[str]) -> None:
    assert sorted(reader.read(text).symptoms()) == symptoms


@pytest.mark.parametrize(
    "text",
    [
        "I barely drink water, maybe a cup a day",  # a cup of water
        "Tea, loads of it. Water, maybe a glass.",  # the glass is water's, not a count of tea
    ],
)
def test_a_cup_of_water_is_not_caffeine(reader: Reader, text: str) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") is None


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        (
            "Stressed? Nope. Retired, sleep like a baby.",
            "stress",
            "low",
        ),  # the answer, not the topic
        ("Coffee: 2. Stress: 8/10. Sun: what sun?", "sun", "rarely"),  # a question that answers
        ("Had sardines on toast twice this week, that's about normal for me", "diet", "sometimes"),
        ("water: barely any. coffee: 3. sleep: rubbish.", "stress", "high"),
        ("Going through IVF and I'm on a bunch of hormone injections", "medications", ["other"]),
    ],
)
def test_labelled_and_echoed_answers(reader: Reader, text: str, slot: str, value: object) -> None:
    assert slot_updates(reader.read(text)).get(slot) == value


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("twitching started right after covid, so about 2 and a half months now", True),
        (
            "I've been on prednisolone for 3 weeks and developed a twitch in my thigh a week ago",
            True,
        ),
        ("I stopped taking prednisone a month ago and the twitching started after", False),
        ("what sun do I need?", False),
    ],
)
def test_how_long_said_after_a_medicine(reader: Reader, text: str, said: bool) -> None:
    assert bool(reader.read(text).duration()) is said


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        (
            "My mum took prednisolone for 18 months, finished it in September, now she twitches",
            None,
            ["prednisolone"],
        ),
        ("Also had a stint on prednisolone in 2023. Currently nothing.", None, ["prednisolone"]),
        ("I stopped my sertraline and my furosemide in May", None, ["furosemide", "sertraline"]),
        ("I stopped my sertraline and my furosemide is still going", ["diuretic"], ["sertraline"]),
        (
            "I was on Prozac, then switched to venlafaxine in March, and I came off that too",
            None,
            ["prozac", "venlafaxine"],
        ),
        (
            "Paused my methotrexate, and my rheumatologist has me on prednisolone",
            ["corticosteroid"],
            ["methotrexate"],
        ),
        (
            "I take sertraline. I used to take it with quetiapine but the quetiapine got stopped",
            ["other"],
            ["quetiapine"],
        ),
    ],
)
def test_medicines_ended_in_other_words(
    reader: Reader, text: str, now: Any, past: List[str]
) -> None:
    reading = reader.read(text)
    got = slot_updates(reading).get("medications")
    assert (sorted(got) if got and got != ["none"] else None) == now
    assert sorted(str(f.value).lower() for f in reading.medicines(PAST)) == past


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        (
            "I'm stressed about 8/10, drink about 3 coffees, eyelid twitching a week",
            3.0,
        ),  # not 3 a week
        ("3 espressos + 1 cappuccino + 2 cans of coke", 6.0),  # the 2 cans are the coke's
        ("2 Prime energy drinks a day. No meds.", 2.0),
        ("4 coffees and a redbull every day this week", 5.0),
        ("4 karak chai a day", 4.0),
        ("Double espresso first thing, a Coke Zero with lunch and a green tea mid afternoon", 3.0),
        ("i have 2 coffees, well 3 if you count the one at the petrol station", 3.0),
    ],
)
def test_drinks_counted_from_the_eighteenth_table(reader: Reader, text: str, cups: float) -> None:
    assert slot_updates(reader.read(text))["caffeine_cups"] == cups


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("I don't drink tea or coffee, only water and juice", "caffeine", "none"),
        ("She drinks a ridiculous amount of energy drinks", "caffeine", "high"),
        ("my wee is like apple juice colour", "hydration", "low"),
        ("Very little sun. I'm in Glasgow.", "sun", "rarely"),
        ("I'm 45, office manager, not much stress in my life", "stress", "low"),
        (
            "I used to take Lasix but the doc took me off it. Now it's just amlodipine.",
            "medications",
            ["other"],
        ),
    ],
)
def test_answers_from_the_eighteenth_table(
    reader: Reader, text: str, slot: str, value: object
) -> None:
    assert slot_updates(reader.read(text)).get(slot) == value


def test_a_name_after_a_known_medicine_is_a_medicine(reader: Reader) -> None:
    reading = reader.read("type 2 diabetic on metformin. I gave up gliclazide last year.")
    assert [f.value for f in reading.medicines(PAST)] == ["gliclazide"]
    both = reader.read(
        "i used to take furosemide, then hydrochlorothiazide, and then they stopped both"
    )
    assert sorted(str(f.value) for f in both.medicines(PAST)) == [
        "furosemide",
        "hydrochlorothiazide",
    ]


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("I'm sooooo stressed. Wedding in 3 weeks", "stress", "high"),  # "so", typed long
        ("Work is hell, I'm a wreck, stress is off the charts.", "stress", "high"),
        ("on night shifts, sleep in the day, sleep is crap", "stress", "high"),
        ("cut out all caffeine completely 2 weeks ago", "caffeine", "none"),
        ("used to drink 10 coffees a day but I've cut right down to 2", "caffeine_cups", 2.0),
        ("Can't remember the last time I saw the sun lol", "sun", "rarely"),
        ("she lives in a care home and doesn't get outside much at all", "sun", "rarely"),
    ],
)
def test_answers_from_the_seventeenth_table(
    reader: Reader, text: str, slot: str, value: object
) -> None:
    assert slot_updates(reader.read(text)).get(slot) == value


@pytest.mark.parametrize(
    ("text", "symptoms"),
    [
        ("My partner says I'm irritable and snappy lately", ["mood_changes"]),  # said of me
        ("my wife says she is grumpy", []),
        ("Stopped taking Yasmin because it made me feel flat.", []),  # why it was stopped
        ("I'm on sertraline and it makes me dizzy", ["lightheadedness"]),  # now
        (
            "I wake up like 5 times a night, then feel wrecked all day",
            ["difficulty_sleeping", "fatigue"],
        ),
        ("the car was wrecked", []),
        ("my heart keeps doing this skip-a-beat thing when I lie down", ["irregular_heartbeat"]),
        ("We get about 4 hours of daylight now and I'm inside for all of it.", []),  # not sleep
    ],
)
def test_whose_symptom_and_when(reader: Reader, text: str, symptoms: List[str]) -> None:
    assert sorted(reader.read(text).symptoms()) == symptoms


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        (
            "i drink a fair bit of coffee, maybe 5? plus a monster every afternoon",
            "caffeine_cups",
            6.0,
        ),
        ("is it ok to drink coffee, maybe 5?", "caffeine_cups", None),  # asked
        (
            "morning: big latte. lunch: filter coffee. afternoon: pepsi max and a tea",
            "caffeine_cups",
            4.0,
        ),
        ("Does decaf count? I have about 4 decafs a day", "caffeine", "none"),
    ],
)
def test_guesses_labels_and_questions_before_answers(
    reader: Reader, text: str, slot: str, value: object
) -> None:
    assert slot_updates(reader.read(text)).get(slot) == value


def test_fish_oil_is_a_supplement_and_nah_is_no(reader: Reader) -> None:
    assert "diet" not in slot_updates(reader.read("I take fish oil capsules every day"))
    assert slot_updates(reader.read("salmon daily"))["diet"] == "often"
    assert slot_updates(reader.read("Stress? Nah, love the job."))["stress"] == "low"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("I'm a lifeguard at an indoor leisure centre, so loads of chlorine, zero sun", "rarely"),
        ("ski instructor, on the slopes every day, but I'm covered head to toe", "rarely"),
        ("I'm a builder, out on site all day, t-shirt even in winter cos I run hot", "often"),
        ("We live in Tromsø, it's polar night, the sun literally doesn't come up", "rarely"),
        ("I take the underground to work", None),  # not working underground
    ],
)
def test_sun_on_the_skin_decides(reader: Reader, text: str, value: object) -> None:
    assert slot_updates(reader.read(text)).get("sun") == value


@pytest.mark.parametrize(
    ("text", "symptom"),
    [
        ("Lost my job and I've been a bag of nerves ever since", "anxiety"),
        ("I'm cabin crew, long haul, my sleep is wrecked", "difficulty_sleeping"),
        ("i feel like i cant stop fidgeting", "restlessness"),
        ("my heart keeps missing a beat", "irregular_heartbeat"),
        ("feeling very low, can't be bothered with anything", "mood_changes"),
        ("my calf has been twitching and it's keeping me awake at night", "difficulty_sleeping"),
    ],
)
def test_symptoms_from_the_nineteenth_table(reader: Reader, text: str, symptom: str) -> None:
    assert symptom in reader.read(text).symptoms()


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        (
            "tapering off prednisolone at the moment, down to 5mg",
            ["corticosteroid"],
            [],
        ),  # still taken
        ("I'm off prednisolone now", None, ["prednisolone"]),
        (
            "I was given budesonide and finished the 8 week course at the end of October.",
            None,
            ["budesonide"],
        ),
        ("I finished my course of amoxicillin last week", None, ["amoxicillin"]),
        (
            "Swapped prednisone for hydrocortisone in Sept, on 15mg hydrocortisone now",
            ["corticosteroid"],
            ["prednisone"],
        ),
        (
            "Hi doc, I'm on Synthroid and Lipitor. I stopped Prilosec last year.",
            ["other"],
            ["prilosec"],
        ),
    ],
)
def test_medicines_from_the_twentieth_table(
    reader: Reader, text: str, now: Any, past: List[str]
) -> None:
    reading = reader.read(text)
    got = slot_updates(reading).get("medications")
    assert (sorted(set(got)) if got and got != ["none"] else None) == now
    assert sorted({str(f.value).lower() for f in reading.medicines(PAST)}) == past


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("1 coffee at breakfast, 1 at 11, 1 at 3, that's it", 3.0),
        ("4-5 coffees a day and stress is 8/10 with a release coming", 5.0),  # not the 10
        ("I have 5 or so coffees from servos", 5.0),
        ("Caffeine wise I'm on 10 cups a day. I know.", 10.0),
        ("I have 1 black coffee and 3 cups of english breakfast tea", 4.0),
    ],
)
def test_drinks_counted_from_the_twentieth_table(reader: Reader, text: str, cups: float) -> None:
    assert slot_updates(reader.read(text))["caffeine_cups"] == cups


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("I drink 0.5 litres of water", "hydration", "low"),  # not "5 litres"
        ("coffee at 8, 11 and 3, and a green tea after dinner", "caffeine_cups", 4.0),
        ("Used to drink 5 coffees, now down to 2.", "caffeine_cups", 2.0),
        ("skin sees sun on the weekend when we go hiking, otherwise nah", "stress", None),
        ("coffee? nah", "caffeine", "none"),
    ],
)
def test_points_times_and_nah(reader: Reader, text: str, slot: str, value: object) -> None:
    assert slot_updates(reader.read(text)).get(slot) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no eggs, allergic. fish only now and then, like once a month", "rarely"),  # the figure
        ("Eggs now and then, maybe once a fortnight.", "rarely"),
        ("Cereal most mornings but not the fortified kind, and no fish or eggs", "rarely"),
        ("Mushrooms most days but just normal ones, not the UV ones. No fish, no eggs.", "rarely"),
        ("fortified cereal every day", "often"),
    ],
)
def test_how_often_a_food_said_more_exactly(reader: Reader, text: str, value: str) -> None:
    assert slot_updates(reader.read(text)).get("diet") == value


def test_tired_as_a_trigger_and_totals_said_in_mugs(reader: Reader) -> None:
    assert "fatigue" not in reader.read("Going on about a month. Worse when I'm tired.").symptoms()
    assert "fatigue" in reader.read("I am tired all the time").symptoms()
    said = "a cafetiere and a half a day, which works out at about 6 mugs of coffee"
    assert slot_updates(reader.read(said))["caffeine_cups"] == 6.0
    assert reader.read(
        "started noticing my eyelid flicker maybe 10 days ago? im a nurse"
    ).duration()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("around 2 weeks", True),  # a bare answer to "how long?"
        ("had it on and off for years", True),
        ("Just this annoying eyelid thing for 2 days", True),
        ("I noticed it 2 weeks ago", True),
        (
            "I've been on night shifts for 3 years so I barely see daylight",
            False,
        ),  # no twitch named
        ("off work for a fortnight with my back, bored out of my mind", False),
        ("It has rained every single day for three weeks here in Wales", False),
    ],
)
def test_a_stretch_of_time_with_no_twitch_named(reader: Reader, text: str, said: bool) -> None:
    assert bool(reader.read(text).duration()) is said


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        ("used to be on furosemide 40mg twice a day, now it's 20mg once a day", ["diuretic"], []),
        ("I used to take furosemide, now I'm on 20mg bumetanide", ["diuretic"], ["furosemide"]),
        ("Was prescribed prednisolone in November but never actually took it", None, []),
        ("got sertraline from the GP but never picked it up", None, []),
        ("I take prednisolone and never took furosemide", ["corticosteroid"], []),
    ],
)
def test_a_new_dose_and_a_prescription_never_taken(
    reader: Reader, text: str, now: Any, past: List[str]
) -> None:
    reading = reader.read(text)
    got = slot_updates(reading).get("medications")
    assert (sorted(set(got)) if got and got != ["none"] else None) == now
    assert sorted({str(f.value).lower() for f in reading.medicines(PAST)}) == past


@pytest.mark.parametrize(
    "text",
    [
        "Was in Spain last month outside all day, but now I'm back in rainy Manchester and hardly get outside",
        "Just got back from Spain, was on the beach every day, but back to grey Manchester now and I'm indoors pretty much all the time",
    ],
)
def test_the_sun_now_not_on_holiday(reader: Reader, text: str) -> None:
    assert slot_updates(reader.read(text))["sun"] == "rarely"


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("do energy drinks cause twitching? I have 2 a day", 2.0),  # asked, then answered
        ("Twitchy eye for like 4 days lol, is it the coffee? 5 a day", 5.0),
        ("is 5 coffees a day too much?", None),  # only asked
        ("a couple of lattes a day, one at breakfast and one at lunch", 2.0),  # the split of 2
        ("2 coffees a day and another 2 at night", 4.0),
        ("morning latte and an afternoon green tea, every day", 2.0),
        ("I could murder a cup of coffee right now haha", None),  # wanted
    ],
)
def test_counts_asked_split_and_wanted(reader: Reader, text: str, cups: object) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") == cups


@pytest.mark.parametrize(
    ("text", "symptoms"),
    [
        (
            "my daughter (16) gets headaches and is tired all the time, plus the eye twitch",
            ["fatigue", "headache"],
        ),
        ("Wife says I've been real irritable lately.", ["mood_changes"]),
        ("I stopped drinking energy drinks and my headaches went away", []),
        ("I get headaches and the twitch has gone on for weeks", ["headache"]),
        ("Feeling jittery and a bit shaky", ["jitters", "tremors"]),
    ],
)
def test_symptoms_whose_and_gone(reader: Reader, text: str, symptoms: List[str]) -> None:
    assert sorted(reader.read(text).symptoms()) == symptoms


def test_a_question_about_families_is_not_about_the_mother(reader: Reader) -> None:
    reading = reader.read("my mum's on furosemide, could twitching run in families?")
    assert "medications" not in slot_updates(reading)


def test_a_run_every_day_sleeping_all_day_and_a_bit_low(reader: Reader) -> None:
    assert slot_updates(reader.read("Out for a run every day."))["sun"] == "often"
    assert (
        slot_updates(reader.read("Bartender, work till 3am and sleep all day."))["sun"] == "rarely"
    )
    assert "mood_changes" in reader.read("she's been really tired and a bit low").symptoms()


@pytest.mark.parametrize(
    ("text", "sun"),
    [
        # a holiday now is now; a holiday said of the past is not today's answer
        ("I'm on holiday in Thailand so plenty of sun right now, every day by the pool", "often"),
        ("On holiday I was in the sun all day but back home I'm in an office", "rarely"),
        ("Only get sun on holiday really lol", "rarely"),
        # after a past habit, the next clause is today's answer without the topic
        ("Used to get loads of sun in Spain but since moving to Leeds I hardly get any.", "rarely"),
        ("Spent the summer outdoors every day but since October I've been stuck inside", "rarely"),
        # a figure of days says how often, over the job or the season
        ("I'm a gardener but in winter I'm only outside 2 or 3 days a week", "sometimes"),
        ("out in my garden on sunny days, which in Ireland is about twice a year", "rarely"),
        ("I work in a windowless server room, 12 hours a day. The sun is a rumour.", "rarely"),
        # days of the weekend limit a doing, not a word of how often
        ("I get sun when I'm out with the dog at the weekend, otherwise nah", "sometimes"),
        ("Only outdoors when I walk the dog on Saturday and Sunday mornings.", "sometimes"),
        ("I'm indoors for all of it on weekdays. Weekends I get a bit.", "sometimes"),
        # what follows "but" answers when indoors and outdoors disagree
        ("I have a desk job but I eat lunch outside in the park every day", "often"),
        # "mate" said to the bot is not someone else
        ("I'm in Perth, out surfing most mornings so heaps of sun mate.", "often"),
        ("Sunshine: minimal. Fish: never.", "rarely"),
        ("I live on a narrowboat and I'm up on deck most of the day.", "often"),
    ],
)
def test_sun_now_figures_weekends_and_but(reader: Reader, text: str, sun: str) -> None:
    assert slot_updates(reader.read(text)).get("sun") == sun


def test_a_mate_of_the_writer_is_still_someone_else(reader: Reader) -> None:
    assert (
        slot_updates(reader.read("I don't drink coffee, my mate drinks 6 a day"))["caffeine"]
        == "none"
    )


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("3 espresso shots before noon, then 2 more after lunch", 5.0),
        (
            "What I drink in a day: morning - 2 coffees. midday - 1 tea. afternoon - a Pepsi Max.",
            4.0,
        ),
        ("my hubby drinks 8 coffees a day but I only have the one in the morning", 1.0),
        ("I have green tea on the go all day, probably 6 cups, plus a coffee first thing", 7.0),
        ("Energy drinks: 2. Coffees: 2. Teas: 1 or 2.", 6.0),  # the top of a range
        ("Coffee: a pot in the morning (4 cups-ish) then a Diet Coke at lunch", 5.0),
        ("I go through a 4-pack of Red Bull every day at work", 4.0),
        ("Decaf coffee x2 and one normal tea", 1.0),  # decaf is no caffeine
        ("I drink coffee, 2 kids, 3 dogs", None),  # a count of something else
    ],
)
def test_counts_more_labels_ranges_packs_and_decaf(reader: Reader, text: str, cups: object) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") == cups


@pytest.mark.parametrize(
    ("text", "symptom"),
    [
        ("my legs feel like jelly by the end of the day", "muscle_weakness"),
        ("my hands have a fine shake to them", "tremors"),
        ("I get these weird shudders in my hands when I hold my phone", "tremors"),
        ("Getting these tension headaches and my bones feel achy all over", "bone_pain"),
        ("I honestly cannot sleep. Then I'm a zombie all day.", "fatigue"),
        ("he keeps saying his heart feels like it's jumping about", "irregular_heartbeat"),
        (
            "I'm really anxious about the twitching and it's making it hard to sleep",
            "difficulty_sleeping",
        ),
    ],
)
def test_symptoms_of_legs_hands_bones_and_heart(reader: Reader, text: str, symptom: str) -> None:
    assert symptom in reader.read(text).symptoms()


def test_felt_like_a_zombie_on_a_stopped_medicine_is_not_fatigue(reader: Reader) -> None:
    text = "was put on Lexapro in the spring but came off it after 6 weeks, felt like a zombie"
    assert "fatigue" not in reader.read(text).symptoms()


@pytest.mark.parametrize(
    ("text", "stress"),
    [
        ("about 4 on the stress scale", "moderate"),
        ("I'm more stressed than I let on. A solid 8.", "high"),
        ("a solid 8 hours of sleep, stress is low", "low"),  # hours, not a score
        ("Stress-wise, somewhere in the middle", "moderate"),
        ("sleep's been great since I started the new job, way less stressed than before", "low"),
    ],
)
def test_stress_scales_and_middles(reader: Reader, text: str, stress: str) -> None:
    assert slot_updates(reader.read(text)).get("stress") == stress


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        (
            "I used to be on lithium but switched to lamotrigine last year.",
            ["lamotrigine"],
            ["lithium"],
        ),
        (
            "Budesonide tablets for my Crohn's flare finished last week. Still on azathioprine.",
            ["azathioprine"],
            ["budesonide"],
        ),
        ("Came off Rigevidon in August. Just taking folic acid now.", [], ["rigevidon"]),
        ("weekends only, when I take the grandkids to the park", [], []),
        (
            "I've been off all my meds since the summer - lisinopril and citalopram.",
            [],
            ["citalopram", "lisinopril"],
        ),
        (
            "Previously on: citalopram, then sertraline. Currently on: nothing.",
            [],
            ["citalopram", "sertraline"],
        ),
        (
            "I finished the prednisone 3 weeks ago and then restarted it this week",
            ["prednisone"],
            [],
        ),
        (
            "I stopped the prednisolone in October and switched to Dupixent injections.",
            ["dupixent"],
            ["prednisolone"],
        ),
        ("im on doxycycline long term for my skin", ["doxycycline"], []),
        ("I take ibuprofen when my back hurts", [], []),  # now and then
        (
            "I take amlodipine and my antibiotics finished last week",
            ["amlodipine"],
            ["antibiotics"],
        ),
    ],
)
def test_medicines_switched_listed_resumed_and_long_term(
    reader: Reader, text: str, now: List[str], past: List[str]
) -> None:
    reading = reader.read(text)
    assert sorted(str(f.value).lower() for f in reading.medicines()) == now
    assert sorted(str(f.value).lower() for f in reading.medicines(PAST)) == past


def test_a_partner_with_no_sun_who_drinks_espressos(reader: Reader) -> None:
    text = (
        "My partner's a chef, in a basement kitchen. Gets no sun at all and drinks about 8 "
        "espressos a day. His eyelid's been going for a month."
    )
    assert slot_updates(reader.read(text))["caffeine_cups"] == 8.0


def test_a_boyfriends_twitch_with_the_writer_only_beside_him(reader: Reader) -> None:
    text = (
        "My boyfriend has had a twitch in his arm for a month now. He's on indapamide and "
        "drinks about 5 coffees a day, I keep telling him to cut down"
    )
    found = slot_updates(reader.read(text))
    assert (found["medications"], found["caffeine_cups"]) == (["diuretic"], 5.0)


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("I stopped my Adderall and cut coffee down to 1 cup. Eye's still twitching.", 1.0),
        ("Twitching 6 weeks. Caffeine 0. Sun daily.", 0.0),
    ],
)
def test_cut_coffee_down_and_caffeine_zero(reader: Reader, text: str, cups: object) -> None:
    found = slot_updates(reader.read(text))
    assert found.get("caffeine_cups") == cups and "caffeine" in found


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("Spent the summer outdoors every day but since October I've been stuck inside", False),
        ("I took naproxen for a month for my shoulder but I've finished that now", False),
        ("It's been going on since 2024 if I'm honest", True),
        ("around 2 weeks", True),
    ],
)
def test_a_stretch_of_time_without_a_twitch(reader: Reader, text: str, duration: bool) -> None:
    assert bool(reader.read(text).duration()) is duration


@pytest.mark.parametrize(
    ("text", "diet"),
    [
        ("I skip breakfast and I'm not a fish person. Eggs only really in cakes.", "rarely"),
        ("Fish finger sandwich is about as fishy as I get, and I don't like eggs", "rarely"),
        (
            "sardines on toast a couple of times a week and fortified cereal every single morning",
            "often",
        ),
        # "and plays outside every day" is the sun's, not how often she has eggs
        ("She has eggs twice a week and plays outside every day.", "sometimes"),
    ],
)
def test_diet_said_by_dislikes_and_split_from_play(reader: Reader, text: str, diet: str) -> None:
    assert slot_updates(reader.read(text)).get("diet") == diet


def test_a_bracket_ends_a_past_medicine_and_just_the_one(reader: Reader) -> None:
    reading = reader.read("I take bumetanide (was on furosemide before) plus allopurinol")
    assert sorted(f.key for f in reading.medicines()) == ["diuretic", "other"]
    assert [str(f.value).lower() for f in reading.medicines(PAST)] == ["furosemide"]
    dad = reader.read("Dad's 80, on a water pill and something for his thyroid.")
    assert sorted(f.key for f in dad.medicines()) == ["diuretic", "other"]
    text = "drink about 3 litres of water. Cheeky energy drink at smoko too, just the one"
    assert slot_updates(reader.read(text))["caffeine_cups"] == 1.0


def test_a_short_question_tacked_on_asks_only_itself(reader: Reader) -> None:
    reading = reader.read("my calf has been twitching since Thanksgiving lol, too much turkey?")
    assert reading.duration()
    assert "caffeine_cups" not in slot_updates(reader.read("is 5 coffees a day too much?"))


def test_a_brothers_twitch_time_is_passed_over_for_the_writers(reader: Reader) -> None:
    text = "my brother had an eye twitch for like 6 months at uni, mine's only been a few days"
    assert "few days" in str(reader.read(text).duration())


@pytest.mark.parametrize(
    "text",
    [
        "new baby (6 wks) so sleep is basically nonexistent lol",
        "Im a nurse on rotating nights and my sleep is all over the shop.",
        "My dad died in August. Not really sleeping much since.",
        "Been up with the baby every night, cramping in my calves",
        "We've just had twins. I'm sleeping in 90 minute chunks.",
        "Sleep is patchy, I'm on zopiclone some nights",
        "I'm in bed by 11 but awake till 2 most nights",
        "lately I'm waking every night at 3 and lying there for hours",
        "sleep is a distant memory and i'm honestly so tired i could cry",
    ],
)
def test_sleep_said_indirectly_is_sleeping_badly(reader: Reader, text: str) -> None:
    reading = reader.read(text)
    assert "difficulty_sleeping" in slot_updates(reading)["symptoms"]
    assert slot_updates(reading)["stress"] == "high"


@pytest.mark.parametrize(
    ("text", "stress"),
    [
        ("4 on stress. sleep average. 2 coffees a day", "moderate"),
        ("My wife thinks I'm burning out. I probably am.", "high"),
        ("Honestly I'm fine really, work's quiet, sleeping ok.", "low"),
        ("since the divorce is done, I'm sleeping really well and feel much calmer", "low"),
    ],
)
def test_stress_said_by_a_score_on_stress_and_by_sleep(
    reader: Reader, text: str, stress: str
) -> None:
    assert slot_updates(reader.read(text)).get("stress") == stress


@pytest.mark.parametrize(
    ("text", "symptom"),
    [
        ("Achy all over, like my bones are bruised.", "bone_pain"),
        ("I'm sleeping badly and my legs ache down to the bone.", "bone_pain"),
        ("mostly at night. my heart sometimes does a weird skip as well", "irregular_heartbeat"),
        ("then can't get back to sleep because I'm panicking it's ALS", "anxiety"),
        ("I'm stressed to bits and running on fumes", "fatigue"),
    ],
)
def test_bones_a_skip_panic_and_fumes(reader: Reader, text: str, symptom: str) -> None:
    assert symptom in slot_updates(reader.read(text))["symptoms"]


@pytest.mark.parametrize(
    "text",
    [
        "He's not on any medication and doesn't have caffeine.",
        "She's gone off coffee and tea completely.",
        "my girlfriend is pregnant and she's stopped all caffeine",
        "Haven't had any caffeine since 2019!",
    ],
)
def test_no_caffeine_said_many_ways(reader: Reader, text: str) -> None:
    found = slot_updates(reader.read(text))
    assert found["caffeine"] == "none"
    assert "diet" not in found  # "haven't had any" is about the caffeine, not food


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        ("my GP put me on naproxen for my back a while ago and I still take it most days", True),
        ("I've been taking co-codamol for my back every day for a few months", True),
        ("I take co-codamol when my back is bad, not every day", False),
    ],
)
def test_a_painkiller_taken_every_day_later_in_the_sentence(
    reader: Reader, text: str, taken: bool
) -> None:
    assert bool(reader.read(text).medicines()) is taken


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("i basically live on diet coke, 6 or so cans a day", 6.0),
        ("Drinking a lot of coffee lately - 5 or so a day.", 5.0),
        ("I went from 6 coffees down to 3 a day", 3.0),
        ("I have IBS so I avoid coffee, but I'll have 2 cups of weak tea.", 2.0),
        ("Tea though... it's about five cups of builder's a day lol", 5.0),
        ("Does Coke count? I have like 4 cans a day. No tea or coffee.", 4.0),
        ("Celsius in the morning, Monster at lunch, and a Reign at 4 when I'm flagging.", 3.0),
        ("Red Bull in the morning, Red Bull after lunch, Red Bull before the gym.", 3.0),
        ("Monster Zero Ultra x2, Diet Coke x2, that's every day", 4.0),
        ("I'm on a cup of coffee and 2 teas a day, one of which is decaf", 2.0),
        ("I drink 3 cups of coffee a day but I swapped the afternoon one for decaf", 2.0),
    ],
)
def test_drinks_counted_past_fudges_brands_and_decaf(
    reader: Reader, text: str, cups: float
) -> None:
    assert slot_updates(reader.read(text))["caffeine_cups"] == cups


def test_weak_tea_is_not_weakness(reader: Reader) -> None:
    assert "symptoms" not in slot_updates(reader.read("2 cups of weak tea a day"))
    assert slot_updates(reader.read("my legs feel weak"))["symptoms"] == ["muscle_weakness"]


@pytest.mark.parametrize(
    ("text", "sun"),
    [
        ("I'm a night porter at a hotel. Don't get outside at all really.", "rarely"),
        ("i work from home and the only time i go outside is to put the bins out", "rarely"),
        ("the only sun he gets is through the windscreen", "rarely"),
        ("We moved to Edinburgh in September and I'm barely getting any sun now.", "rarely"),
        ("I never leave my flat.", "rarely"),
        # the sun's own words hold a sleep word: still the sun's
        ("I sleep during the day in a caravan with the curtains shut.", "rarely"),
        ("We've got a cattle station, I'm out in the paddocks most days.", "often"),
        ("PE teacher in Queensland so I'm outside 4-5 hours a day in shorts", "often"),
    ],
)
def test_sun_said_by_what_a_day_looks_like(reader: Reader, text: str, sun: str) -> None:
    assert slot_updates(reader.read(text)).get("sun") == sun


def test_medicines_finished_it_started_and_said_loosely(reader: Reader) -> None:
    text = "I was given dexamethasone for altitude sickness and finished it in Nepal last week."
    reading = reader.read(text)
    assert not reading.medicines()
    assert [str(f.value).lower() for f in reading.medicines(PAST)] == ["dexamethasone"]
    reading = reader.read("Started duloxetine 2 months ago, came off venlafaxine before that.")
    assert [f.key for f in reading.medicines()] == ["other"]
    assert [str(f.value).lower() for f in reading.medicines(PAST)] == ["venlafaxine"]
    assert not reader.read("I started sertraline in May and came off it in June").medicines()
    for text in (
        "My 80 year old dad takes bumetanide and something for his heart rhythm.",
        "My grandad's on furosemide and a load of others.",
        "I take bumetanide, plus I'm on a lot of other tablets for my heart",
    ):
        assert sorted(f.key for f in reader.read(text).medicines()) == ["diuretic", "other"]
    assert [f.key for f in reader.read("I'm on the depo injection.").medicines()] == ["other"]


def test_a_weakness_for_coffee_and_water_beside_caffeine(reader: Reader) -> None:
    found = slot_updates(reader.read("Cappuccinos are my weakness, I'll admit, three a day"))
    assert "symptoms" not in found and found["caffeine_cups"] == 3.0
    text = "Hydration's probably my weak spot, I'm on about a mug of water a day. Always thirsty."
    assert slot_updates(reader.read(text))["symptoms"] == ["thirst"]
    text = "I don't drink anything with caffeine since a bad reaction. I drink plenty of water."
    assert slot_updates(reader.read(text))["hydration"] == "good"
    text = "Ugh I've been so thirsty lately and I'm peeing dark."
    assert sorted(slot_updates(reader.read(text))["symptoms"]) == ["dark_urine", "thirst"]
    text = "Feeling kind of down and tired for weeks."
    assert sorted(slot_updates(reader.read(text))["symptoms"]) == ["fatigue", "mood_changes"]


@pytest.mark.parametrize(
    "text",
    [
        "we have eggs on toast for tea a couple of times a week",  # tea: the evening meal
        "I think my pee looks like strong tea most of the time",  # a colour
    ],
)
def test_tea_that_is_not_a_drink(reader: Reader, text: str) -> None:
    assert "caffeine" not in slot_updates(reader.read(text))


def test_not_fortified_beside_no_fish_and_hardly_drinking(reader: Reader) -> None:
    text = "Dont eat fish or eggs, my cereal is the sugary kind so not fortified I think."
    assert slot_updates(reader.read(text))["diet"] == "rarely"
    text = "about 5 coffees a day, hardly drinking any water."
    assert slot_updates(reader.read(text))["hydration"] == "low"


def test_twitching_since_said_last_and_a_rubbish_mood(reader: Reader) -> None:
    text = "Came off Tramadol in October after my knee op healed. Been twitching since."
    assert reader.read(text).duration() == "since"
    text = "tbh I'm knackered all the time and my mood is rubbish"
    assert sorted(slot_updates(reader.read(text))["symptoms"]) == ["fatigue", "mood_changes"]


def test_drinks_counted_as_zero_and_thirsty_constantly(reader: Reader) -> None:
    found = slot_updates(reader.read("water: 3L. coffee: 0. tea: 0. I'm pretty healthy"))
    assert (found["caffeine"], found["caffeine_cups"]) == ("none", 0.0)
    assert slot_updates(reader.read("coffee 0, tea 2"))["caffeine_cups"] == 2.0
    text = "I only drink when I'm thirsty which is like... constantly lol"
    assert slot_updates(reader.read(text))["symptoms"] == ["thirst"]
    text = "I only drink when I'm thirsty tbh, which isn't very often, so not much"
    assert "symptoms" not in slot_updates(reader.read(text))


def test_went_from_down_to_and_a_negated_sleep_in_the_day(reader: Reader) -> None:
    text = "Coffee: went from 6 down to 3 a day in the last fortnight."
    assert slot_updates(reader.read(text))["caffeine_cups"] == 3.0
    # a negated sleep is the sleep's, not the sun's
    text = "Nights on the ward again this week. Can't sleep in the day, tired all the time"
    assert "sun" not in slot_updates(reader.read(text))


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        ("Not on any meds apart from my inhaler.", []),
        ("My inhaler is the only thing I use now, no tablets.", []),
        ("I'm on an inhaler", ["other"]),  # said alone, a form answer is still taken
        ("just my inhaler", ["other"]),
        ("I use a steroid inhaler, no tablets", ["corticosteroid"]),  # audit #9: kept
    ],
)
def test_a_plain_inhaler_as_the_exception_to_no_medicines(
    reader: Reader, text: str, taken: List[str]
) -> None:
    assert [f.key for f in reader.read(text).medicines()] == taken


def test_a_painkiller_put_on_and_weekends_included(reader: Reader) -> None:
    text = "My GP took me off Naproxen in June and put me on co-codamol."
    reading = reader.read(text)
    assert [f.key for f in reading.medicines()] == ["other"]
    assert [str(f.value).lower() for f in reading.medicines(PAST)] == ["naproxen"]
    assert not reader.read("I take co-codamol when my back is bad").medicines()
    text = "I work in an office and get no daylight on my skin at all, weekends included."
    assert slot_updates(reader.read(text))["sun"] == "rarely"


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        # a medicine stopped in the next sentence ends only that one
        ("I'm on sertraline. I stopped diazepam 3 weeks ago.", ["other"], ["diazepam"]),
        (
            "I'm on sertraline and mirtazapine. I stopped diazepam.",
            ["other", "other"],
            ["diazepam"],
        ),
        # common brand names the dictionaries lack
        ("Nothing now, used to be on Lustral", [], ["lustral"]),
        ("Was on Zyrtec daily for hayfever all summer, stopped in September", [], ["zyrtec"]),
        ("Used to take Nurofen Plus every day and stopped 3 weeks ago.", [], ["nurofen plus"]),
    ],
)
def test_medicines_stopped_beside_ones_taken_and_brand_names(
    reader: Reader, text: str, now: List[str], past: List[str]
) -> None:
    assert _now_and_past(reader, text) == (now, past)


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        (
            "I stopped my blood pressure pills myself because they made me feel rubbish "
            "(it was lisinopril)",
            [],
            ["lisinopril"],
        ),
        ("My mum stopped her HRT tablets in the summer (Elleste Duet)", [], ["elleste duet"]),
        ("My partner quit his antidepressants cold turkey (venlafaxine)", [], ["venlafaxine"]),
        (
            "She came off her bendroflumethiazide (water tablet) in October",
            [],
            ["bendroflumethiazide"],
        ),
        ("I take Lasix and a steroid tablet (prednisone)", ["diuretic", "corticosteroid"], []),
    ],
)
def test_a_name_in_brackets_a_few_words_after_its_kind(
    reader: Reader, text: str, now: List[str], past: List[str]
) -> None:
    assert _now_and_past(reader, text) == (now, past)


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        (
            "Am on no meds but I did finish a course of flucloxacillin and a course of "
            "prednisolone in November",
            [],
            ["flucloxacillin", "prednisolone"],
        ),
        (
            "Took a short course of dexamethasone when I had covid, that was 2 years ago.",
            [],
            ["dexamethasone"],
        ),
        ("I did two rounds of Medrol, one in September and one in November.", [], ["medrol"]),
        ("I'm on a short course of prednisolone", ["corticosteroid"], []),  # still on it
        (
            "Had a round of antibiotics, clarithromycin, finished it last week.",
            [],
            ["clarithromycin"],
        ),
    ],
)
def test_a_course_said_in_the_past_tense_is_over(
    reader: Reader, text: str, now: List[str], past: List[str]
) -> None:
    assert _now_and_past(reader, text) == (now, past)


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        (
            "i take 50mg sertraline. past ones: citalopram, fluoxetine, mirtazapine.",
            ["other"],
            ["citalopram", "fluoxetine", "mirtazapine"],
        ),
        (
            "Currently on metformin. In the past I've taken prednisone (2022), sertraline "
            "(2020-2021) and Loestrin.",
            ["other"],
            ["prednisone", "sertraline", "loestrin"],
        ),
        (
            "Used to be on Effexor, then Cymbalta, and I've been on mirtazapine since October.",
            ["other"],
            ["effexor", "cymbalta"],
        ),
        (
            "I was on gabapentin for sciatica until last Christmas, then pregabalin for a few months",
            [],
            ["gabapentin", "pregabalin"],
        ),
        # the last of "A, then B" said to be taken now stays taken
        ("Tried citalopram, then sertraline, which is working well", ["other"], ["citalopram"]),
        ("I was on Effexor, then Cymbalta. Still taking it.", ["other"], ["effexor"]),
    ],
)
def test_a_list_of_past_medicines_continued(
    reader: Reader, text: str, now: List[str], past: List[str]
) -> None:
    assert _now_and_past(reader, text) == (now, past)


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        # a question's word is not an answer beside the answers
        (
            "He's a happy little thing, not worried about anything, sleeps well. Should I be "
            "worried?",
            "stress",
            "low",
        ),
        # a change said as a move: what follows "to" is now
        (
            "I moved to London in September and I've gone from outside every day to barely at all",
            "sun",
            "rarely",
        ),
        ("I've gone from really stressed to pretty relaxed since I quit", "stress", "low"),
        # stress said through circumstances
        ("Honestly feel like I'm drowning at work, 60 hour weeks", "stress", "high"),
        ("I'm really not coping. Snapping at the kids.", "stress", "high"),
        ("Bit of stress from uni but nothing I can't handle", "stress", "moderate"),
        # the job's word as a possessive names a kind of tea, not the job
        ("I'm a builder, on the roofs all day", "sun", "often"),
    ],
)
def test_answers_said_around_the_question(reader: Reader, text: str, slot: str, value: str) -> None:
    assert slot_updates(reader.read(text)).get(slot) == value


def test_a_possessive_job_is_not_the_job(reader: Reader) -> None:
    assert "sun" not in slot_updates(reader.read("Tea all day, I'm a builder's tea kind of girl"))


@pytest.mark.parametrize(
    ("text", "symptoms"),
    [
        ("Been getting really bad heads, can't shift them", ["headache"]),
        (
            "Feeling sort of trembly, and my arms feel like they've got no strength in them",
            ["tremors", "muscle_weakness"],
        ),
        ("Absolutely wiped, and I keep getting cramps", ["fatigue", "muscle_cramps"]),
        ("I'm a bundle of nerves lately, worrying about everything", ["anxiety"]),
        (
            "Going through a breakup, can't sleep, cry all the time",
            ["difficulty_sleeping", "mood_changes"],
        ),
    ],
)
def test_symptoms_said_in_everyday_words(reader: Reader, text: str, symptoms: List[str]) -> None:
    assert sorted(reader.read(text).symptoms()) == sorted(symptoms)


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("drinks: 1 tea, 1 coffee, 1 can of Relentless. Water about 2 litres.", 3),
        ("I still drink kopi 4 times a day.", 4),
        ("2 pints of cola with dinner, no tea or coffee", 2),
    ],
)
def test_drinks_by_other_names_and_measures(reader: Reader, text: str, cups: int) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") == cups


def test_a_drinks_name_is_not_how_stressed(reader: Reader) -> None:
    assert "stress" not in slot_updates(reader.read("1 tea, 1 coffee and 1 can of Relentless"))
    assert slot_updates(reader.read("work is relentless")).get("stress") == "high"


@pytest.mark.parametrize(
    ("text", "symptoms"),
    [
        (
            "Dad's 84 and since mum died he's been really low and not sleeping",
            ["mood_changes", "difficulty_sleeping"],
        ),
        ("when I stand up the room goes all swimmy for a second", ["lightheadedness"]),
        ("heart keeps doing a little skip thing", ["irregular_heartbeat"]),
        ("charlie horses at night", ["muscle_cramps"]),
        # "low" said of something else is not a low mood
        ("my stress is really low and my water intake is very low", []),
    ],
)
def test_more_symptoms_in_everyday_words(reader: Reader, text: str, symptoms: List[str]) -> None:
    assert sorted(reader.read(text).symptoms()) == sorted(symptoms)


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("I'm a night porter so I sleep through the daylight", "sun", "rarely"),
        ("I'm a kindy teacher, out on yard duty most days", "sun", "often"),
        ("he's out in the paddocks from sunup to sundown", "sun", "often"),
        ("I'm barely holding on honestly", "stress", "high"),
    ],
)
def test_more_answers_said_through_circumstances(
    reader: Reader, text: str, slot: str, value: str
) -> None:
    assert slot_updates(reader.read(text)).get(slot) == value


def test_fluid_tablets_are_a_diuretic(reader: Reader) -> None:
    assert [f.key for f in reader.read("Fluid tablets, that's all I'm on").medicines()] == [
        "diuretic"
    ]


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        (
            "Bipolar, stable for years on lithium but my psychiatrist switched me to lamotrigine "
            "in the summer because of my kidneys.",
            ["other"],
            ["lithium"],
        ),
        (
            "The doctor put me on trazodone for sleep but it didn't help so she switched me to "
            "mirtazapine last month.",
            ["other"],
            ["trazodone"],
        ),
        ("she switched me to mirtazapine last year but I stopped it in May", [], ["mirtazapine"]),
    ],
)
def test_a_medicine_someone_switched_the_writer_from_later_in_the_sentence(
    reader: Reader, text: str, now: List[str], past: List[str]
) -> None:
    assert _now_and_past(reader, text) == (now, past)


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        ("i stoped taking my sertraline", [], ["sertraline"]),
        ("Trying to taper off duloxetine at the moment", ["other"], []),
        ("I'm trying to come off sertraline", ["other"], []),
        ("Was on prednisone and now I'm on Medrol", ["corticosteroid"], ["prednisone"]),
        ("I tapered off prednisone last month", [], ["prednisone"]),
        ("I had to taper off prednisone over 3 weeks in May", [], ["prednisone"]),
    ],
)
def test_stopping_typed_tapering_now_and_now_on(
    reader: Reader, text: str, now: List[str], past: List[str]
) -> None:
    assert _now_and_past(reader, text) == (now, past)


@pytest.mark.parametrize("text", ["Hardly touch water.", "He doesn't really drink water."])
def test_water_hardly_touched_is_low(reader: Reader, text: str) -> None:
    assert slot_updates(reader.read(text)).get("hydration") == "low"


def test_a_twitch_that_went_twitchy_yesterday_says_how_long(reader: Reader) -> None:
    assert reader.read("Left eye went twitchy yesterday. Right eye joined in today lol").duration()


def test_foods_a_child_wont_go_near(reader: Reader) -> None:
    text = "Our 10 year old lives on chicken nuggets and chips, won't go near fish or eggs"
    assert slot_updates(reader.read(text)).get("diet") == "rarely"


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        # the writer named after a family member: their own medicine
        (
            "I care for my son round the clock and the GP started me on sertraline in November",
            ["other"],
            [],
        ),
        ("no meds for me, my husband's on statins though", [], []),
        # devices had out, a taper finished, reported stops
        ("had my nexplanon taken out in july", [], ["nexplanon"]),
        ("Had the Mirena out in June, not on anything now", [], ["mirena"]),
        ("Prednisone taper finished 2 weeks ago", [], ["prednisone"]),
        ("they had me on varenicline but i gave up on it after a month", [], ["varenicline"]),
        (
            "doc put me on bendroflumethiazide in the summer but took me off it in november cos"
            " my sodium dropped, now its amlodipine instead",
            ["other"],
            ["bendroflumethiazide"],
        ),
        (
            "The psychiatrist took me off quetiapine in the spring and now it's just lithium",
            ["other"],
            ["quetiapine"],
        ),
        ("I take sertraline but I gave up on the gym", ["other"], []),
    ],
)
def test_medicines_of_the_writer_had_out_and_taken_off(
    reader: Reader, text: str, now: List[str], past: List[str]
) -> None:
    assert _now_and_past(reader, text) == (now, past)


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("coffee's my vice. Well, two coffees. Ok sometimes three", 3.0),
        ("I'm a coffee addict, honestly. 3 a day minimum and 4 if work's mad", 4.0),
        ("My coffee consumption is 1 cup, occasionally 2", 2.0),
        ("Caffeine wise: 1 black coffee at 6am, 1 at 9, 1 at noon. Sometimes a 4th", 4.0),
        ("My wife says I'm addicted to diet coke. It's maybe 4 cans. OK 5", 5.0),
        # a later figure about something else is not the drink's
        ("2 coffees a day. Stress 8/10, sometimes 9", 2.0),
        ("2 teas and 3 kids, sometimes 4", 2.0),
        ("coffee is the only thing keeping me upright, 4 a day, 5 if it's a late one", 5.0),
        ("2 coffees a day, 10 when I'm asked about stress", 2.0),
    ],
)
def test_a_higher_count_said_later_is_the_days(reader: Reader, text: str, cups: float) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") == cups


@pytest.mark.parametrize(
    ("text", "sun"),
    [
        ("I play bowls three afternoons a week, otherwise I'm indoors", "sometimes"),
        ("Retired, play bowls Mondays Wednesdays and Fridays, 2 teas", "sometimes"),
        ("He plays bowls every day in summer", "often"),
        ("im always inside playing valorant", "rarely"),
        ("Doing job in office, going home at night only, sun exposure is very less", "rarely"),
    ],
)
def test_sun_by_bowls_days_named_and_always_inside(reader: Reader, text: str, sun: str) -> None:
    assert slot_updates(reader.read(text)).get("sun") == sun


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("Teacher, so tea at break, tea at lunch, tea after school. And a coffee first thing", 4.0),
        ("Two oat flat whites a day", 2.0),
    ],
)
def test_drinks_at_break_and_with_oat_milk(reader: Reader, text: str, cups: float) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") == cups


@pytest.mark.parametrize(
    ("text", "symptoms"),
    [
        ("Looking after my dad on my own, up with him most nights", ["difficulty_sleeping"]),
        ("Rotating nights on the ward, my sleep is completely wrecked", ["difficulty_sleeping"]),
        ("newborn twins. i have not slept more than 2 hrs in a row", ["difficulty_sleeping"]),
        ("the breakup has me so stressed, i cry every day", ["mood_changes"]),
        ("my whole body aches, like right in the bones", ["bone_pain"]),
        ("my mood's in the bin", ["mood_changes"]),
        ("my pulse is always fast", ["rapid_heart_rate"]),
        ("my hands have a wee shake to them", ["tremors"]),
    ],
)
def test_everyday_words_for_symptoms(reader: Reader, text: str, symptoms: List[str]) -> None:
    assert reader.read(text).symptoms() == symptoms


@pytest.mark.parametrize(
    ("text", "diet"),
    [
        ("I eat eggs 3 or 4 times a week", "sometimes"),
        ("i eat eggs like every other day", "sometimes"),
        ("salmon 5 days a week", "often"),
        ("eggs every morning", "often"),
    ],
)
def test_a_few_times_a_week_is_not_most_days(reader: Reader, text: str, diet: str) -> None:
    assert slot_updates(reader.read(text)).get("diet") == diet


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        ("I take Hyzaar for my blood pressure, been on it forever", ["diuretic", "other"], []),
        ("Co-tenidone for blood pressure, one a day", ["diuretic", "other"], []),
        ("taking Zestoretic, I think its 20/12.5", ["diuretic", "other"], []),
        ("my husband takes Hygroton for his BP and his calf twitches", ["diuretic"], []),
        ("I stopped Hyzaar last year", [], ["hyzaar"]),
    ],
)
def test_combination_products_are_a_diuretic_and_another(
    reader: Reader, text: str, now: List[str], past: List[str]
) -> None:
    got_now, got_past = _now_and_past(reader, text)
    assert (sorted(got_now), got_past) == (now, past)


@pytest.mark.parametrize(
    ("text", "stress"),
    [
        ("my blood pressure is low", None),
        ("My mam's only on her thyroid tablet now, her pressure was running low", None),
        ("under a lot of pressure at work", "high"),
    ],
)
def test_blood_pressure_is_not_stress(reader: Reader, text: str, stress: str | None) -> None:
    assert slot_updates(reader.read(text)).get("stress") == stress


@pytest.mark.parametrize(
    ("text", "now"),
    [
        (
            "my mum is 81, they stopped her furosemide, just her thyroid one now. her calf jumps",
            ["other"],
        ),
        (
            "G'day, twitches in me arm for a couple weeks. On Coversyl for blood pressure.",
            ["other"],
        ),
    ],
)
def test_a_thyroid_tablet_and_brand_names_are_medicines(
    reader: Reader, text: str, now: List[str]
) -> None:
    assert _now_and_past(reader, text)[0] == now


def test_not_eating_fish_or_eggs_pure_veg_is_rarely(reader: Reader) -> None:
    text = "I take Glycomet and Telma 40. I am not eating fish or eggs, pure veg."
    assert slot_updates(reader.read(text)).get("diet") == "rarely"


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        (
            "Was on sertraline, then they switched me to Prozac in 2022 which I stopped this spring",
            [],
            ["sertraline", "prozac"],
        ),
        ("I take Prozac which I started in May", ["other"], []),
        ("I take lisinopril which I stopped drinking coffee with", ["other"], []),
    ],
)
def test_a_medicine_which_i_stopped(
    reader: Reader, text: str, now: List[str], past: List[str]
) -> None:
    assert _now_and_past(reader, text) == (now, past)


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("Cuppa morning and arvo.", 2.0),
        ("Big mug of builder's tea morning and night, that's my lot", 2.0),
        ("Two sugary teas in the morning, two in the afternoon and a can of Monster", 5.0),
        ("He's a barista so he's drinking coffee all shift, probably 5 or 6.", 6.0),
        ("I'm a 2-coffee-a-day girl.", 2.0),
        ("he's a three-cup-a-day man", 3.0),
    ],
)
def test_counts_by_times_of_day_ranges_and_hyphens(reader: Reader, text: str, cups: float) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") == cups


def test_a_partners_twitch_going_on_makes_the_message_about_him(reader: Reader) -> None:
    text = (
        "My boyfriend is 24 and he's been getting twitches in his arms for about 10 days."
        " He works as a barista so he's drinking coffee all shift, probably 5 or 6."
    )
    assert slot_updates(reader.read(text)).get("caffeine_cups") == 6.0
    told = "My sister had twitching for 3 months after she stopped sertraline, I drink 2 coffees"
    assert slot_updates(reader.read(told)).get("caffeine_cups") == 2.0


@pytest.mark.parametrize(
    ("text", "sun"),
    [
        ("wfh in a basement flat, I go out maybe once a week for the big shop", "rarely"),
        ("work from home and only really go out for the shopping once a week", "rarely"),
        ("I go for a long walk once a week", "sometimes"),
    ],
)
def test_out_once_a_week_for_the_shopping_is_rarely(reader: Reader, text: str, sun: str) -> None:
    assert slot_updates(reader.read(text)).get("sun") == sun


@pytest.mark.parametrize(
    ("text", "stress"),
    [
        ("revising 12 hrs a day and my eyelid hasn't stopped. stressed doesn't cover it", "high"),
        ("It's been a rough year. Sleep is the worst part, I barely get any.", "high"),
        ("HSC done, now on schoolies and honestly never been more relaxed haha", "low"),
        ("Divorce came through last month and I feel lighter, sleeping properly again", "low"),
        ("fine really, nothing major going on", "low"),
    ],
)
def test_stress_said_in_passing(reader: Reader, text: str, stress: str) -> None:
    assert slot_updates(reader.read(text)).get("stress") == stress


def test_a_twitch_started_since_a_dated_stop_says_how_long(reader: Reader) -> None:
    for text in (
        "So I stopped my setraline about 3 weeks ago and since then the twitching in my legs started",
        "I stopped my Yasmin in January and the twitching in my calf started round about then too",
    ):
        assert reader.read(text).duration(), text
    assert not reader.read("I stopped my Yasmin in January and I feel fine").duration()


@pytest.mark.parametrize(
    ("text", "symptoms"),
    [
        ("i'm 8 months postpartum, breastfeeding, sleep deprived", ["difficulty_sleeping"]),
        ("twitchin eye since monday, 3 cofee, stressed, sleepin bad", ["difficulty_sleeping"]),
        ("I've noticed my heart rate is fast a lot, like 100+ resting", ["rapid_heart_rate"]),
    ],
)
def test_sleep_deprived_and_a_fast_heart_rate(
    reader: Reader, text: str, symptoms: List[str]
) -> None:
    assert reader.read(text).symptoms() == symptoms


@pytest.mark.parametrize(
    "text",
    [
        "plenty more fish in the sea, as my mum keeps telling me lol",
        "my husband drinks like a fish at weekends",
    ],
)
def test_sayings_with_a_food_in_them_are_not_diet(reader: Reader, text: str) -> None:
    assert "diet" not in slot_updates(reader.read(text))


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        ("took propanolol for a while, not anymore", [], ["propanolol"]),
        (
            "Been on the mini pill (Cerazette) since Sept, before that Microgynon for years",
            ["other"],
            ["microgynon"],
        ),
    ],
)
def test_not_anymore_and_before_that(
    reader: Reader, text: str, now: List[str], past: List[str]
) -> None:
    assert _now_and_past(reader, text) == (now, past)


def test_a_count_of_them_in_brackets(reader: Reader) -> None:
    text = "heart going like the clappers after my morning coffees (three of them)"
    assert slot_updates(reader.read(text)).get("caffeine_cups") == 3.0


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("I make a pot of coffee every morning and drink the whole thing, it's a 4 cup pot", 4.0),
        ("a flask of tea, it's a 6 cup flask", 6.0),
    ],
)
def test_the_size_of_the_pot_is_the_count(reader: Reader, text: str, cups: float) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") == cups


@pytest.mark.parametrize(
    ("text", "sun"),
    [
        ("He plays outside after school every day and football at weekends.", "often"),
        ("I get sun when I'm out with the dog at the weekend", "sometimes"),
    ],
)
def test_weekends_do_not_limit_every_day(reader: Reader, text: str, sun: str) -> None:
    assert slot_updates(reader.read(text)).get("sun") == sun


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        (
            "Citalopram 20mg since 2019. Stopped it in Sept. Restarted two weeks ago as the low"
            " mood came back.",
            ["other"],
            [],
        ),
        (
            "Came off sertraline last year (tapered over 8 weeks) but felt awful so I restarted"
            " it in November.",
            ["other"],
            [],
        ),
        ("I stopped sertraline in May, I restarted my running in June", [], ["sertraline"]),
    ],
)
def test_a_medicine_restarted(reader: Reader, text: str, now: List[str], past: List[str]) -> None:
    assert _now_and_past(reader, text) == (now, past)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("This is the 8th week of twitching in my upper arm.", True),
        ("My eye has been twitching all week.", True),
        ("my calf twitched on the 3rd day of my holiday", False),
    ],
)
def test_the_nth_week_and_all_week_say_how_long(reader: Reader, text: str, said: bool) -> None:
    assert bool(reader.read(text).duration()) is said


def test_an_ordinal_word_after_the_drinks(reader: Reader) -> None:
    text = "3 coffees at work, sometimes a fourth"
    assert slot_updates(reader.read(text)).get("caffeine_cups") == 4.0


def test_the_quote_of_a_count_said_after_the_drink_holds_the_count(reader: Reader) -> None:
    text = (
        "My husband drinks coffee all shift, probably 5 or 6, and his calf has twitched for 2 weeks"
    )
    quotes = [f.words for f in reader.read(text).facts if f.key == "caffeine"]
    assert quotes and quotes[0].endswith("probably 5 or 6")


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("never less than 3 coffees", 3.0),
        ("no fewer than 5 cans of monster a day", 5.0),
        ("my caffeine depends on the shift, but it's never less than 4", None),
    ],
)
def test_never_less_than_is_at_least_not_none(
    reader: Reader, text: str, cups: float | None
) -> None:
    updates = slot_updates(reader.read(text))
    assert updates.get("caffeine_cups") == cups
    assert updates.get("caffeine") != "none"


@pytest.mark.parametrize(
    ("text", "sun"),
    [
        # the season said now wins over the one said before the turn
        (
            "At the golf club most days in summer, but this time of year it's only Sundays",
            "sometimes",
        ),
        (
            "Summer I'm out every day, but this time of year I'm at my desk from before sunrise "
            "to after sunset",
            "rarely",
        ),
        (
            "I avoid the outdoors in summer but right now it's lovely so I'm at the beach every "
            "weekend",
            "sometimes",
        ),
        # bare skin is not "no"; a saying and another's job are not the sun
        (
            "on the school run and at the kids' sports most afternoons, usually no hat and no sleeves",
            "often",
        ),
        ("I've been drinking coffee like it's going out of fashion, 5 or 6 a day", None),
        ("I'm married to a postman so I know all about early starts lol", None),
        ("I wear a niqab, so very little of my skin sees the sun when I'm out", "rarely"),
        (
            "Winter here: dark when I drive to work, dark when I drive home, and weekends I'm holed up inside",
            "rarely",
        ),
    ],
)
def test_sun_said_by_season_clothing_and_sayings(
    reader: Reader, text: str, sun: str | None
) -> None:
    assert slot_updates(reader.read(text)).get("sun") == sun


def test_a_guess_joined_on_with_so_is_the_only_question(reader: Reader) -> None:
    text = (
        "I train outdoors 4-5 mornings a week in shorts and drink 2-3 litres of water a day so I "
        "don't think it's dehydration?? any ideas"
    )
    updates = slot_updates(reader.read(text))
    assert updates.get("sun") == "often"
    assert updates.get("hydration") == "good"


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("3 coffees but the last one's decaf", 2.0),
        ("two Nespresso coffees in the morning (one's decaf tbh) then one Yorkshire tea", 2.0),
        ("Coffee - 2 (one is decaf) Tea - 2 (one is herbal)", 2.0),
        ("Coffee: 2 Tea: 2", 4.0),
        ("Energy drinks: 1 Monster in the morning. Coffee: none.", 1.0),
        ("Decaf coffee x2 and one normal tea", 1.0),
        # a total said as a question, then a higher one
        (
            "coffee: 2 in the morning, 1 after lunch. tea: a couple in the evening. so like 5? ok "
            "maybe 6 if you count the one that goes cold on my desk",
            6.0,
        ),
    ],
)
def test_decaf_said_of_one_labels_in_a_row_and_a_total_corrected(
    reader: Reader, text: str, cups: float
) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") == cups


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("Coffee wise, 2 a day, one before the school run and one after.", 2.0),
        ("I drink flat whites all day, easily 5 or 6", 6.0),
        ("live on coffee (prob 6 or 7 on a shift) and hardly get outside", 7.0),
        ("1 espresso. maybe 2 on a bad day", 2.0),
        ("One coffee at 7am, one at 10:30 on my break, and that's it", 2.0),
    ],
)
def test_a_count_broken_down_or_said_in_brackets(reader: Reader, text: str, cups: float) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") == cups


@pytest.mark.parametrize(
    ("text", "hydration"),
    [
        ("eggs every day, and a big glass of water, I get through 2 litres easy", "good"),
        ("a big glass of water every hour at work, easily 2-3 litres", "good"),
        ("I try for 2 litres but manage half a litre", "low"),
        ("my bones ache. Could be dehydration, I barely drink anything", "low"),
    ],
)
def test_the_days_water_over_one_glass_and_a_guess_without_a_question_mark(
    reader: Reader, text: str, hydration: str
) -> None:
    assert slot_updates(reader.read(text)).get("hydration") == hydration


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        ("My 6 year old had 3 days of prednisolone for croup last week.", [], ["prednisolone"]),
        (
            "Took a week of prednisolone for poison ivy in July, nothing since.",
            [],
            ["prednisolone"],
        ),
        ("he had one dose of dexamethasone in A&E for croup on Saturday", [], ["dexamethasone"]),
        (
            "Dexamethasone 4mg for 5 days after my wisdom teeth, last dose yesterday.",
            [],
            ["dexamethasone"],
        ),
        ("I've had a week of prednisolone so far and it's helping", ["corticosteroid"], []),
        ("I have had two doses of dexamethasone", ["corticosteroid"], []),
        # taken up again after a stop
        ("Was on Zoloft, GP weaned me off in January, restarted in March", ["other"], []),
        (
            "was on fluoxetine for years, came off it in the spring, then back on in October",
            ["other"],
            [],
        ),
        (
            "Been on and off prednisone all year for sarcoid. Currently 20mg.",
            ["corticosteroid"],
            [],
        ),
        ("I stopped sertraline in May and restarted in the gym in June", [], ["sertraline"]),
    ],
)
def test_a_short_course_had_is_past_and_one_taken_up_again_is_now(
    reader: Reader, text: str, now: List[str], past: List[str]
) -> None:
    assert _now_and_past(reader, text) == (now, past)


def test_a_message_said_for_a_partner_without_a_twitch_word_is_about_them(reader: Reader) -> None:
    text = "It's my partner I'm worried about. He's on Lexapro and has been super irritable lately"
    assert _now_and_past(reader, text) == (["other"], [])


def test_a_known_medicine_name_is_not_corrected_to_a_word(reader: Reader) -> None:
    reading = reader.read("Used to take Losec every day, then switched to Nexium, then stopped")
    assert reading.corrections == []
    assert _now_and_past(reader, reading.text)[1] == ["losec", "nexium"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Honestly can't remember the last time I slept properly. Newborn plus a toddler.",
            {"stress": "high", "symptoms": ["difficulty_sleeping"]},
        ),
        (
            "new baby (7 weeks) so sleep is basically non-existent. eyelid going, feel wiped out "
            "and a bit weepy",
            {"stress": "high", "symptoms": ["difficulty_sleeping", "fatigue", "mood_changes"]},
        ),
        ("Tired all the time no matter how much I sleep.", {"symptoms": ["fatigue"]}),
        ("Stress is so-so", {"stress": "moderate"}),
        ("I eat an egg a day.", {"diet": "often"}),
        (
            "my son is a super fussy eater, no fish, no eggs, won't touch milk. he's 7 and his eye "
            "twitches sometimes",
            {"diet": "rarely"},
        ),
    ],
)
def test_sleep_said_loosely_no_matter_and_a_twitch_clause_is_no_answer(
    reader: Reader, text: str, expected: Dict[str, Any]
) -> None:
    reading = reader.read(text)
    got = {k: v for k, v in slot_updates(reading).items() if k in ("stress", "diet")}
    if reading.symptoms():
        got["symptoms"] = sorted(reading.symptoms())
    assert got == expected


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("coffee maybe 5 cups on good days and 8 on bad days", 8.0),
        ("2 coffees a day for 3 days, or 4", 2.0),
        ("coffee keeps me upright, 4 a day, 5 if it's a late one", 5.0),
    ],
)
def test_a_higher_count_on_bad_days_is_not_a_stretch_of_time(
    reader: Reader, text: str, cups: float
) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") == cups


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Eye twitch. That's it, no other issues. About 4 days so far.", True),
        ("my calf started twitching. That's 9 days ago now and it hasn't stopped.", True),
        ("My little one is 4. I only noticed his eyelid twitching yesterday.", True),
        (
            "GP started me on a water tablet last week and my eyelid has gone mental ever since.",
            True,
        ),
        ("I started running last week and have felt great ever since", False),
        ("I had 3 coffees yesterday and my eye twitches", False),
    ],
)
def test_how_long_said_in_a_sentence_of_its_own_or_from_a_dated_event(
    reader: Reader, text: str, said: bool
) -> None:
    assert bool(reader.read(text).duration()) is said


def test_nothing_but_an_inhaler_and_a_guessed_score_after_a_statement(reader: Reader) -> None:
    text = "Had to stop prednisone in October, now on nothing except my inhaler"
    assert slot_updates(reader.read(text)).get("medications") == ["none"]
    assert (
        slot_updates(reader.read("Stress is hard to say, maybe 4/10?")).get("stress") == "moderate"
    )
    assert "caffeine" not in slot_updates(
        reader.read("My eye twitches, is it the coffee, maybe 5?")
    )


def test_put_me_on_ends_the_reach_of_took_me_off(reader: Reader) -> None:
    text = (
        "my doctor took me off escitalopram and put me on mirtazapine and now I'm shattered all day"
    )
    reading = reader.read(text)
    assert _now_and_past(reader, text) == (["other"], ["escitalopram"])
    assert reading.symptoms() == ["fatigue"]


@pytest.mark.parametrize(
    ("text", "caffeine"),
    [
        ("Stopped coffee completely a month ago", "none"),
        ("I stopped coffee but have 3 teas a day", "moderate"),
        ("I quit coffee last year, now 2 cans of coke a day", "low"),
    ],
)
def test_coffee_stopped_is_none_unless_other_drinks_are_counted(
    reader: Reader, text: str, caffeine: str
) -> None:
    assert slot_updates(reader.read(text)).get("caffeine") == caffeine


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        ("My partner says I'm addicted to coffee. Six cups. Maybe seven.", 7.0),
        ("2 coffees. Maybe 3 eggs a week.", 2.0),
    ],
)
def test_a_higher_count_said_as_a_guess_in_the_next_sentence(
    reader: Reader, text: str, cups: float
) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") == cups


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        # a twitch said of nobody does not make the message the writer's
        ("My gran is on Lasix. Just the twitching.", ["diuretic"], []),
        ("my mum's on furosemide, could twitching run in families?", [], []),
        # a time said after "just started" is the new medicine's
        (
            "Been on Synthroid for years and just started HCTZ 3 weeks ago.",
            ["other", "diuretic"],
            [],
        ),
        # told to stop, changed from one to another
        (
            "the doctor said to stop her water tablet (indapamide) last month",
            [],
            ["indapamide"],
        ),
        (
            "So my GP said to stop the furosemide and start indapamide instead",
            ["diuretic"],
            ["furosemide"],
        ),
        ("We changed Nan from Lasix to Aldactone in spring.", ["diuretic"], ["lasix"]),
        # a course still being taken is now; one had is past
        ("Was prescribed prednisolone for 5 days, I'm on day 3.", ["corticosteroid"], []),
        ("I was prescribed prednisolone for 5 days.", [], ["prednisolone"]),
        ("she's on Keflex right now for a skin infection (day 5 of 7).", ["other"], []),
        ("my 14 year old is on a course of Augmentin for tonsillitis", ["other"], []),
        ("I take ibuprofen when my back hurts", [], []),
        ("I was on amoxicillin last month", [], ["amoxicillin"]),
        (
            "Was on dexamethasone after my knee surgery for a few days, and oxycodone. "
            "Stopped both.",
            [],
            ["dexamethasone", "oxycodone"],
        ),
    ],
)
def test_medicines_stopped_switched_and_courses_going_on(
    reader: Reader, text: str, now: List[str], past: List[str]
) -> None:
    assert _now_and_past(reader, text) == (now, past)


@pytest.mark.parametrize(
    ("text", "symptoms"),
    [
        ("my muscles feel a bit weaker than usual", ["muscle_weakness"]),
        ("He's 48, not sleeping, very short-tempered", ["difficulty_sleeping", "mood_changes"]),
        ("he's pretty flat in himself", ["mood_changes"]),
        ("wired and jittery, heart thumping fast.", ["jitters", "rapid_heart_rate"]),
        ("I feel like a zombie, dragging myself through every day", ["fatigue"]),
        ("came off it after 6 weeks, felt like a zombie", []),  # then, not now
        ("hands have a slight shake when I hold my phone", ["tremors"]),
        ("I fall asleep fine but I'm awake at 2 and then that's it.", ["difficulty_sleeping"]),
        ("I can't remember the last time I slept through.", ["difficulty_sleeping"]),
        # a poor score for sleep is sleeping badly; a good one, or one asked about, is not
        ("Stress 10/10. Sleep 3/10. Sun 0/10.", ["difficulty_sleeping"]),
        ("sleep 8/10, stress 3/10", []),
        ("is sleep 3/10 bad?", []),
    ],
)
def test_symptoms_said_loosely_and_sleep_as_a_score(
    reader: Reader, text: str, symptoms: List[str]
) -> None:
    assert reader.read(text).symptoms() == symptoms


@pytest.mark.parametrize(
    ("text", "slot", "value"),
    [
        ("The thing is I'm not a stressed person at all. Never have been.", "stress", "low"),
        ("Would say I'm moderately stressed.", "stress", "moderate"),
        ("Stress 10/10. Sleep 3/10. Sun 0/10.", "sun", "rarely"),
        ("FIFO worker, underground in the mine 12 hrs a day. Don't really see the sun.", "sun", "rarely"),
        ("In summer I get a bit of sun but right now it's dark when I start and dark when I finish.", "sun", "rarely"),
        ("I'm retired and a keen birdwatcher, out on the marshes pretty much every day", "sun", "often"),
        ("I teach surfing on the Gold Coast so basically in the water all day", "sun", "often"),
    ],
)  # fmt: skip
def test_stress_and_sun_said_in_other_words(
    reader: Reader, text: str, slot: str, value: str
) -> None:
    assert slot_updates(reader.read(text)).get(slot) == value


@pytest.mark.parametrize(
    ("text", "cups"),
    [
        # a number of times a week after the drink's count is another food's
        ("about 2 litres water, 1 coffee, eat salmon twice a week", 1.0),
        # the same drink named again as a kind of person is not one more
        ("Tea: about 5 cups a day, I'm a builder's tea man.", 5.0),
        ("I'm a tea man, 3 cups a day", 3.0),
        ("he has about 8 coffees a day, im more of a tea person, 2 a day", 2.0),
        # "never" does not reach past "and live on"
        ("I never see the sun tbh and live on energy drinks, like 4 a night", 4.0),
        # his count, said after the writer's drink, is not the writer's
        (
            "Husband's always on at me about drinking too much coffee. He can talk, he has 6 a "
            "day! I have 2.",
            2.0,
        ),
        ("my son drinks coffee, he has 3 a day", 3.0),
        # a likeness is not a count
        ("Feels like I've had ten coffees but I've only had one.", 1.0),
        # a count broken down right after the drink is not added again
        ("2 coffees, 1 in the morning 1 after lunch", 2.0),
        ("two coffees - one at 7 and one at 11", 2.0),
        ("2 coffees in the morning, 1 at lunch, 1 at 4", 4.0),
        # said of a child the message is about
        ("my daughter has had a twitchy eyelid for a week. she doesn't drink any caffeine", 0.0),
    ],
)
def test_drink_counts_said_beside_other_counts_and_people(
    reader: Reader, text: str, cups: float
) -> None:
    assert slot_updates(reader.read(text)).get("caffeine_cups") == cups


@pytest.mark.parametrize(
    ("text", "now", "past"),
    [
        # told to stop, but not stopped yet
        (
            "My doctor said to stop taking the Zyrtec to see if the twitching settles, but I "
            "haven't yet, still taking it every day",
            ["other"],
            [],
        ),
        # "still on it" is said of the medicine named just before it, not of an earlier one
        (
            "Had a short course of dexamethasone in August, done with that. Started taking "
            "lansoprazole last week and still on it.",
            ["other"],
            ["dexamethasone"],
        ),
        # written for "me old man"
        (
            "G'day, writing for me old man, he's 79 and on Frusid and Noten. Both calves been "
            "twitching about two months.",
            ["diuretic", "other"],
            [],
        ),
    ],
)
def test_medicines_not_stopped_after_all_and_written_for_a_parent(
    reader: Reader, text: str, now: List[str], past: List[str]
) -> None:
    assert _now_and_past(reader, text) == (now, past)


@pytest.mark.parametrize(
    ("text", "sun"),
    [
        ("I'm out gardening most days in summer but it's november so hardly at all now", "rarely"),
        ("I'm outside most days but it's freezing", "often"),
        ("She has eggs for breakfast. She sits out on the porch most days.", "often"),
        ("I'm wrapped up when I go out and honestly I avoid going out at all", "rarely"),
    ],
)
def test_sun_in_summer_then_now_and_said_in_other_words(
    reader: Reader, text: str, sun: str
) -> None:
    assert slot_updates(reader.read(text)).get("sun") == sun


@pytest.mark.parametrize(
    ("text", "hydration", "symptoms"),
    [
        # thirst is the water question's "not much / often thirsty", over an amount said
        ("I drink a fair bit of water but I'm always thirsty", "low", ["thirst"]),
        # "barely ever thirsty" is not thirst
        ("I drink 3-4 litres of water, barely ever thirsty", "good", []),
    ],
)
def test_thirst_is_the_water_answer_its_words_name(
    reader: Reader, text: str, hydration: str, symptoms: List[str]
) -> None:
    reading = reader.read(text)
    assert slot_updates(reading).get("hydration") == hydration
    assert reading.symptoms() == symptoms


@pytest.mark.parametrize(
    ("text", "stress"),
    [
        ("My partner thinks I'm stressed but I don't feel it, honestly pretty relaxed", "low"),
        ("My mum thinks I'm stressed but I'm honestly fine, sleeping 8 hours and pretty chill", "low"),
        ("My wife says I'm stressed, and she's right, I'm very stressed", "high"),
        ("My wife says I'm stressed", "moderate"),  # nothing else said: hers is all there is
    ],
)  # fmt: skip
def test_what_another_thinks_gives_way_to_what_the_writer_says(
    reader: Reader, text: str, stress: str
) -> None:
    assert slot_updates(reader.read(text)).get("stress") == stress


@pytest.mark.parametrize(
    ("text", "symptoms"),
    [
        # a condition diagnosed long ago is had now, unless said to be over
        ("Diagnosed with insomnia years ago and it's still a problem.", ["insomnia"]),
        ("I was diagnosed with insomnia years ago but it went away", []),
        ("My pee's dark orange every morning", ["dark_urine"]),
        ("My son never drinks water and he's always asking for a drink", ["thirst"]),
        ("new baby + toddler = zero sleep", ["difficulty_sleeping"]),
        ("I don't sleep much these days", ["difficulty_sleeping"]),
    ],
)
def test_conditions_diagnosed_long_ago_and_symptoms_in_other_words(
    reader: Reader, text: str, symptoms: List[str]
) -> None:
    assert reader.read(text).symptoms() == symptoms


@pytest.mark.parametrize(
    ("text", "sun"),
    [
        ("my son stays in his room gaming all day", "rarely"),
        ("I work from home. Not much sun on me really.", "rarely"),
        ("nurse, 12 hr shifts, so i only see the sun on my days off", "sometimes"),
        ("Since I went fully remote I've basically become a vampire.", "rarely"),
    ],
)  # fmt: skip
def test_sun_said_through_rooms_vans_shifts_and_jokes(reader: Reader, text: str, sun: str) -> None:
    assert slot_updates(reader.read(text)).get("sun") == sun
