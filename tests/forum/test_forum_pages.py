"""The forum index, a forum's question list and a member's page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import services
from forum.models import Thread
from tests.factories import ForumFactory, UserFactory
from tests.html import parse

INDEX_URL = reverse("forum:index")


def _ask(forum, author, title, *, hours_ago=0):
    thread = services.post_thread(
        author=author, forum=forum, title=title, body="A question body long enough."
    )
    at = timezone.now() - timedelta(hours=hours_ago)
    Thread.objects.filter(pk=thread.pk).update(created_at=at, last_activity_at=at)
    thread.refresh_from_db()
    return thread


def _titles(response):
    return [thread.title for thread in response.context["threads"]]


def _current_page(response, label):
    """Return the text of the current page in the pagination named label."""
    pages = parse(response).get_by_role("navigation", label)
    return pages.one('[aria-current="page"]').text


@pytest.mark.parametrize("who", ["anonymous", "member", "staff"])
def test_every_page_answers_everyone(client, who, user, staff, thread, reply):
    if who != "anonymous":
        client.force_login(user if who == "member" else staff)
    urls = [
        INDEX_URL,
        thread.forum.get_absolute_url(),
        thread.forum.get_absolute_url() + "?sort=newest",
        thread.forum.get_absolute_url() + "?sort=unanswered",
        thread.get_absolute_url(),
        user.get_absolute_url(),
        user.get_absolute_url() + "?tab=threads",
    ]
    if who == "anonymous":
        urls += [reverse("account_login"), reverse("account_signup")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url


def test_index_lists_forums_in_order_with_counts(client, user):
    neurology = ForumFactory(name="Neurology", slug="neurology", position=0)
    ForumFactory(name="Sleep", slug="sleep", position=1)
    _ask(neurology, user, "Hands shake when I hold a cup")
    response = client.get(INDEX_URL)
    assert [f.name for f in response.context["forums"]] == ["Neurology", "Sleep"]
    cards = parse(response).select(".forum-list .forum-card")
    assert [card.one("h2").text for card in cards] == ["Neurology", "Sleep"]
    link = cards[0].get_by_role("link", "Neurology")
    assert link["href"] == neurology.get_absolute_url()
    counts = [card.one(".meta").text for card in cards]
    assert counts[0].startswith("1 question · 0 replies · Last activity ")
    assert counts[1] == "0 questions · 0 replies"


def test_forum_lists_pinned_first_then_latest_activity(client, forum, user, staff):
    old = _ask(forum, user, "An old question from last week", hours_ago=150)
    recent = _ask(forum, user, "A question from this morning", hours_ago=2)
    pinned = _ask(forum, user, "Please read: how this forum works", hours_ago=500)
    services.set_thread_flags(moderator=staff, thread=pinned, is_pinned=True)
    services.post_reply(author=UserFactory(), thread=old, body="Bumping with a reply")
    response = client.get(forum.get_absolute_url())
    assert _titles(response) == [pinned.title, old.title, recent.title]
    rows = parse(response).select(".thread-list .thread-row")
    assert [row.one("h2").text for row in rows] == [
        f"Pinned {pinned.title}",
        old.title,
        recent.title,
    ]


def test_newest_sort_ignores_pins_and_activity(client, forum, user, staff):
    old = _ask(forum, user, "An old question from last week", hours_ago=150)
    recent = _ask(forum, user, "A question from this morning", hours_ago=2)
    services.set_thread_flags(moderator=staff, thread=old, is_pinned=True)
    response = client.get(forum.get_absolute_url() + "?sort=newest")
    assert _titles(response) == [recent.title, old.title]


def test_unanswered_shows_only_threads_without_replies(client, forum, user):
    answered = _ask(forum, user, "Answered question about tingling")
    waiting = _ask(forum, user, "Nobody has answered this one yet")
    services.post_reply(author=UserFactory(), thread=answered, body="An answer.")
    response = client.get(forum.get_absolute_url() + "?sort=unanswered")
    assert _titles(response) == [waiting.title]


def test_removed_threads_are_not_listed(client, forum, user, staff):
    gone = _ask(forum, user, "A thread staff removed for spam")
    services.remove_thread(moderator=staff, thread=gone)
    response = client.get(forum.get_absolute_url())
    assert _titles(response) == []
    page = parse(response)
    assert page.select(".thread-list") == []
    assert page.one("main .empty").text == "No questions yet. Be the first to ask."


def test_tag_filter(client, forum, user):
    tagged = services.post_thread(
        author=user,
        forum=forum,
        title="Tagged question here",
        body="Body " * 5,
        tags=["migraine"],
    )
    _ask(forum, user, "Untagged question here")
    response = client.get(forum.get_absolute_url() + "?tag=Migraine")
    assert _titles(response) == [tagged.title]


def test_forum_list_paginates_and_keeps_the_sort(client, forum, user):
    for n in range(27):
        _ask(forum, user, f"Question number {n:02d} in the list", hours_ago=n)
    response = client.get(forum.get_absolute_url() + "?sort=newest&page=2")
    assert _titles(response) == [
        "Question number 25 in the list",
        "Question number 26 in the list",
    ]
    assert _current_page(response, "Question pages") == "Page 2 of 2"
    pages = parse(response).get_by_role("navigation", "Question pages")
    assert pages.get_by_role("link", "Previous")["href"] == "?sort=newest&page=1"
    assert pages.by_role("link", "Next") == []


def test_a_deep_page_keeps_the_order_of_the_list(client, forum, user, staff):
    threads = [
        _ask(forum, user, f"Question number {n:02d} in the list", hours_ago=n)
        for n in range(60)
    ]
    services.set_thread_flags(moderator=staff, thread=threads[-1], is_pinned=True)
    # Page 1: the pinned question, then 0-23; page 2: 24-48; page 3: 49-58.
    response = client.get(forum.get_absolute_url() + "?page=3")
    assert _titles(response) == [
        f"Question number {n:02d} in the list" for n in range(49, 59)
    ]
    assert _current_page(response, "Question pages") == "Page 3 of 3"


def test_out_of_range_page_shows_the_last_page(client, forum, user):
    _ask(forum, user, "Only question in the forum")
    response = client.get(forum.get_absolute_url() + "?page=99")
    assert response.status_code == 200
    assert _titles(response) == ["Only question in the forum"]


def test_nonexistent_forum_is_404(client, db):
    url = reverse("forum:forum-detail", kwargs={"slug": "no-such-forum"})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_forum_page_costs_a_fixed_number_of_queries(
    client, forum, count, django_assert_num_queries
):
    authors = UserFactory.create_batch(3)
    for n in range(count):
        _ask(forum, authors[n % 3], f"Question number {n} about nerves")
    # The forum, the page's ids from the index, those threads with authors
    # joined (the count comes from the forum's stored counter), their tags,
    # and the sidebar on a cold cache.
    with django_assert_num_queries(5):
        client.get(forum.get_absolute_url())


@pytest.mark.parametrize("count", [2, 12])
def test_index_costs_two_queries_on_a_cold_cache(
    client, db, count, django_assert_num_queries
):
    ForumFactory.create_batch(count)
    # The forums, the popular tags and the sidebar.
    with django_assert_num_queries(3):
        client.get(INDEX_URL)


def test_member_page_shows_activity_and_counts(client, thread, reply, user, other_user):
    services.cast_helpful_vote(voter=user, reply=reply, is_helpful=True)
    response = client.get(other_user.get_absolute_url())
    assert response.context["stats"] == {"threads": 0, "replies": 1, "helpful": 1}
    (item,) = parse(response).one(".activity-list").children
    link = item.get_by_role("link", "Re: Eyelid twitching for three weeks")
    assert link["href"] == reply.get_absolute_url()
    assert item.one(".meta").text.endswith("Helpful – 1")
    questions = parse(client.get(user.get_absolute_url() + "?tab=threads"))
    (item,) = questions.one(".activity-list").children
    link = item.get_by_role("link", "Eyelid twitching for three weeks")
    assert link["href"] == thread.get_absolute_url()


def test_member_page_hides_removed_posts(client, reply, other_user, staff):
    services.remove_reply(moderator=staff, reply=reply)
    response = client.get(other_user.get_absolute_url())
    assert response.context["stats"]["replies"] == 0
    page = parse(response)
    assert page.select(".activity-list") == []
    assert page.one("main .empty").text == "No replies yet."


def test_unknown_or_deactivated_member_is_404(client, db):
    ghost = UserFactory(is_active=False)
    assert client.get(ghost.get_absolute_url()).status_code == 404
    url = reverse("forum:member-detail", kwargs={"username": "nobody_here"})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("count", [2, 25])
def test_member_page_costs_a_fixed_number_of_queries(
    client, forum, other_user, count, django_assert_num_queries
):
    thread = _ask(forum, UserFactory(), "A question to reply to")
    for n in range(count):
        services.post_reply(author=other_user, thread=thread, body=f"Reply {n}")
    # The member (with their stored counters), the page's ids, those
    # replies, and the sidebar on a cold cache.
    with django_assert_num_queries(4):
        client.get(other_user.get_absolute_url())


def test_anonymous_get_writes_nothing(
    client, thread, reply, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        for url in [
            INDEX_URL,
            thread.forum.get_absolute_url(),
            thread.get_absolute_url(),
        ]:
            client.get(url)
    writes = [
        q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")
    ]
    assert writes == []
