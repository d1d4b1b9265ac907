"""Telling followers costs the same queries whether one follows or thirty."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from forum import services
from notifications.models import Notification
from tests.factories import FollowFactory, ForumFactory, UserFactory


def followers(count: int, **target) -> None:
    for n in range(count):
        member = UserFactory(username=f"follower_{n}")
        FollowFactory(member=member, **target)


def ask(forum, author, title):
    return services.post_thread(
        author=author, forum=forum, title=title, body="It started last month."
    )


def post_reply(thread, author) -> tuple[int, int]:
    """Post a reply; return the queries it took and the notifications written."""
    with CaptureQueriesContext(connection) as queries:
        reply = services.post_reply(
            author=author, thread=thread, body="Keep a diary of when it happens."
        )
    return len(queries), Notification.objects.filter(reply=reply).count()


def test_posting_a_reply_costs_the_same_with_1_or_30_followers(forum, user, other_user):
    quiet = ask(forum, user, "Tingling in both feet")
    busy = ask(forum, user, "Pins and needles in my hands")
    followers(1, thread=quiet)
    followers(30, thread=busy)
    # The warm-up reply makes other_user's counters row and follow.
    services.post_reply(author=other_user, thread=quiet, body="Same here.")
    services.post_reply(author=other_user, thread=busy, body="Same here.")

    quiet_queries, quiet_told = post_reply(quiet, other_user)
    busy_queries, busy_told = post_reply(busy, other_user)

    # Each follower and the asker hear; the replier does not.
    assert (quiet_told, busy_told) == (2, 31)
    assert quiet_queries == busy_queries


def post_thread(forum, author, tag) -> tuple[int, int]:
    """Ask a question; return the queries it took and the notifications written."""
    with CaptureQueriesContext(connection) as queries:
        thread = services.post_thread(
            author=author,
            forum=forum,
            title="A tremor in my right hand",
            body="My right hand shakes when I hold a cup.",
            tags=[tag.name],
        )
    return len(queries), Notification.objects.filter(thread=thread).count()


def test_asking_costs_the_same_with_1_or_60_followers(forum, user):
    cardiology = ForumFactory(name="Cardiology", slug="cardiology")
    tremor = Tag.objects.create(name="tremor", slug="tremor")
    palpitations = Tag.objects.create(name="palpitations", slug="palpitations")
    followers(1, thread=None, forum=forum)
    followers(30, thread=None, forum=cardiology)
    for n in range(30):
        member = UserFactory(username=f"tag_follower_{n}")
        FollowFactory(member=member, thread=None, tag=palpitations)
    # The warm-up question makes user's counters row and caches the
    # content type that tagging looks up.
    services.post_thread(
        author=user, forum=forum, title="Headaches", body="Daily.", tags=["warm"]
    )

    quiet_queries, quiet_told = post_thread(forum, user, tremor)
    busy_queries, busy_told = post_thread(cardiology, user, palpitations)

    assert (quiet_told, busy_told) == (1, 60)
    assert quiet_queries == busy_queries


def test_later_helpful_votes_cost_a_fixed_number_of_queries(reply):
    costs = []
    for n in range(3):
        voter = UserFactory(username=f"voter_{n}")
        with CaptureQueriesContext(connection) as queries:
            services.cast_helpful_vote(voter=voter, reply=reply, is_helpful=True)
        costs.append(len(queries))
    # The first vote of the day makes the batch; the others count into it.
    assert costs[1] == costs[2] <= costs[0]
