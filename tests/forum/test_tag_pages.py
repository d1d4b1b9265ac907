"""A tag's page: its visible questions from every forum, and links to it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from forum import services
from forum.models import Thread
from tests.factories import ForumFactory, UserFactory
from tests.html import parse


def _tag_url(slug="twitching", query=""):
    return reverse("forum:tag", kwargs={"slug": slug}) + query


def _ask(forum, author, title, *, tags=("twitching",), hours_ago=0):
    thread = services.post_thread(
        author=author,
        forum=forum,
        title=title,
        body="A question body that is long enough.",
        tags=list(tags),
    )
    at = timezone.now() - timedelta(hours=hours_ago)
    Thread.objects.filter(pk=thread.pk).update(created_at=at, last_activity_at=at)
    return thread


def _titles(response):
    return [
        link.text for link in parse(response).select(".thread-list .thread-title a")
    ]


@pytest.fixture
def sleep(db):
    return ForumFactory(name="Sleep", slug="sleep")


def test_lists_the_tagged_questions_of_every_forum(client, forum, sleep, user):
    _ask(forum, user, "Eyelid twitching at work", hours_ago=2)
    _ask(sleep, user, "Twitching legs at bedtime", hours_ago=1)
    _ask(forum, user, "Untagged headache question", tags=())
    _ask(forum, user, "Tagged with something else", tags=("headache",))

    response = client.get(_tag_url())

    assert response.status_code == 200
    page = parse(response)
    assert page.one("h1").text == "twitching"
    assert _titles(response) == [
        "Twitching legs at bedtime",
        "Eyelid twitching at work",
    ]
    assert "2 questions from every forum" in page.one(".tag-summary").text
    # Each row says which forum the question is in.
    row = page.select(".thread-row")[0]
    assert row.get_by_role("link", "Sleep")["href"] == sleep.get_absolute_url()


def test_leaves_out_removed_deleted_and_held_questions(client, forum, user, staff):
    shown = _ask(forum, user, "Still here and visible")
    removed = _ask(forum, user, "Removed by the staff")
    deleted = _ask(forum, user, "Deleted by its author")
    held = _ask(forum, user, "Held until reviewed")
    services.remove_thread(moderator=staff, thread=removed)
    services.delete_own_thread(author=user, thread=deleted)
    for reporter in UserFactory.create_batch(3):
        services.report_post(reporter=reporter, post=held, reason="misinformation")
    assert Thread.objects.get(pk=held.pk).held_for

    response = client.get(_tag_url())

    assert _titles(response) == [shown.title]
    assert "1 question from every forum is" in parse(response).one(".tag-summary").text


def test_a_tag_whose_questions_are_all_removed_shows_an_empty_page(
    client, thread, staff
):
    services.remove_thread(moderator=staff, thread=thread)

    response = client.get(_tag_url())

    assert response.status_code == 200
    page = parse(response)
    assert page.one("h1").text == "twitching"
    assert page.select(".thread-row") == []
    assert "No questions are tagged with this topic" in page.one(".tag-summary").text
    assert page.get_by_role("link", "forums")["href"] == reverse("forum:index")


def test_an_unknown_tag_is_not_found(client, thread):
    assert client.get(_tag_url("no-such-topic")).status_code == 404


def test_a_tag_with_letters_beyond_english_has_a_page(client, forum, user):
    _ask(forum, user, "Vertige au réveil chaque matin", tags=("vertige-matinal-é",))
    tag = Tag.objects.get(name="vertige-matinal-é")

    response = client.get(_tag_url(tag.slug))

    assert response.status_code == 200
    assert parse(response).one("h1").text == "vertige-matinal-é"


def test_sorts_newest_and_unanswered(client, forum, user, other_user):
    old = _ask(forum, user, "Asked three hours ago", hours_ago=3)
    answered = _ask(forum, user, "Asked two hours ago", hours_ago=2)
    services.post_reply(author=other_user, thread=answered, body="Rest helped me.")
    new = _ask(forum, user, "Asked an hour ago", hours_ago=1)

    newest = client.get(_tag_url(query="?sort=newest"))
    unanswered = client.get(_tag_url(query="?sort=unanswered"))
    active = client.get(_tag_url())

    assert _titles(newest) == [new.title, answered.title, old.title]
    assert _titles(unanswered) == [new.title, old.title]
    assert "still waiting for an answer" in parse(unanswered).one(".tag-summary").text
    # The reply made the answered question the most recently active.
    assert _titles(active)[0] == answered.title
    current = parse(newest).get_by_role("navigation", "Sort questions")
    assert current.one('[aria-current="true"]').text == "Newest"


def test_an_unknown_sort_falls_back_to_latest_activity(client, thread):
    response = client.get(_tag_url(query="?sort=sideways"))
    assert response.status_code == 200
    assert response.context["sort"] == "active"


def test_pinned_questions_are_not_pinned_on_a_tag_page(client, forum, user, staff):
    pinned = _ask(forum, user, "Pinned in its own forum", hours_ago=5)
    services.set_thread_flags(moderator=staff, thread=pinned, is_pinned=True)
    recent = _ask(forum, user, "Asked more recently")

    response = client.get(_tag_url())

    assert _titles(response) == [recent.title, pinned.title]
    assert parse(response).select(".tag-pill.pinned") == []


def test_pages_of_twenty_five(client, forum, user):
    for n in range(27):
        _ask(forum, user, f"Question number {n:02} about twitching", hours_ago=n)

    first = client.get(_tag_url())
    second = client.get(_tag_url(query="?sort=active&page=2"))

    assert len(_titles(first)) == 25
    assert _titles(second) == [
        "Question number 25 about twitching",
        "Question number 26 about twitching",
    ]
    pages = parse(first).get_by_role("navigation", "Question pages")
    assert pages.get_by_role("link", "Next")["href"] == "?sort=active&page=2"
    assert "27 questions" in parse(first).one(".tag-summary").text


@pytest.mark.parametrize("count", [3, 30])
def test_a_tag_page_costs_a_fixed_number_of_queries(
    client, forum, sleep, count, django_assert_num_queries
):
    authors = UserFactory.create_batch(3)
    for n in range(count):
        _ask(
            (forum, sleep)[n % 2],
            authors[n % 3],
            f"Question number {n} about nerves",
            tags=("twitching", f"topic {n % 4}"),
        )
    # The tag; the count; the page's ids from the index; those threads with
    # authors and forums joined; their tags; the popular tags; the sidebar.
    with django_assert_num_queries(7):
        response = client.get(_tag_url())
    assert response.status_code == 200


def test_thread_page_links_its_tags_to_their_pages(client, thread):
    page = parse(client.get(thread.get_absolute_url()))
    topics = page.get_by_role("list", "Topics")
    assert topics.get_by_role("link", "twitching")["href"] == _tag_url()


def test_forum_list_rows_link_their_tags_to_their_pages(client, thread):
    page = parse(client.get(thread.forum.get_absolute_url()))
    row = page.one(".thread-row")
    topics = row.get_by_role("list", "Topics")
    assert topics.get_by_role("link", "twitching")["href"] == _tag_url()


def test_the_forum_tag_filter_still_works_and_points_to_the_tag_page(
    client, forum, sleep, user
):
    here = _ask(forum, user, "Twitching question in this forum")
    _ask(sleep, user, "Twitching question in another forum")
    _ask(forum, user, "Another question in this forum", tags=())

    response = client.get(forum.get_absolute_url() + "?tag=Twitching")

    assert response.status_code == 200
    assert _titles(response) == [here.title]
    note = parse(response).one(".filter-note")
    link = note.get_by_role("link", "see this topic in every forum")
    assert link["href"] == _tag_url()


def test_the_forum_tag_filter_with_an_unknown_tag_lists_nothing(client, thread):
    response = client.get(thread.forum.get_absolute_url() + "?tag=nothing-like-it")
    assert response.status_code == 200
    assert _titles(response) == []
    assert parse(response).one(".filter-note").select("a")[-1].text == "Show all"
