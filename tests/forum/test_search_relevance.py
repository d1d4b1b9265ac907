"""Searching the demo community finds what a reader meant, first.

Each case is something a reader would type, and the demo thread that must
come first (or within the first three, where several threads answer it
well). The demo is seeded once for the module. Relevance is judged on
PostgreSQL, whose full-text search ranks the site's results; the SQLite
fallback is held to finding the same threads for plain words
(test_search_ranking.py).
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse

from forum.models import Thread
from forum.search import SearchResults
from tests.html import parse

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="relevance is judged on PostgreSQL's full-text search; the SQLite "
        "fallback is only held to finding the same threads for plain words",
    ),
]

ALS = "Muscle twitches all over and I keep reading about ALS"
MS = "My MRI mentioned 'white matter spots' and now I'm convinced it's MS"
EYELID = "Eyelid twitching for three weeks"
WORST = "Sudden worst headache of my life"
TIA = "Husband's arm went weak and his words came out jumbled"
EEG = "Our daughter's EEG came back normal after two seizures"
ME_CFS = "Exhausted for eight months after glandular fever"
CARPAL = "Hands go numb at night and wake me up"
NERVE_TEST = "Nerve conduction test and EMG next week"
HEAD_MRI = "Really claustrophobic and booked for a head MRI"
BFS = "Living with benign fasciculation syndrome"

# (what a reader types, the thread it must find, how high: 1 or 3)
CASES = [
    # Short medical abbreviations, as capitals or not.
    ("ALS", ALS, 1),
    ("als", ALS, 1),
    ("MS", MS, 1),
    ("ms", MS, 1),
    ("TIA", TIA, 1),
    ("EEG", EEG, 1),
    ("EMG", NERVE_TEST, 1),
    ("BPPV", "The room spins when I roll over in bed", 1),
    ("BFS", BFS, 1),
    ("ME/CFS", ME_CFS, 1),
    ("MRI", HEAD_MRI, 3),
    # What the issue named.
    ("eyelid twitching", EYELID, 1),
    ("worst headache", WORST, 1),
    # Conditions and symptoms, as readers name them.
    ("carpal tunnel", CARPAL, 1),
    ("numb hands", CARPAL, 1),
    ("restless legs", "Legs feel crawly every evening", 1),
    ("sleep apnea", "Wife says I stop breathing when I snore", 1),
    ("snoring", "Wife says I stop breathing when I snore", 1),
    ("Bell's palsy", "Woke up with half my face drooping", 1),
    ("Parkinson's", "Tremor in my right hand only when it's resting", 1),
    ("essential tremor", "Essential tremor runs in my family", 1),
    ("white matter", MS, 1),
    ("nerve conduction", NERVE_TEST, 1),
    ("vestibular migraine", "Dizzy spells with light sensitivity", 1),
    ("epilepsy driving", "Epilepsy and driving", 1),
    ("first seizure", "My 16-year-old son had his first seizure", 1),
    ("Alzheimer's", "Mum has just been diagnosed with Alzheimer's", 1),
    ("forgetting words", "Forgetting words mid-sentence at 52", 1),
    ("brain fog", "Brain fog and forgetfulness since a long illness", 1),
    ("concussion", "Still foggy and headachey six weeks after a concussion", 1),
    ("neuropathy", "Diabetic with burning feet at night", 1),
    ("burning feet", "Diabetic with burning feet at night", 1),
    ("tingling fingers", "Tingling down my arm into two fingers", 1),
    ("night shifts", "Night shifts have wrecked my sleep", 1),
    ("sleep paralysis", "Sleep paralysis twice this month", 1),
    ("insomnia", "Awake at 3am every night for months", 1),
    ("painkillers", "Taking painkillers most days for headaches", 1),
    ("tension headache", "Daily tension headaches from desk work", 1),
    ("migraine period", "Migraines around my period every month", 1),
    ("claustrophobic MRI", HEAD_MRI, 1),
    ("zigzag", "First ever migraine with aura at 38", 1),
    ("fasciculations", BFS, 1),
    ("dementia", "Forgetting words mid-sentence at 52", 3),
    # Words found only in what professionals and members replied.
    ("thunderclap headache", WORST, 1),
    ("lumbar puncture", WORST, 1),
    ("mini stroke", TIA, 1),
    ("glandular fever", ME_CFS, 1),
    ("stroke", TIA, 1),
    # Other forms of a word, quotes, or and minus.
    ("twitches", ALS, 1),
    ("seizures", EEG, 3),
    ('"worst headache of my life"', WORST, 1),
    ("sudden severe headache", WORST, 1),
    ("epilepsy -driving", EEG, 1),
    ("carpal tunnel or sciatica", CARPAL, 1),
    ("faint or seizure", "Friend collapsed and twitched for a few seconds", 1),
]

# Searches the site does not answer yet, kept so that a change that helps
# them shows up (strict: an unexpected pass fails, to be moved above).
KNOWN_MISSES = [
    # Topics (tags) are not searched: only this thread's tag says vertigo.
    ("vertigo", "The room spins when I roll over in bed", 1),
    # English stems "droopy" as "droopi", "drooping" as "droop".
    ("droopy face", "Woke up with half my face drooping", 1),
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Seed the demo once for the module, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
        ):
            call_command("seed_demo", stdout=io.StringIO())
        connection.check_constraints()
        yield
        transaction.set_rollback(True)


def _first_titles(terms: str, how_many: int) -> list[str]:
    ids = SearchResults(Thread.objects.all(), terms)[:how_many]
    titles = dict(Thread.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [titles[pk] for pk in ids]


def _found(terms: str, expected: str, within: int) -> bool:
    return any(title.startswith(expected) for title in _first_titles(terms, within))


@pytest.mark.parametrize(("terms", "expected", "within"), CASES)
def test_search_finds_the_thread_a_reader_means(demo, terms, expected, within):
    assert _found(terms, expected, within), _first_titles(terms, 3)


@pytest.mark.parametrize(("terms", "expected", "within"), KNOWN_MISSES)
@pytest.mark.xfail(strict=True, reason="a known gap, see KNOWN_MISSES")
def test_search_misses_these_for_now(demo, terms, expected, within):
    assert _found(terms, expected, within)


def test_the_set_is_large_enough_and_puts_the_issues_searches_first():
    issues = {"ALS", "MS", "eyelid twitching", "worst headache"}
    assert len(CASES) >= 30
    assert {
        terms: within for terms, _, within in CASES if terms in issues
    } == dict.fromkeys(issues, 1)


@pytest.mark.parametrize(
    ("terms", "expected"),
    [("ALS", ALS), ("MS", MS), ("eyelid twitching", EYELID), ("worst headache", WORST)],
)
def test_the_search_page_lists_the_issues_threads_first(demo, client, terms, expected):
    page = parse(client.get(reverse("forum:search"), {"q": terms}))
    first = page.select(".thread-row")[0].one(".thread-title")
    assert first.text.startswith(expected)
