"""Who is told of each event, and who is not, as the rows a member would see."""

import pytest
from django.db import DatabaseError
from django.utils import timezone
from taggit.models import Tag

from accounts import services as accounts_services
from forum import services
from forum.models import Reply, Thread
from forum.signals import reply_posted, thread_posted
from notifications import delivery, fanout, unread
from notifications.models import Follow, Kind, Notification
from tests.factories import (
    FollowFactory,
    ForumFactory,
    ProfessionalCredentialFactory,
    UserFactory,
    verify_professional,
)


def told(member) -> list[tuple]:
    """What member's notifications say, newest first."""
    return list(
        Notification.objects.filter(recipient=member).values_list(
            "kind", "actor__username", "thread__title", "reply__body"
        )
    )


def reply_to(thread, author, body="Try a warm compress before bed."):
    return services.post_reply(author=author, thread=thread, body=body)


@pytest.fixture
def neighbour(db):
    return UserFactory(username="night_owl")


# --- Following by posting. --------------------------------------------------


def test_asking_a_question_follows_it(thread, user):
    assert list(
        Follow.objects.filter(member=user).values_list("thread", flat=True)
    ) == [thread.pk]


def test_replying_follows_the_thread_once(thread, other_user):
    reply_to(thread, other_user)
    reply_to(thread, other_user, body="And cut down on coffee.")
    assert Follow.objects.filter(member=other_user, thread=thread).count() == 1


def test_a_member_who_unfollowed_is_following_again_after_replying(
    thread, user, other_user
):
    Follow.objects.filter(member=user, thread=thread).delete()
    reply_to(thread, user, body="Thanks, I will try that.")
    assert Follow.objects.filter(member=user, thread=thread).exists()


# --- Replies. ---------------------------------------------------------------


def test_the_asker_hears_of_a_reply(thread, user, other_user):
    reply = reply_to(thread, other_user)
    assert told(user) == [(Kind.REPLY, "helpful_neighbour", thread.title, reply.body)]
    notification = Notification.objects.get(recipient=user)
    assert notification.is_unread
    assert notification.reply == reply


def test_every_follower_hears_of_a_reply_but_its_author(
    thread, user, other_user, neighbour
):
    reply_to(thread, other_user)
    FollowFactory(member=neighbour, thread=thread)
    reply = reply_to(thread, user, body="It got better after a week.")
    assert told(other_user) == [
        (Kind.REPLY, "anxious_reader", thread.title, reply.body)
    ]
    assert told(neighbour) == [(Kind.REPLY, "anxious_reader", thread.title, reply.body)]
    # The asker hears of other_user's reply, never of their own.
    assert [row[1] for row in told(user)] == ["helpful_neighbour"]


def test_a_reply_by_a_verified_professional_is_marked(thread, user, staff):
    doctor = UserFactory(username="dr_okafor")
    verify_professional(doctor, staff)
    doctor.refresh_from_db()  # As the doctor's next request loads them.
    reply = reply_to(thread, doctor, body="Usually benign; see a doctor if it spreads.")
    assert told(user) == [
        (Kind.PROFESSIONAL_REPLY, "dr_okafor", thread.title, reply.body)
    ]


def test_an_inactive_follower_is_not_told(thread, user, other_user):
    user.is_active = False
    user.save(update_fields=["is_active"])
    reply_to(thread, other_user)
    assert told(user) == []


def test_a_follower_of_an_unrelated_thread_is_not_told(forum, thread, other_user):
    elsewhere = services.post_thread(
        author=UserFactory(username="elsewhere"),
        forum=forum,
        title="Numb fingers in the morning",
        body="My fingers are numb when I wake up.",
    )
    reply_to(thread, other_user)
    assert told(elsewhere.author) == []


def test_nobody_is_told_of_a_removed_reply(thread, user, other_user):
    reply = Reply.objects.create(
        thread=thread, author=other_user, body="Gone.", removed_at=timezone.now()
    )
    reply_posted.send(sender=Reply, reply=reply)
    assert told(user) == []


def test_nobody_is_told_of_a_reply_in_a_removed_thread(thread, user, other_user):
    Thread.objects.filter(pk=thread.pk).update(removed_at=timezone.now())
    thread.refresh_from_db()
    reply = Reply.objects.create(thread=thread, author=other_user, body="Too late.")
    reply_posted.send(sender=Reply, reply=reply)
    assert told(user) == []


# --- New questions in followed forums and tags. -----------------------------


@pytest.fixture
def twitching(db):
    return Tag.objects.create(name="twitching", slug="twitching")


def ask(forum, author, tags=("twitching",)):
    return services.post_thread(
        author=author,
        forum=forum,
        title="Twitching calf at night",
        body="My calf muscle twitches when I lie down.",
        tags=list(tags),
    )


def test_forum_and_tag_followers_hear_of_a_new_question_once(
    forum, twitching, user, other_user, neighbour
):
    FollowFactory(member=other_user, thread=None, forum=forum)
    FollowFactory(member=neighbour, thread=None, tag=twitching)
    both = UserFactory(username="follows_both")
    FollowFactory(member=both, thread=None, forum=forum)
    FollowFactory(member=both, thread=None, tag=twitching)

    thread = ask(forum, user)

    expected = [(Kind.NEW_THREAD, "anxious_reader", thread.title, None)]
    assert told(other_user) == expected
    assert told(neighbour) == expected
    assert told(both) == expected


def test_the_asker_is_not_told_of_their_own_question(forum, twitching, user):
    FollowFactory(member=user, thread=None, forum=forum)
    FollowFactory(member=user, thread=None, tag=twitching)
    ask(forum, user)
    assert told(user) == []


def test_new_questions_elsewhere_are_not_told(forum, twitching, user, other_user):
    FollowFactory(member=other_user, thread=None, forum=forum)
    FollowFactory(member=other_user, thread=None, tag=twitching)
    ask(ForumFactory(name="Cardiology", slug="cardiology"), user, tags=["palpitations"])
    assert told(other_user) == []


def test_inactive_forum_followers_are_not_told(forum, user, other_user):
    FollowFactory(member=other_user, thread=None, forum=forum)
    other_user.is_active = False
    other_user.save(update_fields=["is_active"])
    ask(forum, user)
    assert told(other_user) == []


def test_nobody_is_told_of_a_removed_question(forum, user, other_user):
    FollowFactory(member=other_user, thread=None, forum=forum)
    thread = Thread.objects.create(
        forum=forum,
        author=user,
        title="Removed before anyone saw it",
        body="Gone.",
        created_at=timezone.now(),
        last_activity_at=timezone.now(),
        removed_at=timezone.now(),
    )
    thread_posted.send(sender=Thread, thread=thread)
    assert told(other_user) == []


# --- Staff decisions on professional applications. --------------------------


@pytest.fixture
def applicant(db):
    return UserFactory(username="nurse_applicant")


def test_an_approved_applicant_is_told(applicant, staff):
    credential = verify_professional(applicant, staff)
    assert list(
        Notification.objects.filter(recipient=applicant).values_list(
            "kind", "credential", "credential__status"
        )
    ) == [(Kind.CREDENTIAL, credential.pk, "approved")]


def test_a_rejected_applicant_is_told(applicant, staff):
    credential = ProfessionalCredentialFactory(user=applicant)
    accounts_services.reject_credential(
        reviewer=staff, credential=credential, reason="The licence was not found."
    )
    assert list(
        Notification.objects.filter(recipient=applicant).values_list(
            "kind", "credential__status"
        )
    ) == [(Kind.CREDENTIAL, "rejected")]


def test_a_revoked_professional_is_told_again(applicant, staff):
    credential = verify_professional(applicant, staff)
    accounts_services.revoke_credential(
        reviewer=staff, credential=credential, reason="The licence has lapsed."
    )
    assert list(
        Notification.objects.filter(recipient=applicant).values_list(
            "kind", "credential__status"
        )
    ) == [(Kind.CREDENTIAL, "revoked"), (Kind.CREDENTIAL, "revoked")]


# --- After the commit, and when something fails. ----------------------------


def test_delivery_and_unread_counts_wait_for_the_commit(
    thread, user, other_user, neighbour, django_capture_on_commit_callbacks
):
    FollowFactory(member=neighbour, thread=thread)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reply = reply_to(thread, other_user)
    written = Notification.objects.filter(reply=reply)
    asked = {callback.func: callback.args for callback in callbacks}
    assert asked[delivery.notifications_created] == (
        sorted(written.values_list("pk", flat=True)),
    )
    assert asked[unread.forget_unread_counts] == (sorted([user.pk, neighbour.pk]),)


def test_the_bell_counts_afresh_once_the_reply_commits(
    thread, user, other_user, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(delivery, "notifications_created", lambda ids: None)
    assert unread.unread_count(user) == 0  # Stored in the cache.
    with django_capture_on_commit_callbacks(execute=True):
        reply_to(thread, other_user)
    assert unread.unread_count(user) == 1


def test_a_failure_of_our_own_does_not_stop_the_reply(
    thread, user, other_user, monkeypatch
):
    def broken(notifications):
        raise RuntimeError("a bug in the fan-out")

    monkeypatch.setattr(fanout, "_tell", broken)
    reply = reply_to(thread, other_user)
    assert Reply.objects.filter(pk=reply.pk).exists()
    assert told(user) == []


def test_a_database_error_undoes_the_reply(thread, user, other_user, monkeypatch):
    def broken(notifications):
        raise DatabaseError("the disk is full")

    monkeypatch.setattr(fanout, "_tell", broken)
    with pytest.raises(DatabaseError):
        reply_to(thread, other_user)
    assert not Reply.objects.filter(thread=thread).exists()
    thread.refresh_from_db()
    assert thread.reply_count == 0
