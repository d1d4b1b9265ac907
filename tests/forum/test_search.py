"""Searching the questions."""

import pytest
from django.db import connection
from django.urls import reverse

from forum import services
from forum.models import Thread
from tests.factories import UserFactory

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


def test_search_finds_questions_by_title_and_body(client, questions):
    assert _titles(client.get(URL, {"q": "eyelid"})) == ["Eyelid twitching for weeks"]
    assert _titles(client.get(URL, {"q": "restless"})) == [
        "Cannot sleep since the move"
    ]


def test_search_without_terms_shows_just_the_form(client, questions):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["results"] == []
    assert "No questions match" not in response.content.decode()


def test_search_with_no_match_says_so_and_offers_to_ask(client, questions):
    response = client.get(URL, {"q": "xylophone"})
    html = response.content.decode()
    assert "No questions match <strong>xylophone</strong>" in html
    assert reverse("forum:thread-create") in html


def test_search_hides_removed_threads(client, questions, staff):
    services.remove_thread(moderator=staff, thread=questions["eyelid"])
    assert _titles(client.get(URL, {"q": "eyelid"})) == []


def test_search_escapes_what_was_typed(client, questions):
    html = client.get(URL, {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("page", ["0", "-3", "abc", "9999"])
def test_odd_page_numbers_are_clamped(client, questions, page):
    response = client.get(URL, {"q": "eyelid", "page": page})
    assert response.status_code == 200


def test_search_pages_without_counting(
    client, forum, rendered_pages, django_assert_num_queries
):
    author = UserFactory()
    for n in range(25):
        services.post_thread(
            author=author, forum=forum, title=f"Migraine question {n:02d}", body="aura"
        )
    first = client.get(URL, {"q": "migraine"})
    assert len(first.context["results"]) == 20
    assert first.context["has_next"] is True
    second = client.get(URL, {"q": "migraine", "page": 2})
    assert len(second.context["results"]) == 5
    assert second.context["has_next"] is False
    with django_assert_num_queries(1):
        client.get(URL, {"q": "migraine"})


@on_postgresql
def test_postgresql_search_stems_words(client, questions):
    # "twitching" and "twitches" share the English stem "twitch".
    assert _titles(client.get(URL, {"q": "twitches"})) == ["Eyelid twitching for weeks"]


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
            body="Headache and tiredness after work, most days of the week.",
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
    assert "thread_search_gin" in plan
