"""The popular topics on the forum index and tag pages, kept right by writes."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum import services
from forum.tags import POPULAR_TAGS_SHOWN, popular_tags
from tests.factories import ResourceFactory, UserFactory
from tests.html import parse

INDEX_URL = reverse("forum:index")


def _ask(forum, author, *tags, title="A question about my symptoms"):
    return services.post_thread(
        author=author,
        forum=forum,
        title=title,
        body="A question body that is long enough.",
        tags=list(tags),
    )


def _popular(client, url=INDEX_URL) -> list[str]:
    """Return the popular topics as a reader hears them: name and count."""
    block = parse(client.get(url)).select(".popular-tags")
    if not block:
        return []
    return [link.name for link in block[0].by_role("link")]


def test_the_index_shows_the_most_used_tags_with_counts(client, forum, user):
    _ask(forum, user, "migraine", "sleep")
    _ask(forum, user, "migraine")
    _ask(forum, user, "migraine", "aura")
    _ask(forum, user, "sleep")

    assert _popular(client) == [
        "migraine 3 questions",
        "sleep 2 questions",
        "aura 1 question",
    ]
    block = parse(client.get(INDEX_URL)).one(".popular-tags")
    assert block.get_by_role("heading", "Popular topics")
    link = block.get_by_role("link", "migraine 3 questions")
    assert link["href"] == reverse("forum:tag", kwargs={"slug": "migraine"})


def test_only_visible_questions_count(client, forum, user, staff):
    _ask(forum, user, "migraine")
    removed = _ask(forum, user, "migraine", "vertigo")
    services.remove_thread(moderator=staff, thread=removed)
    # Articles carry tags too; they are not questions.
    ResourceFactory(tags=["vertigo", "migraine"])

    assert _popular(client) == ["migraine 1 question"]


def test_no_block_without_tags(client, forum, user):
    _ask(forum, user)
    assert parse(client.get(INDEX_URL)).select(".popular-tags") == []


def test_at_most_fifteen_most_used_first_then_by_name(db, forum, user):
    for n in range(POPULAR_TAGS_SHOWN + 3):
        _ask(forum, user, f"topic {n:02}", *(["common"] if n < 5 else []))

    names = [(tag.name, tag.thread_count) for tag in popular_tags()]

    assert len(names) == POPULAR_TAGS_SHOWN
    assert names[:3] == [("common", 5), ("topic-00", 1), ("topic-01", 1)]


@pytest.mark.parametrize("count", [2, 20])
def test_one_grouped_query_whatever_the_number_of_tags(db, forum, user, count):
    for n in range(count):
        _ask(forum, user, f"topic {n}", "shared")
    with CaptureQueriesContext(connection) as queries:
        popular_tags()
    assert len(queries) == 1


def test_the_tag_page_shows_them_and_marks_its_own(client, forum, user):
    _ask(forum, user, "migraine")
    _ask(forum, user, "migraine", "aura")

    page = parse(client.get(reverse("forum:tag", kwargs={"slug": "aura"})))

    block = page.one(".popular-tags")
    assert [link.name for link in block.by_role("link")] == [
        "migraine 2 questions",
        "aura 1 question",
    ]
    assert block.one('[aria-current="page"]').name == "aura 1 question"


def test_stored_pages_follow_posting_removing_and_restoring(client, forum, user, staff):
    first = _ask(forum, user, "migraine")
    tag_url = reverse("forum:tag", kwargs={"slug": "migraine"})
    assert _popular(client) == ["migraine 1 question"]
    assert _popular(client, tag_url) == ["migraine 1 question"]

    second = _ask(forum, user, "migraine")
    assert _popular(client) == ["migraine 2 questions"]
    assert _popular(client, tag_url) == ["migraine 2 questions"]

    services.remove_thread(moderator=staff, thread=first)
    assert _popular(client) == ["migraine 1 question"]

    services.restore_thread(moderator=staff, thread=first)
    assert _popular(client) == ["migraine 2 questions"]

    services.delete_own_thread(author=user, thread=second)
    assert _popular(client) == ["migraine 1 question"]
    assert _popular(client, tag_url) == ["migraine 1 question"]
    # Stored again, and served from the cache until the next change.
    assert client.get(tag_url)["X-Page-Cache"] == "hit"


def test_stored_pages_follow_reports_that_hide_a_question(client, forum, user):
    thread = _ask(forum, user, "migraine")
    assert _popular(client) == ["migraine 1 question"]

    for reporter in UserFactory.create_batch(3):
        services.report_post(reporter=reporter, post=thread, reason="misinformation")

    assert _popular(client) == []


def _counts_tags(captured) -> bool:
    return any("COUNT(" in q["sql"] and "taggit_tag" in q["sql"] for q in captured)


def test_the_count_is_kept_until_the_lists_change(forum, user):
    # A member's page is rendered every time: the grouped count over every
    # tagged thread runs once, then again only after a write to the lists.
    _ask(forum, user, "migraine")
    member = UserFactory()
    reader = Client()
    reader.force_login(member)
    reader.get(INDEX_URL)
    with CaptureQueriesContext(connection) as again:
        reader.get(INDEX_URL)
    _ask(forum, user, "sleep")
    with CaptureQueriesContext(connection) as after_a_question:
        response = reader.get(INDEX_URL)

    assert not _counts_tags(again.captured_queries)
    assert _counts_tags(after_a_question.captured_queries)
    assert "sleep 1 question" in [
        link.name for link in parse(response).one(".popular-tags").by_role("link")
    ]
