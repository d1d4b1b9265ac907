"""Searching the questions."""

import pytest
from django.db import connection
from django.urls import reverse

from forum import services
from forum.models import Thread
from tests.factories import UserFactory
from tests.html import parse

URL = reverse("forum:search")
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search runs on PostgreSQL"
)


@pytest.fixture
def questions(forum):
    author = UserFactory()

    def ask(title, body):
        return services.post_thread(author=author, forum=forum, title=title, body=body)

    return {
        "eyelid": ask(
            "Eyelid twitching for weeks", "My eyelid twitches every evening."
        ),
        "hands": ask(
            "Tingling in both hands", "Pins and needles at night, worse lately."
        ),
        "sleep": ask(
            "Cannot sleep since the move", "I lie awake; my legs feel restless."
        ),
    }


def _titles(response):
    return [thread.title for thread in response.context["results"]]


def _search_form(page):
    return page.get_by_role("search", "Search questions")


def test_search_finds_questions_by_title_and_body(client, questions):
    assert _titles(client.get(URL, {"q": "eyelid"})) == ["Eyelid twitching for weeks"]
    assert _titles(client.get(URL, {"q": "restless"})) == [
        "Cannot sleep since the move"
    ]


def test_search_without_terms_shows_just_the_form(client, questions):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["results"] == []
    page = parse(response)
    assert _search_form(page).one('[name="q"]').value == ""
    main = page.one("main")
    assert main.select(".empty, .thread-list") == []
    assert "No questions match" not in main.text


def test_search_with_no_match_says_so_and_offers_to_ask(client, questions):
    response = client.get(URL, {"q": "xylophone"})
    empty = parse(response).one("main .empty")
    assert empty.text.startswith("No questions match xylophone.")
    assert empty.one("strong").text == "xylophone"
    ask = empty.get_by_role("link", "ask your own question")
    assert ask["href"] == reverse("forum:thread-create")


def test_search_hides_removed_threads(client, questions, staff):
    services.remove_thread(moderator=staff, thread=questions["eyelid"])
    assert _titles(client.get(URL, {"q": "eyelid"})) == []


def test_search_escapes_what_was_typed(client, questions):
    response = client.get(URL, {"q": "<script>alert(1)</script>"})
    page = parse(response)
    assert _search_form(page).one('[name="q"]').value == "<script>alert(1)</script>"
    shown = page.one("main .empty strong")
    assert (shown.text, shown.children) == ("<script>alert(1)</script>", [])
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("page", ["0", "-3", "abc", "9999"])
def test_odd_page_numbers_are_clamped(client, questions, page):
    response = client.get(URL, {"q": "eyelid", "page": page})
    assert response.status_code == 200


def test_search_pages_through_every_match(
    client, forum, rendered_pages, django_assert_num_queries
):
    author = UserFactory()
    for n in range(25):
        services.post_thread(
            author=author, forum=forum, title=f"Migraine question {n:02d}", body="aura"
        )
    first = client.get(URL, {"q": "migraine"})
    assert len(first.context["results"]) == 20
    assert first.context["page_obj"].has_next() is True
    second = client.get(URL, {"q": "migraine", "page": 2})
    assert len(second.context["results"]) == 5
    assert second.context["page_obj"].has_next() is False
    # The forums for the filter, the matches counted (at most MAX_RESULTS),
    # the page's ids ranked, then the page's threads with author, forum and
    # whether a professional answered: the same however many match.
    with django_assert_num_queries(4):
        client.get(URL, {"q": "migraine", "page": 2})
    # One more when some were found through their replies, for the replies.
    asked = Thread.objects.filter(title__startswith="Migraine question")
    for thread in asked[:3]:
        services.post_reply(author=UserFactory(), thread=thread, body="Magnesium?")
    with django_assert_num_queries(5):
        client.get(URL, {"q": "magnesium"})


def test_a_search_that_matches_nothing_costs_two_queries(
    client, questions, django_assert_num_queries
):
    client.get(URL, {"q": "xylophone"})  # The sidebar, stored once.
    with django_assert_num_queries(2):
        response = client.get(URL, {"q": "xylophone"})
    assert response.context["results"] == []


def test_more_matches_than_a_search_shows_say_so_and_suggest_narrowing(
    client, forum, monkeypatch
):
    monkeypatch.setattr("forum.search.MAX_RESULTS", 40)
    monkeypatch.setattr("forum.views.MAX_RESULTS", 40)
    author = UserFactory()
    for n in range(45):
        services.post_thread(
            author=author, forum=forum, title=f"Headache question {n:02d}", body="Why?"
        )
    first = parse(client.get(URL, {"q": "headache"}))
    assert first.one(".search-count").text == "More than 40 questions found"
    assert len(first.select("main .thread-row")) == 20
    assert first.select("main .notice") == []
    last = client.get(URL, {"q": "headache", "page": 2})
    assert last.context["page_obj"].has_next() is False
    notice = parse(last).one("main .notice").text
    assert notice.startswith("These are the first 40 of the questions that match")
    assert notice.endswith("add a word or two to your search, or narrow it below.")


def test_the_page_never_mentions_a_window_of_recent_questions(client, questions):
    text = parse(client.get(URL, {"q": "eyelid"})).one("main").text
    assert "recently active" not in text


def test_marked_excerpts_escape_what_members_wrote(client, forum):
    services.post_thread(
        author=UserFactory(),
        forum=forum,
        title="Twitching eyelid",
        body='My <img src=x onerror="alert(1)"> eyelid keeps twitching <b>a lot</b>.',
    )
    response = client.get(URL, {"q": "twitching"})
    html = response.content.decode()
    assert "<img src=x" not in html and "<b>a lot</b>" not in html
    excerpt = parse(response).one(".search-snippet")
    assert [mark.text for mark in excerpt.select("mark")] == ["twitching"]
    assert '<img src=x onerror="alert(1)">' in excerpt.text


@on_postgresql
def test_postgresql_search_stems_words(client, questions):
    # "twitching" and "twitches" share the English stem "twitch".
    assert _titles(client.get(URL, {"q": "twitches"})) == ["Eyelid twitching for weeks"]


@on_postgresql
def test_postgresql_search_follows_an_edited_title(client, questions, forum):
    thread = questions["hands"]
    thread.title = "Numb fingertips in the morning"
    thread.save()
    assert _titles(client.get(URL, {"q": "fingertips"})) == [thread.title]
    assert _titles(client.get(URL, {"q": "tingling"})) == []


@on_postgresql
def test_postgresql_search_finds_bulk_inserted_threads(client, forum, user):
    # Rows written past the ORM's save(), as the benchmark seeds them.
    Thread.objects.bulk_create(
        [
            Thread(
                forum=forum,
                author=user,
                title="Vertigo when turning over in bed",
                slug="vertigo",
                body="The room spins for a few seconds.",
                body_html="",
            )
        ]
    )
    assert _titles(client.get(URL, {"q": "spins"})) == [
        "Vertigo when turning over in bed"
    ]


@on_postgresql
def test_postgresql_search_ranks_title_matches_first(client, forum):
    author = UserFactory()
    services.post_thread(
        author=author, forum=forum, title="Questions about sleep", body="Numbness too."
    )
    services.post_thread(
        author=author, forum=forum, title="Numbness in my feet", body="Since spring."
    )
    assert _titles(client.get(URL, {"q": "numbness"}))[0] == "Numbness in my feet"


@on_postgresql
def test_postgresql_search_uses_the_gin_index(forum):
    author = UserFactory()
    Thread.objects.bulk_create(
        Thread(
            forum=forum,
            author=author,
            title=f"Everyday question number {n}",
            slug=f"q-{n}",
            # Real questions run to about 150 words.
            body=f"Headache and tiredness after work, day {n} of the week. " * 15,
            body_html="",
        )
        for n in range(2000)
    )
    services.post_thread(
        author=author,
        forum=forum,
        title="Eyelid flutters",
        body="Only the left eyelid.",
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE forum_thread")
    plan = Thread.objects.search("eyelid").explain()
    assert "thread_search_vector_gin" in plan
