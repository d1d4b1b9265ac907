"""Deleting an account keeps every counter exact, and the member's votes counted."""

import pytest

from forum import services as forum_services
from forum.models import Forum, MemberActivity, Reply, Thread
from forum.recount import recount_counters
from privacy import services
from tests.factories import UserFactory

NOTHING_TO_FIX = {"replies": 0, "threads": 0, "forums": 0, "members": 0}


@pytest.fixture
def busy(history):
    """The history, with the member's posts in every state a post can be in."""
    h = history
    others = [UserFactory(username=f"reader_{n}") for n in range(3)]
    # A second reply of theirs that staff removed, and a third held for review.
    removed = forum_services.post_reply(
        author=h.member, thread=h.their_question, body="Try lying down first."
    )
    forum_services.cast_helpful_vote(voter=others[0], reply=removed, is_helpful=True)
    forum_services.remove_reply(moderator=h.staff, reply=removed)
    held = forum_services.post_reply(
        author=h.member, thread=h.their_question, body="Stop your tablets."
    )
    for reporter in others:
        forum_services.report_post(
            reporter=reporter, post=held, reason="misinformation"
        )
    # Others' replies and votes in the member's question.
    for n, other in enumerate(others):
        answer = forum_services.post_reply(
            author=other, thread=h.question, body=f"Answer number {n}."
        )
        forum_services.cast_helpful_vote(
            voter=h.neighbour, reply=answer, is_helpful=True
        )
        forum_services.cast_helpful_vote(voter=h.member, reply=answer, is_helpful=n > 0)
    h.others, h.removed, h.held = others, removed, held
    return h


def _counts() -> dict[int, tuple[int, int]]:
    """Return each reply's helpful and not-helpful counts, by pk."""
    rows = Reply.objects.values_list("pk", "helpful_count", "not_helpful_count")
    return {pk: (helpful, not_helpful) for pk, helpful, not_helpful in rows}


def test_the_counters_are_exact_before(busy):
    assert Reply.objects.get(pk=busy.held.pk).held_for == "reports"
    assert recount_counters() == NOTHING_TO_FIX


@pytest.mark.parametrize("remove_posts", [False, True], ids=["keep", "remove"])
def test_a_recount_finds_nothing_to_fix_after(busy, remove_posts):
    services.delete_account(member=busy.member, remove_posts=remove_posts)
    assert recount_counters() == NOTHING_TO_FIX


@pytest.mark.parametrize("remove_posts", [False, True], ids=["keep", "remove"])
def test_the_votes_the_member_gave_still_count(busy, remove_posts):
    before = _counts()
    services.delete_account(member=busy.member, remove_posts=remove_posts)
    after = _counts()
    others_replies = Reply.objects.exclude(author=busy.member).values_list(
        "pk", flat=True
    )
    assert len(others_replies) == 5
    for pk in others_replies:
        assert after[pk] == before[pk]
    # The neighbour's answer, voted helpful by the member, still says so.
    assert Reply.objects.get(pk=busy.answer.pk).helpful_count == 1


def test_keeping_posts_changes_no_count(busy):
    def snapshot():
        return (
            list(Forum.objects.values_list("thread_count", "reply_count")),
            list(
                Thread.objects.order_by("pk").values_list(
                    "reply_count", "helpful_count"
                )
            ),
            list(MemberActivity.objects.order_by("pk").values()),
        )

    before = snapshot()
    services.delete_account(member=busy.member, remove_posts=False)
    assert snapshot() == before


def test_removing_posts_takes_them_out_of_the_counts(busy):
    forum = Forum.objects.get(pk=busy.forum.pk)
    assert (forum.thread_count, forum.reply_count) == (2, 6)
    services.delete_account(member=busy.member, remove_posts=True)
    forum.refresh_from_db()
    # The member's question goes with its four replies, and so does their
    # one visible reply; the staff-removed and the held one were out already.
    assert (forum.thread_count, forum.reply_count) == (1, 1)
    activity = MemberActivity.objects.get(member=busy.member)
    assert (activity.thread_count, activity.reply_count) == (0, 0)
    assert activity.helpful_received == 0
    held = Reply.objects.get(pk=busy.held.pk)
    assert (held.held_for, held.is_removed_by_author) == ("", True)
    removed = Reply.objects.get(pk=busy.removed.pk)
    assert removed.is_removed_by_author is False  # Still staff's removal.
