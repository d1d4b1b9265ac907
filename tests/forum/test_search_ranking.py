"""What a search puts first: where the words are, whole words, then activity.

These run on SQLite and on PostgreSQL: the fallback ranks by the same rules
(forum.search), so both must agree.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from forum import search, services
from forum.models import Thread
from forum.search import SearchResults, parse
from tests.factories import ForumFactory, ReplyFactory, ThreadFactory, UserFactory
from tests.html import parse as parse_html

URL = reverse("forum:search")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the full-text vector is PostgreSQL's"
)


@pytest.fixture
def ask(forum):
    """Post a thread whose last activity was days_ago, with replies."""

    def ask(title, body="Nothing more to add.", *, days_ago=0, replies=()):
        when = timezone.now() - timedelta(days=days_ago)
        thread = ThreadFactory(
            forum=forum, title=title, body=body, created_at=when, last_activity_at=when
        )
        for text in replies:
            ReplyFactory(thread=thread, body=text, created_at=when)
        return thread

    return ask


def _ranked(terms: str, threads=None) -> list[str]:
    ids = SearchResults(threads or Thread.objects.all(), terms)[:50]
    titles = dict(Thread.objects.filter(pk__in=ids).values_list("pk", "title"))
    return [titles[pk] for pk in ids]


# --- Where the words are. ----------------------------------------------------


def test_a_title_match_beats_a_body_match_which_beats_a_reply_match(ask):
    # The least relevant is the most recently active, and says it most often.
    ask("Questions after my check-up", replies=["Numbness here too. " * 5])
    ask("Since the spring", "Numbness in my feet, numbness in my toes.", days_ago=1)
    ask("Numbness in my feet", "It started last year.", days_ago=2)
    assert _ranked("numbness") == [
        "Numbness in my feet",
        "Since the spring",
        "Questions after my check-up",
    ]


def test_the_title_must_hold_every_word_to_rank_as_a_title_match(ask):
    ask("Tremor in my hand", "Mostly in the morning.", days_ago=0)
    ask("Morning tremor", "In the hand I write with.", days_ago=1)
    assert _ranked("morning tremor") == ["Morning tremor", "Tremor in my hand"]


def test_the_question_outranks_a_thread_that_needs_its_replies(ask):
    ask("Tremor", "Worse when I rest.", days_ago=1)
    ask("Tremor", "Only some days.", replies=["Mine is worse at rest."])
    assert _ranked("tremor rest") == ["Tremor", "Tremor"]
    first, second = SearchResults(Thread.objects.all(), "tremor rest")[:2]
    assert Thread.objects.get(pk=first).body == "Worse when I rest."


def test_within_a_tier_the_more_recently_active_thread_comes_first(ask):
    ask("Migraine with aura", days_ago=5)
    ask("Migraine after exercise", days_ago=1)
    ask("Migraine at night", days_ago=3)
    assert _ranked("migraine") == [
        "Migraine after exercise",
        "Migraine at night",
        "Migraine with aura",
    ]


# --- Whole words, other forms, abbreviations. --------------------------------


def test_the_word_typed_beats_another_form_of_it(ask):
    ask("Eyelid twitches at night", days_ago=0)
    ask("Eyelid twitched once", days_ago=1)
    ask("Eyelid twitching all week", days_ago=2)
    assert _ranked("twitching") == [
        "Eyelid twitching all week",
        "Eyelid twitches at night",
        "Eyelid twitched once",
    ]


def test_another_form_in_the_title_still_beats_the_word_in_the_body(ask):
    ask("Something odd", "My eyelid keeps twitching.", days_ago=0)
    ask("Eyelid twitches", "Since Monday.", days_ago=1)
    assert _ranked("twitching") == ["Eyelid twitches", "Something odd"]


@pytest.mark.parametrize(
    ("terms", "named"),
    [
        ("MS", "Could this be MS?"),
        ("ms", "Could this be MS?"),
        ("ALS", "Afraid it is ALS"),
        ("TIA", "Was it a TIA?"),
        ("MRI", "MRI next week"),
        ("EEG", "EEG results explained"),
    ],
)
def test_short_abbreviations_are_found_as_words_and_rank_first(ask, terms, named):
    # Newer threads full of words that contain the letters, or share a stem.
    ask("Could this be MS?", days_ago=9)
    ask("Afraid it is ALS", days_ago=9)
    ask("Was it a TIA?", days_ago=9)
    ask("MRI next week", days_ago=9)
    ask("EEG results explained", days_ago=9)
    ask(
        "Symptoms list",
        "Symptoms, items, terms and alarms; I also saw Al and Tia's mum.",
        replies=["Ms Jones the nurse says the mri/eeg forms also matter."],
    )
    ranked = _ranked(terms)
    assert ranked[0] == named
    assert "Symptoms list" not in ranked[:1]


def test_an_abbreviation_english_skips_is_still_searched(ask):
    # "me" is a common English word; a search of nothing else looks for it.
    ask("Living with ME/CFS", "Pacing helps.", days_ago=3)
    ask("Tired all the time", "Nothing else.")
    assert _ranked("ME") == ["Living with ME/CFS"]


def test_an_abbreviation_in_a_pair_with_a_slash_is_found(ask):
    ask("Worried about MS/ALS after reading online")
    assert _ranked("ALS") == ["Worried about MS/ALS after reading online"]
    assert _ranked("MS") == ["Worried about MS/ALS after reading online"]


# --- The search syntax. --------------------------------------------------------


def test_quotes_find_the_words_in_that_order(ask):
    ask("Worst headache ever", days_ago=1)
    ask("Headache: the worst part is the nausea")
    assert _ranked('"worst headache"') == ["Worst headache ever"]
    assert _ranked("worst headache") == [
        "Headache: the worst part is the nausea",
        "Worst headache ever",
    ]


def test_or_finds_either_word(ask):
    ask("Tingling fingers", days_ago=2)
    ask("Numb toes", days_ago=1)
    ask("Sore knee")
    assert _ranked("tingling or numb") == ["Numb toes", "Tingling fingers"]


def test_minus_leaves_out_threads_with_the_word_in_any_form(ask):
    ask("Migraine with aura")
    ask("Migraine with auras", days_ago=1)
    ask("Migraine after exercise", days_ago=2, replies=["No aura for me."])
    ask("Migraine at night", days_ago=3)
    assert _ranked("migraine -aura") == ["Migraine at night"]


def test_a_search_of_only_left_out_words_finds_nothing(client, ask):
    ask("Migraine with aura")
    response = client.get(URL, {"q": "-aura"})
    assert response.context["results"] == []
    assert "No questions match" in parse_html(response).one("main .empty").text


def test_common_words_do_not_have_to_appear(ask):
    ask("Worst headache", days_ago=1)
    assert _ranked("what is the worst headache") == ["Worst headache"]


@pytest.mark.parametrize(
    ("terms", "groups"),
    [
        ("eyelid twitching", [[("eyelid",), ("twitching",)]]),
        ('"worst headache" -aura', [[("worst", "headache"), ("-", "aura")]]),
        ("tingling or numb toes", [[("tingling",)], [("numb",), ("toes",)]]),
        ("MS/ALS", [[("ms",), ("als",)]]),
        ("what is the", [[("what",), ("is",), ("the",)]]),
        ("or", []),
    ],
)
def test_searches_are_read_as_a_search_engine_reads_them(terms, groups):
    def shown(term):
        return ("-", *term.words) if term.is_excluded else term.words

    read = parse(terms)
    assert [[shown(term) for term in group] for group in read.groups] == groups


# --- Every match is a candidate. ----------------------------------------------


def test_an_old_thread_that_is_the_best_match_is_found_beyond_200_newer(ask, forum):
    author = UserFactory()
    now = timezone.now()
    Thread.objects.bulk_create(
        Thread(
            forum=forum,
            author=author,
            title=f"Question {n}",
            slug=f"question-{n}",
            body="A tremor now and then, among other things.",
            body_html="",
            created_at=now - timedelta(minutes=n),
            last_activity_at=now - timedelta(minutes=n),
        )
        for n in range(250)
    )
    ask("Tremor in my right hand", days_ago=400)
    ranked = _ranked("tremor")
    assert ranked[0] == "Tremor in my right hand"
    assert SearchResults(Thread.objects.all(), "tremor").count() == 251


def test_common_searches_page_through_the_tiers_in_order(ask, forum, monkeypatch):
    # Small limits, so that a few threads make a common search: its tiers
    # are first looked for among the most recently active threads.
    monkeypatch.setattr(search, "MAX_RESULTS", 12)
    monkeypatch.setattr(search, "RECENT", 4)
    for n in range(6):
        ask(f"Night {n}", "Restless legs again.", days_ago=n)
    for n in range(5):
        ask(f"Restless legs {n}", days_ago=10 + n)
    for n in range(4):
        ask(f"Evening {n}", replies=["Restless legs here too."], days_ago=20 + n)
    results = SearchResults(Thread.objects.all(), "restless legs")
    assert results.has_more is True
    assert results.count() == 12
    expected = (
        [f"Restless legs {n}" for n in range(5)]
        + [f"Night {n}" for n in range(6)]
        + ["Evening 0"]
    )
    pages = [results[start : start + 5] for start in (0, 5, 10)]
    titles = dict(Thread.objects.values_list("pk", "title"))
    assert [titles[pk] for page in pages for pk in page] == expected


@on_postgresql
@pytest.mark.parametrize("need", [1, 3, 6, 9, 12])
@pytest.mark.parametrize("narrowed", [False, True])
def test_looking_among_recent_threads_first_changes_nothing(
    ask, monkeypatch, forum, need, narrowed
):
    monkeypatch.setattr(search, "RECENT", 4)
    elsewhere = ForumFactory()
    for n in range(4):
        ask(f"Tremor {n}", days_ago=n)
        ask(f"Shaking {n}", "A tremor.", days_ago=n)
        ask(f"Hands {n}", replies=["Tremors, yes."], days_ago=n)
        # Newer, in another forum: a search narrowed to forum looks past them.
        other = ThreadFactory(forum=elsewhere, title=f"Tremor again {n}")
        other.last_activity_at = timezone.now() + timedelta(hours=1)
        other.save(update_fields=["last_activity_at"])
    threads = Thread.objects.visible()
    if narrowed:
        threads = threads.filter(forum=forum)
    assert search._postgresql_ids(
        threads, "tremor", need, common=True
    ) == search._postgresql_ids(threads, "tremor", need, common=False)


def test_removed_threads_are_never_results(forum, staff):
    thread = services.post_thread(
        author=UserFactory(), forum=forum, title="Tremor in my hand", body="Since May."
    )
    services.remove_thread(moderator=staff, thread=thread)
    assert _ranked("tremor") == []


# --- SQLite and PostgreSQL find the same threads. -----------------------------


PLAIN_WORDS = {
    "headache": {"Headache after reading", "Headaches every morning"},
    "headaches": {"Headache after reading", "Headaches every morning"},
    "tingling": {"Tingling hands", "Tingles in my feet"},
    "spinning": {"The room spins"},
    "dizziness": {"Dizzy when I stand"},
    "numbness": {"Numb toes"},
    "ms": {"Is it MS?"},
    "symptoms": {"Symptoms list"},
}


@pytest.mark.parametrize(("terms", "titles"), PLAIN_WORDS.items())
def test_plain_words_find_the_same_threads_on_every_database(ask, terms, titles):
    ask("Headache after reading")
    ask("Headaches every morning")
    ask("Headachey and tired")
    ask("Tingling hands")
    ask("Tingles in my feet")
    ask("The room spins")
    ask("Dizzy when I stand")
    ask("Numb toes")
    ask("Is it MS?")
    ask("Symptoms list")
    assert set(_ranked(terms)) == titles


# --- Kept up to date. --------------------------------------------------------


@pytest.fixture
def answered(ask):
    return ask("Hands go numb", "Mostly at night.")


def test_a_reply_is_found_as_soon_as_it_is_posted(answered, other_user):
    services.post_reply(author=other_user, thread=answered, body="Try a wrist splint.")
    assert _ranked("splint") == ["Hands go numb"]


def test_an_edited_reply_is_found_by_its_new_words_only(answered, other_user):
    reply = services.post_reply(
        author=other_user, thread=answered, body="Try a wrist splint."
    )
    services.edit_reply(editor=other_user, reply=reply, body="Try a wrist brace.")
    assert _ranked("splint") == []
    assert _ranked("brace") == ["Hands go numb"]


def test_a_removed_reply_is_not_found_until_it_is_restored(answered, other_user, staff):
    reply = services.post_reply(
        author=other_user, thread=answered, body="Try a wrist splint."
    )
    services.remove_reply(moderator=staff, reply=reply)
    assert _ranked("splint") == []
    services.restore_reply(moderator=staff, reply=reply)
    assert _ranked("splint") == ["Hands go numb"]


def test_a_deleted_reply_is_not_found(answered, other_user):
    reply = services.post_reply(
        author=other_user, thread=answered, body="Try a wrist splint."
    )
    reply.delete()
    assert _ranked("splint") == []


def test_a_reply_held_for_review_is_not_found(answered):
    newcomer = UserFactory(date_joined=timezone.now())
    services.post_reply(
        author=newcomer, thread=answered, body="Splints at https://example.com"
    )
    assert _ranked("splints") == []


def test_a_retitled_thread_keeps_its_replies_searchable(answered, other_user):
    services.post_reply(author=other_user, thread=answered, body="Try a wrist splint.")
    services.edit_thread(
        editor=answered.author,
        thread=answered,
        title="Numb hands at night",
        body="Mostly at night.",
    )
    assert _ranked("splint") == ["Numb hands at night"]
    assert _ranked("numb hands") == ["Numb hands at night"]


@on_postgresql
def test_the_vector_marks_the_titles_and_the_questions_words(answered, other_user):
    services.post_reply(author=other_user, thread=answered, body="Splints help.")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT array_to_string(tsvector_to_array(search_vector), ' ')"
            " FROM forum_thread WHERE id = %s",
            [answered.pk],
        )
        lexemes = set(cursor.fetchone()[0].split())
    marks = {search.TITLE_MARK, search.QUESTION_MARK}
    assert {"hands", "hand", "numb", "splints", "splint"} <= lexemes
    assert {f"{search.TITLE_MARK}hand", f"{search.TITLE_MARK}hands"} <= lexemes
    assert {f"{search.QUESTION_MARK}night", f"{search.QUESTION_MARK}mostly"} <= lexemes
    # The replies' words are not marked: they are in neither title nor question.
    assert not any(word.endswith("splint") for word in lexemes if word[:3] in marks)
