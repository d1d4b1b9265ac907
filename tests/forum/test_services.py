import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from forum import services
from forum.models import Forum, HelpfulVote, Reply, Thread
from tests.factories import ForumFactory, UserFactory


def _refresh(*objects):
    for obj in objects:
        obj.refresh_from_db()


# --- post_thread --------------------------------------------------------------


def test_post_thread_counts_it_in_its_forum(forum, user):
    thread = services.post_thread(
        author=user, forum=forum, title="Tingling in both feet", body="Since May."
    )
    forum.refresh_from_db()
    assert forum.thread_count == 1
    assert forum.last_activity_at == thread.last_activity_at
    assert thread.slug == "tingling-in-both-feet"
    assert thread.body_html == "<p>Since May.</p>\n"


def test_post_thread_strips_and_tags(forum, user):
    thread = services.post_thread(
        author=user,
        forum=forum,
        title="  Headache every morning  ",
        body="  It eases by noon.  ",
        tags=["headache", "sleep"],
    )
    assert thread.title == "Headache every morning"
    assert thread.body == "It eases by noon."
    assert sorted(thread.tags.names()) == ["headache", "sleep"]


def test_post_thread_refuses_blank_body(forum, user):
    with pytest.raises(ValidationError):
        services.post_thread(author=user, forum=forum, title="A fair title", body="   ")
    assert not Thread.objects.exists()
    assert Forum.objects.get(pk=forum.pk).thread_count == 0


def test_post_thread_refuses_inactive_member(forum):
    inactive = UserFactory(is_active=False)
    with pytest.raises(PermissionDenied):
        services.post_thread(author=inactive, forum=forum, title="Title", body="Body")


# --- post_reply ---------------------------------------------------------------


def test_post_reply_counts_on_thread_and_forum(thread, other_user):
    reply = services.post_reply(author=other_user, thread=thread, body="Same here.")
    _refresh(thread, thread.forum)
    assert thread.reply_count == 1
    assert thread.forum.reply_count == 1
    assert thread.last_activity_at == reply.created_at
    assert thread.forum.last_activity_at == reply.created_at


def test_reply_to_locked_thread_is_refused(thread, other_user, staff):
    services.set_thread_flags(moderator=staff, thread=thread, is_locked=True)
    with pytest.raises(PermissionDenied):
        services.post_reply(author=other_user, thread=thread, body="Still here?")
    thread.refresh_from_db()
    assert thread.reply_count == 0
    assert not Reply.objects.exists()


def test_reply_to_removed_thread_is_refused(thread, other_user, staff):
    services.remove_thread(moderator=staff, thread=thread)
    with pytest.raises(PermissionDenied):
        services.post_reply(author=other_user, thread=thread, body="Hello?")


def test_reply_with_blank_body_is_refused(thread, other_user):
    with pytest.raises(ValidationError):
        services.post_reply(author=other_user, thread=thread, body=" \n ")
    thread.refresh_from_db()
    assert thread.reply_count == 0


def test_anonymous_cannot_reply(thread):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.post_reply(author=AnonymousUser(), thread=thread, body="Hi")


# --- helpful votes ------------------------------------------------------------


def test_vote_helpful_counts_on_reply_and_thread(reply, user):
    vote = services.cast_helpful_vote(voter=user, reply=reply, is_helpful=True)
    _refresh(reply, reply.thread)
    assert vote.is_helpful is True
    assert reply.helpful_count == 1
    assert reply.not_helpful_count == 0
    assert reply.thread.helpful_count == 1


def test_vote_not_helpful_counts_separately(reply, user):
    services.cast_helpful_vote(voter=user, reply=reply, is_helpful=False)
    _refresh(reply, reply.thread)
    assert reply.helpful_count == 0
    assert reply.not_helpful_count == 1
    assert reply.thread.helpful_count == 0


def test_voting_twice_the_same_way_changes_nothing(reply, user):
    services.cast_helpful_vote(voter=user, reply=reply, is_helpful=True)
    services.cast_helpful_vote(voter=user, reply=reply, is_helpful=True)
    _refresh(reply, reply.thread)
    assert HelpfulVote.objects.count() == 1
    assert reply.helpful_count == 1
    assert reply.thread.helpful_count == 1


def test_changing_a_vote_moves_the_count(reply, user):
    services.cast_helpful_vote(voter=user, reply=reply, is_helpful=True)
    services.cast_helpful_vote(voter=user, reply=reply, is_helpful=False)
    _refresh(reply, reply.thread)
    assert reply.helpful_count == 0
    assert reply.not_helpful_count == 1
    assert reply.thread.helpful_count == 0
    services.cast_helpful_vote(voter=user, reply=reply, is_helpful=True)
    _refresh(reply, reply.thread)
    assert (reply.helpful_count, reply.not_helpful_count) == (1, 0)
    assert reply.thread.helpful_count == 1
    assert HelpfulVote.objects.get().is_helpful is True


def test_withdrawing_a_vote_removes_it_and_its_count(reply, user):
    services.cast_helpful_vote(voter=user, reply=reply, is_helpful=True)
    services.withdraw_helpful_vote(voter=user, reply=reply)
    _refresh(reply, reply.thread)
    assert not HelpfulVote.objects.exists()
    assert reply.helpful_count == 0
    assert reply.thread.helpful_count == 0


def test_withdrawing_a_not_helpful_vote(reply, user):
    services.cast_helpful_vote(voter=user, reply=reply, is_helpful=False)
    services.withdraw_helpful_vote(voter=user, reply=reply)
    reply.refresh_from_db()
    assert reply.not_helpful_count == 0


def test_withdrawing_without_a_vote_changes_nothing(reply, user):
    services.withdraw_helpful_vote(voter=user, reply=reply)
    reply.refresh_from_db()
    assert reply.helpful_count == 0


def test_author_cannot_vote_on_own_reply(reply, other_user):
    with pytest.raises(PermissionDenied):
        services.cast_helpful_vote(voter=other_user, reply=reply, is_helpful=True)
    reply.refresh_from_db()
    assert reply.helpful_count == 0
    assert not HelpfulVote.objects.exists()


def test_cannot_vote_on_locked_thread(reply, user, staff):
    services.set_thread_flags(moderator=staff, thread=reply.thread, is_locked=True)
    reply.thread.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.cast_helpful_vote(voter=user, reply=reply, is_helpful=True)
    with pytest.raises(PermissionDenied):
        services.withdraw_helpful_vote(voter=user, reply=reply)


def test_cannot_vote_on_removed_reply(reply, user, staff):
    reply = services.remove_reply(moderator=staff, reply=reply)
    with pytest.raises(PermissionDenied):
        services.cast_helpful_vote(voter=user, reply=reply, is_helpful=True)


def test_counts_stay_exact_over_many_voters(reply):
    voters = UserFactory.create_batch(7)
    for index, voter in enumerate(voters):
        services.cast_helpful_vote(voter=voter, reply=reply, is_helpful=index % 3 != 0)
    services.cast_helpful_vote(voter=voters[0], reply=reply, is_helpful=True)
    services.withdraw_helpful_vote(voter=voters[1], reply=reply)
    _refresh(reply, reply.thread)
    helpful = HelpfulVote.objects.filter(reply=reply, is_helpful=True).count()
    not_helpful = HelpfulVote.objects.filter(reply=reply, is_helpful=False).count()
    assert (reply.helpful_count, reply.not_helpful_count) == (helpful, not_helpful)
    assert reply.thread.helpful_count == helpful


# --- moderation ---------------------------------------------------------------


def test_removing_and_restoring_a_reply_keeps_counts_exact(reply, user, staff):
    services.cast_helpful_vote(voter=user, reply=reply, is_helpful=True)
    services.remove_reply(moderator=staff, reply=reply)
    thread = Thread.objects.get(pk=reply.thread_id)
    assert (thread.reply_count, thread.helpful_count) == (0, 0)
    assert thread.forum.reply_count == 0
    assert not Reply.objects.visible().exists()

    services.restore_reply(moderator=staff, reply=reply)
    thread.refresh_from_db()
    thread.forum.refresh_from_db()
    assert (thread.reply_count, thread.helpful_count) == (1, 1)
    assert thread.forum.reply_count == 1


def test_removing_twice_counts_once(reply, staff):
    services.remove_reply(moderator=staff, reply=reply)
    services.remove_reply(moderator=staff, reply=reply)
    thread = Thread.objects.get(pk=reply.thread_id)
    assert thread.reply_count == 0


def test_removing_and_restoring_a_thread(reply, staff):
    thread = reply.thread
    services.remove_thread(moderator=staff, thread=thread)
    forum = Forum.objects.get(pk=thread.forum_id)
    assert (forum.thread_count, forum.reply_count) == (0, 0)
    assert not Thread.objects.visible().exists()
    services.restore_thread(moderator=staff, thread=thread)
    forum.refresh_from_db()
    assert (forum.thread_count, forum.reply_count) == (1, 1)
    assert Thread.objects.visible().get() == thread


def test_reply_removed_inside_removed_thread_leaves_forum_count(reply, staff):
    services.remove_thread(moderator=staff, thread=reply.thread)
    services.remove_reply(moderator=staff, reply=reply)
    services.restore_thread(moderator=staff, thread=reply.thread)
    forum = Forum.objects.get(pk=reply.thread.forum_id)
    assert forum.reply_count == 0
    assert forum.thread_count == 1


def test_members_cannot_moderate(thread, reply, user):
    with pytest.raises(PermissionDenied):
        services.remove_thread(moderator=user, thread=thread)
    with pytest.raises(PermissionDenied):
        services.remove_reply(moderator=user, reply=reply)
    with pytest.raises(PermissionDenied):
        services.set_thread_flags(moderator=user, thread=thread, is_pinned=True)
    thread.refresh_from_db()
    assert thread.is_pinned is False
    assert thread.removed_at is None


def test_pin_and_lock(thread, staff):
    services.set_thread_flags(moderator=staff, thread=thread, is_pinned=True)
    services.set_thread_flags(moderator=staff, thread=thread, is_locked=True)
    thread.refresh_from_db()
    assert thread.is_pinned and thread.is_locked
    services.set_thread_flags(
        moderator=staff, thread=thread, is_pinned=False, is_locked=False
    )
    thread.refresh_from_db()
    assert not thread.is_pinned and not thread.is_locked


def test_one_vote_per_reply_is_enforced_by_the_database(reply, user):
    from django.db import IntegrityError, transaction

    HelpfulVote.objects.create(reply=reply, voter=user, is_helpful=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        HelpfulVote.objects.create(reply=reply, voter=user, is_helpful=False)


def test_threads_in_other_forums_are_not_counted(user):
    neurology, sleep = ForumFactory(), ForumFactory()
    services.post_thread(
        author=user, forum=neurology, title="Ten chars!", body="x" * 30
    )
    sleep.refresh_from_db()
    assert sleep.thread_count == 0
