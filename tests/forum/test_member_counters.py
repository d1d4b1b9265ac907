"""A member's page shows stored counts that every post, vote and removal keeps exact."""

from io import StringIO

import pytest
from django.core.management import call_command

from forum import services
from forum.models import MemberActivity, Reply
from forum.recount import recount_counters
from tests.factories import UserFactory


def _counts(user) -> tuple[int, int, int]:
    activity = MemberActivity.objects.filter(member=user).first() or MemberActivity()
    return activity.thread_count, activity.reply_count, activity.helpful_received


def _all_equal_a_recount() -> bool:
    return recount_counters() == {"replies": 0, "threads": 0, "forums": 0, "members": 0}


@pytest.fixture
def voters(db):
    return UserFactory.create_batch(3)


def test_asking_and_replying_count_for_the_author(thread, user, other_user):
    assert _counts(user) == (1, 0, 0)
    services.post_reply(author=other_user, thread=thread, body="Same here.")
    services.post_reply(author=other_user, thread=thread, body="And again.")
    assert _counts(other_user) == (0, 2, 0)
    assert _all_equal_a_recount()


def test_helpful_votes_count_for_the_replys_author(reply, other_user, voters):
    first, second, third = voters
    services.cast_helpful_vote(voter=first, reply=reply, is_helpful=True)
    services.cast_helpful_vote(voter=second, reply=reply, is_helpful=True)
    services.cast_helpful_vote(voter=third, reply=reply, is_helpful=False)
    assert _counts(other_user) == (0, 1, 2)
    # Changing a verdict and withdrawing one move the count back.
    services.cast_helpful_vote(voter=first, reply=reply, is_helpful=False)
    services.withdraw_helpful_vote(voter=second, reply=reply)
    assert _counts(other_user) == (0, 1, 0)
    # Voting the same way twice counts once.
    services.cast_helpful_vote(voter=third, reply=reply, is_helpful=True)
    services.cast_helpful_vote(voter=third, reply=reply, is_helpful=True)
    assert _counts(other_user) == (0, 1, 1)
    assert _all_equal_a_recount()


def test_removing_and_restoring_a_reply(reply, other_user, voters, staff):
    services.cast_helpful_vote(voter=voters[0], reply=reply, is_helpful=True)
    services.remove_reply(moderator=staff, reply=reply)
    assert _counts(other_user) == (0, 0, 0)
    services.remove_reply(moderator=staff, reply=reply)  # Twice changes nothing.
    assert _counts(other_user) == (0, 0, 0)
    services.restore_reply(moderator=staff, reply=reply)
    assert _counts(other_user) == (0, 1, 1)
    assert _all_equal_a_recount()


def test_removing_a_thread_takes_every_post_in_it_out_of_the_counts(
    thread, reply, user, other_user, voters, staff
):
    services.cast_helpful_vote(voter=voters[0], reply=reply, is_helpful=True)
    services.post_reply(author=user, thread=thread, body="Thanks, all.")
    services.post_reply(author=other_user, thread=thread, body="You are welcome.")
    services.remove_thread(moderator=staff, thread=thread)
    assert _counts(user) == (0, 0, 0)
    assert _counts(other_user) == (0, 0, 0)
    assert _all_equal_a_recount()
    services.restore_thread(moderator=staff, thread=thread)
    assert _counts(user) == (1, 1, 0)
    assert _counts(other_user) == (0, 2, 1)
    assert _all_equal_a_recount()


def test_a_reply_removed_inside_a_removed_thread_stays_uncounted(
    thread, reply, other_user, staff
):
    services.remove_thread(moderator=staff, thread=thread)
    services.remove_reply(moderator=staff, reply=reply)
    services.restore_thread(moderator=staff, thread=thread)
    assert _counts(other_user) == (0, 0, 0)
    services.restore_reply(moderator=staff, reply=reply)
    assert _counts(other_user) == (0, 1, 0)
    assert _all_equal_a_recount()


def test_a_counter_never_goes_below_zero(reply, other_user, staff):
    # Rows written past the services (an import, say) leave counters behind.
    MemberActivity.objects.filter(member=other_user).update(reply_count=0)
    services.remove_reply(moderator=staff, reply=reply)
    assert _counts(other_user) == (0, 0, 0)


def test_recount_repairs_drifted_counters_and_reports_them(
    reply, other_user, voters, staff
):
    services.cast_helpful_vote(voter=voters[0], reply=reply, is_helpful=True)
    # Rows changed past the services: a manual fix, a restore from backup.
    MemberActivity.objects.filter(member=other_user).update(helpful_received=7)
    Reply.objects.filter(pk=reply.pk).update(helpful_count=0)
    out = StringIO()
    call_command("recount", stdout=out)
    assert "members: 1 repaired" in out.getvalue()
    assert "replies: 1 repaired" in out.getvalue()
    assert _counts(other_user) == (0, 1, 1)
    assert Reply.objects.get(pk=reply.pk).helpful_count == 1
    out = StringIO()
    call_command("recount", stdout=out)
    assert "All counters agree." in out.getvalue()


def test_the_member_page_shows_the_stored_counts(client, thread, reply, voters):
    services.cast_helpful_vote(voter=voters[0], reply=reply, is_helpful=True)
    stats = client.get(reply.author.get_absolute_url()).context["stats"]
    assert stats == {"threads": 0, "replies": 1, "helpful": 1}
