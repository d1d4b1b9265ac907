"""Atom feeds: a forum's and a topic's new questions, a question's responses."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import services
from forum.models import Thread
from privacy import services as privacy_services
from tests.factories import ForumFactory, UserFactory
from tests.html import parse

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
LINK = "Have a look at https://cures.example/now for the answer."


def _feed(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def _titles(feed: ET.Element) -> list[str]:
    return [entry.findtext("atom:title", namespaces=ATOM) for entry in _entries(feed)]


def _entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall("atom:entry", ATOM)


def _authors(feed: ET.Element) -> set[str]:
    return {
        entry.findtext("atom:author/atom:name", namespaces=ATOM)
        for entry in _entries(feed)
    }


@pytest.fixture
def newcomer(db):
    # A member in their first day: their posts with links wait for staff.
    return UserFactory(username="newcomer", date_joined=timezone.now())


def _ask(author, forum, title, **kwargs) -> Thread:
    body = kwargs.pop("body", "Nothing else to add for now, thank you.")
    return services.post_thread(
        author=author, forum=forum, title=title, body=body, **kwargs
    )


# --- A forum's new questions. ----------------------------------------------


def test_forum_feed_lists_its_visible_questions_newest_first(
    client, forum, user, other_user, staff, newcomer
):
    first = _ask(user, forum, "Eyelid twitching for three weeks")
    _ask(other_user, forum, "Numb toes after long walks")
    removed = _ask(other_user, forum, "Spam about miracle pills")
    services.remove_thread(moderator=staff, thread=removed)
    held = _ask(newcomer, forum, "A cure I found online", body=LINK)
    assert held.held_for == "links"
    _ask(user, ForumFactory(name="Sleep", slug="sleep"), "Waking at four each day")

    feed = _feed(client.get(reverse("forum:forum-feed", args=[forum.slug])))

    assert feed.findtext("atom:title", namespaces=ATOM) == (
        "New questions in the Neurology Forum · Health Forum"
    )
    assert _titles(feed) == [
        "Numb toes after long walks",
        "Eyelid twitching for three weeks",
    ]
    entry = _entries(feed)[-1]
    link = entry.find("atom:link", ATOM).get("href")
    assert link == "http://127.0.0.1:8000" + first.get_absolute_url()
    summary = entry.findtext("atom:summary", namespaces=ATOM)
    assert summary == first.body_html


def test_forum_feed_of_an_unknown_forum_is_not_found(client, db):
    assert client.get(reverse("forum:forum-feed", args=["nowhere"])).status_code == 404


def test_feeds_name_authors_as_the_site_does_and_never_their_addresses(
    client, forum, user, other_user
):
    _ask(user, forum, "Eyelid twitching for three weeks")
    _ask(other_user, forum, "Numb toes after long walks")
    privacy_services.delete_account(member=other_user, remove_posts=False)

    response = client.get(reverse("forum:forum-feed", args=[forum.slug]))

    assert _authors(_feed(response)) == {"anxious_reader", "A former member"}
    assert b"helpful_neighbour" not in response.content
    assert b"@example.com" not in response.content
    assert b"<email>" not in response.content


# --- A topic's new questions. ----------------------------------------------


def test_tag_feed_lists_visible_questions_with_the_tag_from_every_forum(
    client, forum, user, staff, newcomer
):
    sleep = ForumFactory(name="Sleep", slug="sleep")
    _ask(user, forum, "Eyelid twitching for three weeks", tags=["twitching"])
    _ask(user, sleep, "Legs twitch as I fall asleep", tags=["twitching"])
    _ask(user, forum, "Headache behind one eye", tags=["headache"])
    removed = _ask(user, forum, "Twitching thumb after typing", tags=["twitching"])
    services.remove_thread(moderator=staff, thread=removed)
    _ask(newcomer, forum, "Twitching cured here", body=LINK, tags=["twitching"])

    feed = _feed(client.get(reverse("forum:tag-feed", args=["twitching"])))

    assert _titles(feed) == [
        "Legs twitch as I fall asleep",
        "Eyelid twitching for three weeks",
    ]
    alternate = feed.find("atom:link[@rel='alternate']", ATOM).get("href")
    assert alternate == "http://127.0.0.1:8000" + reverse(
        "forum:tag", args=["twitching"]
    )


def test_tag_feed_of_an_unknown_tag_is_not_found(client, db):
    assert client.get(reverse("forum:tag-feed", args=["no-such"])).status_code == 404


# --- A question's responses. -----------------------------------------------


def test_thread_feed_lists_visible_responses_newest_first(
    client, thread, other_user, staff, newcomer
):
    first = services.post_reply(
        author=other_user, thread=thread, body="Mine stopped once I slept more."
    )
    services.post_reply(author=staff, thread=thread, body="Less coffee helped me.")
    removed = services.post_reply(
        author=other_user, thread=thread, body="Buy my pills, they cure all."
    )
    services.remove_reply(moderator=staff, reply=removed)
    held = services.post_reply(author=newcomer, thread=thread, body=LINK)
    assert held.held_for == "links"

    response = client.get(reverse("forum:thread-feed", args=[thread.pk, thread.slug]))

    feed = _feed(response)
    summaries = [
        entry.findtext("atom:summary", namespaces=ATOM) for entry in _entries(feed)
    ]
    assert summaries == [
        "<p>Less coffee helped me.</p>\n",
        "<p>Mine stopped once I slept more.</p>\n",
    ]
    assert _authors(feed) == {"moderator", "helpful_neighbour"}
    link = _entries(feed)[-1].find("atom:link", ATOM).get("href")
    assert link == "http://127.0.0.1:8000" + first.get_absolute_url()
    assert b"cures.example" not in response.content
    assert b"pills" not in response.content


def test_thread_feed_of_a_removed_or_held_question_is_not_found(
    client, forum, thread, staff, newcomer
):
    held = _ask(newcomer, forum, "A cure I found online", body=LINK)
    services.remove_thread(moderator=staff, thread=thread)

    for gone in (thread, held):
        url = reverse("forum:thread-feed", args=[gone.pk, gone.slug])
        assert client.get(url).status_code == 404


def test_thread_feed_at_an_old_title_moves_permanently_with_the_question(
    client, thread, user
):
    old = reverse("forum:thread-feed", args=[thread.pk, thread.slug])
    thread = services.edit_thread(
        editor=user,
        thread=thread,
        title="Eyelid twitching for a month now",
        body=thread.body,
    )

    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == "http://127.0.0.1:8000" + reverse(
        "forum:thread-feed", args=[thread.pk, "eyelid-twitching-for-a-month-now"]
    )


def test_entry_ids_stay_the_same_when_a_title_changes(client, thread, user):
    url = reverse("forum:forum-feed", args=[thread.forum.slug])
    before = _feed(client.get(url)).findtext("atom:entry/atom:id", namespaces=ATOM)
    services.edit_thread(
        editor=user, thread=thread, title="Eyelid twitching, a month on", body="Still."
    )
    after = _feed(client.get(url)).findtext("atom:entry/atom:id", namespaces=ATOM)
    assert before == after == f"tag:127.0.0.1,2026:question/{thread.pk}"


# --- What they cost, and where pages name them. ----------------------------


@pytest.mark.parametrize("count", [2, 12])
def test_each_feed_costs_two_queries_however_long(
    client, forum, user, other_user, count, django_assert_num_queries
):
    for n in range(count):
        thread = _ask(
            UserFactory(), forum, f"Question number {n} about twitching", tags=["tw"]
        )
    for n in range(count):
        services.post_reply(author=UserFactory(), thread=thread, body=f"Reply {n}.")
    urls = [
        reverse("forum:forum-feed", args=[forum.slug]),
        reverse("forum:tag-feed", args=["tw"]),
        reverse("forum:thread-feed", args=[thread.pk, thread.slug]),
    ]
    for url in urls:
        # The forum, tag or question; then its entries with their authors.
        with django_assert_num_queries(2):
            feed = _feed(client.get(url))
        assert len(_entries(feed)) == count


def test_pages_name_their_feeds(client, thread):
    pages = {
        thread.forum.get_absolute_url(): reverse(
            "forum:forum-feed", args=[thread.forum.slug]
        ),
        reverse("forum:tag", args=["twitching"]): reverse(
            "forum:tag-feed", args=["twitching"]
        ),
        thread.get_absolute_url(): reverse(
            "forum:thread-feed", args=[thread.pk, thread.slug]
        ),
    }
    for page, feed in pages.items():
        links = parse(client.get(page)).select(
            'link[rel="alternate"][type="application/atom+xml"]'
        )
        assert [link["href"] for link in links] == [feed], page
        assert links[0]["title"]
        assert client.get(feed).status_code == 200
