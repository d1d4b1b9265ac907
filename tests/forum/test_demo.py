"""The demo community that `make run` loads."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Q, Sum

from accounts.models import User
from forum.models import Forum, HelpfulVote, Reply, Thread


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_demo_has_neurology_first_and_enough_conversation(seeded):
    forums = list(Forum.objects.all())
    assert forums[0].slug == "neurology"
    assert len(forums) >= 5
    assert Thread.objects.count() >= 30
    assert Thread.objects.filter(reply_count__gt=100).exists()
    assert Thread.objects.filter(reply_count=0).exists()
    assert Thread.objects.filter(is_locked=True).exists()
    assert User.objects.filter(is_staff=True, username="staff").exists()


def test_demo_counters_equal_a_recount(seeded):
    for thread in Thread.objects.annotate(
        visible_replies=Count("replies", filter=Q(replies__removed_at__isnull=True)),
        helpful_votes=Sum("replies__helpful_count", default=0),
    ):
        assert thread.reply_count == thread.visible_replies
        assert thread.helpful_count == thread.helpful_votes
    for reply in Reply.objects.annotate(
        yes=Count("votes", filter=Q(votes__is_helpful=True)),
        no=Count("votes", filter=Q(votes__is_helpful=False)),
    ):
        assert (reply.helpful_count, reply.not_helpful_count) == (reply.yes, reply.no)
    for forum in Forum.objects.all():
        assert forum.thread_count == forum.threads.visible().count()
        assert forum.reply_count == Reply.objects.filter(thread__forum=forum).count()


def test_demo_is_idempotent(seeded):
    before = (
        User.objects.count(),
        Thread.objects.count(),
        Reply.objects.count(),
        HelpfulVote.objects.count(),
    )
    call_command("seed_demo", stdout=io.StringIO())
    after = (
        User.objects.count(),
        Thread.objects.count(),
        Reply.objects.count(),
        HelpfulVote.objects.count(),
    )
    assert before == after


def test_demo_members_can_log_in(seeded, client):
    from accounts.demo import DEMO_PASSWORD

    response = client.post(
        "/accounts/login/", {"login": "staff@example.com", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"].username == "staff"


def test_demo_authors_never_vote_on_their_own_replies(seeded):
    from django.db.models import F

    assert not HelpfulVote.objects.filter(voter=F("reply__author")).exists()
