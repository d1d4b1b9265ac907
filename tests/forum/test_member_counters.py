"""A member's page shows stored counts that every post, vote and removal keeps exact."""

import pytest
from django.db.models import F

from accounts.models import User
from forum import services
from forum.models import member_activity_recount
from tests.factories import UserFactory


def _counts(user) -> tuple[int, int, int]:
    user.refresh_from_db()
    return user.thread_count, user.reply_count, user.helpful_received


def _all_equal_a_recount() -> bool:
    return (
        not User.objects.annotate(**member_activity_recount())
        .exclude(
            thread_count=F("recounted_threads"),
            reply_count=F("recounted_replies"),
            helpful_received=F("recounted_helpful"),
        )
        .exists()
    )


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
    User.objects.filter(pk=other_user.pk).update(reply_count=0)
    services.remove_reply(moderator=staff, reply=reply)
    assert _counts(other_user) == (0, 0, 0)


def test_the_member_page_shows_the_stored_counts(client, thread, reply, voters):
    services.cast_helpful_vote(voter=voters[0], reply=reply, is_helpful=True)
    stats = client.get(reply.author.get_absolute_url()).context["stats"]
    assert stats == {"threads": 0, "replies": 1, "helpful": 1}
