"""The pattern language, the starting set of patterns, and personal data.

Pure functions, no database: safety.patterns and the phrases the data
migration ships (safety/migrations/0002_starting_set.py).
"""

from importlib import import_module

import pytest

from safety.patterns import (
    PatternError,
    compile_phrases,
    find_personal_data,
    matches,
    read,
    search,
)

STARTING_SET = import_module("safety.migrations.0002_starting_set")


def _shipped(name: str) -> str:
    (pattern,) = [p for p in STARTING_SET.PATTERNS if p["name"] == name]
    return STARTING_SET._phrases(pattern["phrases"])


def _matched(phrases: str, text: str) -> bool:
    return matches(phrases, text) is not None


# --- The language. ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "My face is drooping",
        "MY FACE IS DROOPING!",
        "her face has started drooping",
        "face droops",
        "Face: drooping on the left",
        "a droopy face",
        "my mouth drooped this morning",
    ],
)
def test_a_line_matches_across_case_wording_and_word_endings(text):
    assert _matched("face/mouth droop*\ndroop* face", text)


def test_words_must_come_in_the_lines_order():
    assert _matched("face droop*", "my face drooped")
    assert not _matched("face droop*", "a drooping eyelid, but my face is fine")


def test_at_most_three_words_may_come_between_two_words():
    assert _matched("face droop*", "my face on one side droops")
    assert not _matched(
        "face droop*", "my face was fine all day until the eyelid drooped"
    )


def test_three_dots_allow_a_longer_gap_within_the_sentence():
    line = "seizure ... five minutes"
    assert _matched(line, "the seizure has been going on for over five minutes")
    assert not _matched(line, "He had a seizure. We waited five minutes.")


def test_a_line_never_spans_two_sentences_or_list_items():
    assert not _matched("face droop*", "I washed my face.\n\nDrooping flowers.")
    assert not _matched("face droop*", "- my face\n- drooping plants")


def test_a_wrapped_line_is_still_one_sentence():
    assert _matched("face droop*", "I woke up and half my face\nwas drooping")


def test_a_hyphen_joins_adjacent_words_either_way_they_are_written():
    for text in ("thoughts of self-harm", "self harm", "I self harmed"):
        assert _matched("self-harm*", text), text
    assert not _matched("self-harm*", "harm to myself")


def test_apostrophes_and_curly_quotes_do_not_matter():
    line = "cant/cannot lift ... arm"
    assert _matched(line, "I can\u2019t lift my arm")
    assert _matched(line, "I cant lift my arm")
    assert _matched(line, "I can't lift my right arm")


def test_numbers_are_words_apart_from_letters():
    assert _matched("seizure ... 5 min/mins/minutes", "seizure lasting 5mins")


@pytest.mark.parametrize(
    "text",
    [
        "There is no weakness in my arm",
        "no arm weakness at all",
        "My arm is not weak",
        "My arm isn't weak, just sore",
        "without any weakness in the arm",
        "I have never had weakness in my arm",
        "I haven't noticed any weakness in my arm",
        "There's no sign of any weakness in my arm",
        "I don't have weakness in my arm.",
    ],
)
def test_a_negated_mention_does_not_match(text):
    assert not _matched("weak* ... arm\narm ... weak*", text)


@pytest.mark.parametrize(
    "text",
    [
        "No fever, but my arm is weak",
        "No headache and my arm is weak",
        "I'm not sure if my arm is weak",
        "I don't know why my arm feels weak",
        "Not only is my arm weak, my leg is too",
        "It's not painful. My arm is weak.",
    ],
)
def test_a_negation_of_something_else_still_matches(text):
    assert _matched("weak* ... arm\narm ... weak*", text)


def test_a_negation_the_line_spells_out_is_part_of_the_sign():
    line = "face ... not/wasnt move/moving"
    assert _matched(line, "the right side of my face wasn't moving")
    assert _matched("dont want to live", "I don't want to live anymore")
    assert not _matched("want* to die", "I don't want to die, I want answers")


def test_cant_and_unable_are_signs_not_negations():
    assert _matched("arm ... weak*", "I can't lift it, my arm is so weak")
    assert _matched("cant/unable lift ... arm", "unable to lift my arm")


def test_search_returns_the_words_that_matched_and_the_line():
    found = search(
        compile_phrases("worst headache ... life"),
        read("The worst headache of my life, doctor."),
    )
    assert found.excerpt == "worst headache of my life"
    assert found.line.text == "worst headache ... life"


def test_lines_starting_with_a_hash_are_notes():
    assert len(compile_phrases("# the classic words\nface droop*\n\n")) == 1


@pytest.mark.parametrize(
    ("phrases", "complaint"),
    [
        ("(face|mouth) droop", "is not part of the pattern language"),
        ("face droop?", "is not part of the pattern language"),
        ("face [a-z]+", "is not part of the pattern language"),
        ("fa* droop", "too short a stem"),
        ("dr*oop face", "* goes only at the end of a word"),
        ("face//mouth droop", "empty choice"),
        ("... face", "goes between two words"),
        ("face ...", "goes between two words"),
        ("face ... ... droop", "goes between two words"),
        ("face .. droop", "three dots on their own"),
        ("self-harm/cutting", "mixes - and /"),
        ("the and my", "appear in almost every post"),
        ("one two three four five six seven eight nine", "at most 8 words"),
        ("   \n# only a note\n", "at least one line"),
    ],
)
def test_phrases_that_cannot_work_are_refused_with_a_reason(phrases, complaint):
    with pytest.raises(PatternError) as refused:
        compile_phrases(phrases)
    assert complaint in str(refused.value)


def test_every_faulty_line_is_named():
    with pytest.raises(PatternError) as refused:
        compile_phrases("face droop*\n(arm)\nfa* weak")
    assert [m.split(" (")[0] for m in refused.value.messages] == ["Line 2", "Line 3"]


# --- The starting set: what each shipped pattern does and does not match. ---

SHIPPED_CASES = {
    "Face drooping": (
        [
            "Woke up with half my face drooping - how long did your Bell's palsy take?",
            "My dad's mouth is drooping on one side",
            "Her smile looks lopsided and she's confused",
            "The left side of my face wasn't moving this morning",
            "one side of his face is numb and slack",
        ],
        [
            "No drooping of the face at all, just a headache",
            "My face is not drooping but my eyelid twitches",
            "Eyelid twitching for three weeks",
            "My face feels puffy in the mornings",
        ],
    ),
    "Sudden weakness in an arm or leg": (
        [
            "My left arm went weak and numb this morning",
            "Suddenly my right leg felt weak and heavy",
            "I suddenly can't lift my arm above my head",
            "weakness down one side of my body",
        ],
        [
            "My hands go numb at night and wake me up",
            "Numbness and tingling in both feet for months",
            "No weakness in my arms or legs",
            "My legs feel weak after running a marathon",
        ],
    ),
    "Speech trouble": (
        [
            "my speech was slurred for ten minutes",
            "Mum is slurring her words",
            "He suddenly couldn't speak or understand me",
            "she was talking gibberish",
        ],
        [
            "No slurred speech, thank goodness",
            "I give speeches at work and get nervous",
            "Forgetting words mid-sentence at 52",
        ],
    ),
    "Seizure over five minutes": (
        [
            "His seizure has lasted more than five minutes",
            "the seizure won't stop",
            "She is having seizures one after another",
            "He had a seizure and hasn't woken up",
            "my daughter has been fitting for 6 mins",
        ],
        [
            "My son had his first seizure, it lasted about a minute",
            "I have been seizure free for two years",
            "I keep fit by walking for 10 minutes",
        ],
    ),
    "Worst headache of my life": (
        [
            "Sudden worst headache of my life",
            "It's the worst headache I have ever had",
            "a thunderclap headache while lifting weights",
            "suddenly a severe explosive headache",
            "headache came on in seconds",
        ],
        [
            "Daily tension headaches from desk work",
            "Not the worst headache I've had, just annoying",
            "My first ever migraine with aura at 38",
        ],
    ),
    "Leg weakness with loss of bladder or bowel control": (
        [
            "Back pain, and now I've lost control of my bladder",
            "My legs are weak and I have no control over my bladder",
            "numbness around my groin and bottom",
            "saddle numbness since this morning",
        ],
        [
            "I have an overactive bladder and get up at night",
            "No numbness, no loss of bladder control",
        ],
    ),
    "Sudden loss of sight": (
        [
            "I suddenly lost vision in my left eye",
            "Suddenly seeing double when I look left",
            "Went blind in one eye for ten minutes",
        ],
        [
            "My vision has been a bit blurry when tired",
            "no sudden loss of vision",
        ],
    ),
    "Cannot be woken or not breathing": (
        [
            "I can't wake him up",
            "She is unresponsive",
            "He collapsed and hasn't come round",
        ],
        [
            "I wake up at 3am every night",
            "She was not unresponsive, she answered me",
        ],
    ),
    "Fever with a stiff neck or a rash that does not fade": (
        [
            "High fever and a stiff neck",
            "a stiff neck with a temperature and she hates the light",
            "the rash doesn't fade when I press a glass on it",
        ],
        [
            "Stiff neck from sleeping badly",
            "a rash that fades when pressed with a glass",
        ],
    ),
    "Crushing chest pain": (
        [
            "crushing chest pain going into my left arm",
            "chest pain and I'm short of breath",
            "tight chest pain since an hour",
        ],
        [
            "no chest pain at all",
            "a chest infection last winter",
        ],
    ),
    "Thoughts of suicide": (
        [
            "I want to end my life",
            "Some days I think about killing myself",
            "I feel like there's no reason to live",
            "I don't want to be alive anymore",
            "everyone would be better off without me",
            "I've been having suicidal thoughts",
            "I can't go on like this",
            "I just can't keep going anymore",
        ],
        [
            "I'm not suicidal, just exhausted",
            "I don't want to die, I want answers",
            "The treatment could end my headaches for good",
            "I'd never kill myself",
        ],
    ),
    "Self-harm": (
        [
            "I have started self-harming again",
            "I've been cutting myself",
            "I get urges to hurt myself when the pain is bad",
        ],
        [
            "I cut my finger chopping onions",
            "I never self-harm",
        ],
    ),
}


def test_the_starting_set_has_a_case_for_each_pattern():
    assert set(SHIPPED_CASES) == {p["name"] for p in STARTING_SET.PATTERNS}
    assert sum(p["kind"] == "emergency" for p in STARTING_SET.PATTERNS) >= 8


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (name, text)
        for name, (positives, _) in SHIPPED_CASES.items()
        for text in positives
    ],
)
def test_a_shipped_pattern_matches_what_it_is_for(name, text):
    assert _matched(_shipped(name), text)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (name, text)
        for name, (_, negatives) in SHIPPED_CASES.items()
        for text in negatives
    ],
)
def test_a_shipped_pattern_leaves_ordinary_posts_alone(name, text):
    assert not _matched(_shipped(name), text)


def test_every_shipped_pattern_compiles_and_has_a_calm_message():
    for pattern in STARTING_SET.PATTERNS:
        assert compile_phrases(STARTING_SET._phrases(pattern["phrases"]))
        assert 40 < len(pattern["message"]) < 600
        assert "!" not in pattern["message"]


# --- Personal data. ---------------------------------------------------------


def _found(text: str) -> list[tuple[str, str]]:
    return [(item.kind, item.text) for item in find_personal_data(text)]


@pytest.mark.parametrize(
    "number",
    [
        "07700 900123",  # UK mobile
        "07700900123",
        "020 7946 0018",  # UK, London
        "01632 960 123",
        "+44 7700 900123",
        "+44 (0)20 7946 0018",
        "(555) 123-4567",  # US
        "555-123-4567",
        "555.123.4567",
        "+1 555 123 4567",
        "1-800-555-0199",
        "+33 1 23 45 67 89",  # France
        "+49 30 1234567",  # Germany
        "+61 412 345 678",  # Australia
    ],
)
def test_phone_numbers_are_found_in_their_usual_forms(number):
    assert _found(f"Call me on {number} after six.") == [("phone", number)]


@pytest.mark.parametrize(
    "text",
    [
        "I've had it for 3 weeks",
        "My MRI is on 12/03/2025",
        "It was 2.5 mg, then 5 mg",
        "blood pressure 140/90, pulse 72",
        "between 2019 and 2021",
        "pain scores 0 10 20 30 40",
        "I walk 1000 1200 1400 steps",
        "Version 10.2.3 of the app",
        "ISBN 978-0-19-852663-6",
    ],
)
def test_ordinary_numbers_are_not_phone_numbers(text):
    assert [kind for kind, _ in _found(text)] == []


@pytest.mark.parametrize(
    "address",
    [
        "jo.bloggs@example.com",
        "jo+forum@mail.example.co.uk",
        "jo at example dot com",
        "jo (at) example (dot) com",
        "jo [at] example.com",
    ],
)
def test_email_addresses_are_found_even_spelled_out(address):
    assert _found(f"Write to {address} if you like") == [("email", address)]


def test_at_and_dot_in_a_sentence_are_not_an_email_address():
    assert _found("I was at work. Co-workers noticed.") == []
    assert _found("email me through the site") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I live at 12 Elm Street, near the park", ("address", "12 Elm Street")),
        ("221B Baker St is my flat", ("address", "221B Baker St")),
        ("we're at 4 Privet Drive", ("address", "4 Privet Drive")),
        ("my address is 12 elm street", ("address", "12 elm street")),
        ("postcode SW1A 1AA", ("postcode", "SW1A 1AA")),
        ("Manchester M1 1AE", ("postcode", "M1 1AE")),
        ("Springfield, IL 62704", ("address", "IL 62704")),
    ],
)
def test_street_addresses_and_postcodes_are_found(text, expected):
    assert _found(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "a 5 minute drive down the road",
        "I walk 2 miles down the lane",
        "take vitamin B12 4MG daily",
        "I live on a busy street",
        "3 times a day",
    ],
)
def test_ordinary_phrases_with_numbers_are_not_addresses(text):
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("I was born on 3 March 1984.", "born on 3 March 1984"),
        ("DOB: 03/04/1984", "DOB: 03/04/1984"),
        ("my date of birth is 1984-03-04", "date of birth is 1984-03-04"),
        ("born March 3rd, 1984", "born March 3rd, 1984"),
        ("My birthday is the 5th of June", "birthday is the 5th of June"),
    ],
)
def test_dates_of_birth_are_found(text, date):
    assert _found(text) == [("birth_date", date)]


@pytest.mark.parametrize(
    "text",
    [
        "It started 3 weeks ago",
        "I've had it for 3 weeks",
        "My appointment is on 12 March 2025",
        "I was born in 1984",
        "My baby was born 3 weeks ago",
        "since 03/04/2024",
    ],
)
def test_ordinary_dates_are_not_dates_of_birth(text):
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I saw Dr Amelia Hart at Riverside Clinic", "Dr Amelia Hart"),
        ("Dr Patel at St Mary's Hospital was kind", "Dr Patel"),
        ("Sarah Jones took me to the hospital", "Sarah Jones"),
        ("Yesterday Tom Baker drove me to Leeds General Infirmary", "Tom Baker"),
        ("my neurologist, Professor Ian Gold, at the clinic", "Professor Ian Gold"),
    ],
)
def test_a_full_name_next_to_a_hospital_or_clinic_is_found(text, name):
    assert _found(text) == [("name_at_clinic", name)]


@pytest.mark.parametrize(
    "text",
    [
        "I went to the hospital last night",
        "I was at St Thomas' Hospital for a week",
        "Dr Smith at the hospital was kind",
        "The Multiple Sclerosis clinic at the Royal Free Hospital",
        "My Bell's Palsy was checked in A&E",
        "Sarah Jones wrote a lovely book about walking",
        "Last Tuesday the clinic rang",
    ],
)
def test_a_hospital_without_a_full_name_is_not_personal_data(text):
    assert _found(text) == []


def test_findings_come_in_reading_order_each_once():
    text = "Ring 07700 900123 or write to jo@example.com; I'm at 12 Elm Street."
    assert _found(text) == [
        ("phone", "07700 900123"),
        ("email", "jo@example.com"),
        ("address", "12 Elm Street"),
    ]
    item = find_personal_data(text)[0]
    assert item.label == "a phone number"
    assert text[item.start : item.end] == "07700 900123"
