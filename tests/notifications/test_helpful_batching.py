"""A reply's author hears of helpful votes at most once a reply a day."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db.models import QuerySet
from django.utils import timezone

from forum import services
from forum.models import HelpfulVote, Reply
from forum.signals import helpful_vote_cast
from notifications import fanout
from notifications.models import Kind, Notification
from tests.factories import UserFactory


def helpful_told(member) -> list[tuple]:
    """The helpful-vote notifications member sees: reply, count, unread."""
    return [
        (n.reply_id, n.count, n.is_unread)
        for n in Notification.objects.filter(recipient=member, kind=Kind.HELPFUL)
    ]


def vote(reply, voter, is_helpful=True):
    return services.cast_helpful_vote(voter=voter, reply=reply, is_helpful=is_helpful)


@pytest.fixture
def voters(db):
    return [UserFactory(username=f"grateful_{n}") for n in range(3)]


def test_three_votes_in_a_day_make_one_notification_counting_three(
    reply, other_user, voters
):
    for voter in voters:
        vote(reply, voter)
    assert helpful_told(other_user) == [(reply.pk, 3, True)]


def test_the_first_vote_names_no_voter(reply, other_user, voters):
    vote(reply, voters[0])
    notification = Notification.objects.get(recipient=other_user, kind=Kind.HELPFUL)
    assert notification.actor is None
    assert notification.thread_id == reply.thread_id
    assert notification.day == timezone.localdate()


def test_a_vote_after_reading_marks_it_unread_and_brings_it_to_the_top(
    reply, thread, user, other_user, voters
):
    vote(reply, voters[0])
    helpful = Notification.objects.get(recipient=other_user, kind=Kind.HELPFUL)
    Notification.objects.filter(pk=helpful.pk).update(
        read_at=timezone.now(), created_at=timezone.now() - timedelta(hours=2)
    )
    # Something newer arrives meanwhile: user replies to the thread other_user follows.
    services.post_reply(author=user, thread=thread, body="Thank you, it helped.")
    assert Notification.objects.filter(recipient=other_user).first().kind == Kind.REPLY

    vote(reply, voters[1])

    assert helpful_told(other_user) == [(reply.pk, 2, True)]
    assert Notification.objects.filter(recipient=other_user).first().pk == helpful.pk


def test_the_next_day_makes_a_new_notification(reply, other_user, voters, monkeypatch):
    vote(reply, voters[0])
    vote(reply, voters[1])
    tomorrow = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(
        fanout,
        "timezone",
        SimpleNamespace(now=lambda: tomorrow, localdate=timezone.localdate),
    )
    vote(reply, voters[2])
    assert helpful_told(other_user) == [(reply.pk, 1, True), (reply.pk, 2, True)]
    assert list(
        Notification.objects.filter(recipient=other_user).values_list("day", flat=True)
    ) == [timezone.localdate(tomorrow), timezone.localdate()]


def test_each_reply_has_its_own_batch(thread, reply, other_user, voters):
    second = services.post_reply(
        author=other_user, thread=thread, body="Magnesium helped me too."
    )
    vote(reply, voters[0])
    vote(second, voters[0])
    vote(second, voters[1])
    assert sorted(helpful_told(other_user)) == sorted(
        [(reply.pk, 1, True), (second.pk, 2, True)]
    )


def test_changing_a_vote_to_helpful_counts(reply, other_user, voters):
    vote(reply, voters[0], is_helpful=False)
    assert helpful_told(other_user) == []
    vote(reply, voters[0], is_helpful=True)
    assert helpful_told(other_user) == [(reply.pk, 1, True)]


def test_the_same_verdict_twice_counts_once(reply, other_user, voters):
    vote(reply, voters[0])
    vote(reply, voters[0])
    assert helpful_told(other_user) == [(reply.pk, 1, True)]


def test_not_helpful_tells_nobody(reply, other_user, voters):
    for voter in voters:
        vote(reply, voter, is_helpful=False)
    assert helpful_told(other_user) == []


def test_an_inactive_author_is_not_told(reply, other_user, voters):
    other_user.is_active = False
    other_user.save(update_fields=["is_active"])
    vote(reply, voters[0])
    assert helpful_told(other_user) == []


def test_no_notification_for_a_removed_reply(reply, other_user, voters):
    # Services refuse such votes; the rule holds even if one were sent.
    Reply.objects.filter(pk=reply.pk).update(removed_at=timezone.now())
    reply.refresh_from_db()
    ballot = HelpfulVote.objects.create(reply=reply, voter=voters[0], is_helpful=True)
    helpful_vote_cast.send(sender=HelpfulVote, vote=ballot, reply=reply)
    assert helpful_told(other_user) == []


def test_no_notification_for_voting_on_ones_own_reply(reply, other_user):
    # Services forbid it; the fan-out does not rely on that.
    ballot = HelpfulVote.objects.create(reply=reply, voter=other_user, is_helpful=True)
    helpful_vote_cast.send(sender=HelpfulVote, vote=ballot, reply=reply)
    assert helpful_told(other_user) == []


def test_a_vote_racing_the_first_counts_into_its_batch(
    reply, other_user, voters, monkeypatch
):
    """The day's batch appears between the update and the insert."""
    vote(reply, voters[0])
    real_update = QuerySet.update
    missed = []

    def update_missing_once(queryset, **changes):
        if queryset.model is Notification and not missed:
            missed.append(queryset)
            return 0  # As if the other transaction had not yet committed.
        return real_update(queryset, **changes)

    monkeypatch.setattr(QuerySet, "update", update_missing_once)
    vote(reply, voters[1])
    assert missed
    assert helpful_told(other_user) == [(reply.pk, 2, True)]
