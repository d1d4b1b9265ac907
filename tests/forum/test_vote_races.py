"""Votes racing moderation and each other leave every counter exact (PostgreSQL).

SQLite runs one writer at a time, so these races only exist on PostgreSQL,
where the vote services lock the thread, then the reply, and read the rules
from the locked rows.
"""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.urls import reverse

from forum import services
from forum.models import HelpfulVote, Reply
from forum.recount import recount_counters
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL"
    ),
]

ROUNDS = 8


def _race(*actions) -> list:
    """Run actions at the same moment, each on its own connection; return outcomes."""
    start = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def run(index, action):
        start.wait()
        try:
            outcomes[index] = action()
        except Exception as error:  # The outcome under test, whatever it is.
            outcomes[index] = error
        finally:
            connection.close()

    workers = [
        threading.Thread(target=run, args=(index, action))
        for index, action in enumerate(actions)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return outcomes


def _counters_exact() -> bool:
    return recount_counters() == {"replies": 0, "threads": 0, "forums": 0, "members": 0}


def test_a_vote_racing_a_removal_leaves_the_counts_exact(thread, staff):
    for round_ in range(ROUNDS):
        author = UserFactory(username=f"author_{round_}")
        voter = UserFactory(username=f"voter_{round_}")
        reply = services.post_reply(author=author, thread=thread, body="It passed.")
        vote, removal = _race(
            lambda voter=voter, reply=reply: services.cast_helpful_vote(
                voter=voter, reply=reply, is_helpful=True
            ),
            lambda reply=reply: services.remove_reply(moderator=staff, reply=reply),
        )
        assert not isinstance(removal, Exception)
        # Either the vote landed first and left with the reply, or it saw the
        # removal and was refused; never a count left behind.
        assert isinstance(vote, HelpfulVote | PermissionDenied), vote
        assert _counters_exact(), f"round {round_}"


def test_a_vote_racing_a_lock_is_refused_or_counted(thread, reply, staff):
    voters = [UserFactory(username=f"late_voter_{n}") for n in range(ROUNDS)]
    outcomes = _race(
        *(
            lambda voter=voter: services.cast_helpful_vote(
                voter=voter, reply=reply, is_helpful=True
            )
            for voter in voters
        ),
        lambda: services.set_thread_flags(
            moderator=staff, thread=thread, is_locked=True
        ),
    )
    counted = [o for o in outcomes[:-1] if isinstance(o, HelpfulVote)]
    refused = [o for o in outcomes[:-1] if isinstance(o, PermissionDenied)]
    assert len(counted) + len(refused) == ROUNDS
    assert Reply.objects.get(pk=reply.pk).helpful_count == len(counted)
    assert _counters_exact()


def test_a_members_vote_and_withdrawal_at_once_answer_the_final_state(
    thread, reply, user
):
    member = Client()
    member.force_login(user)
    url = reverse("forum:reply-vote", args=[reply.pk])
    for _ in range(ROUNDS):
        responses = _race(
            lambda: member.post(url, {"vote": "yes"}, headers={"HX-Request": "true"}),
            lambda: member.post(
                url, {"vote": "withdraw"}, headers={"HX-Request": "true"}
            ),
        )
        assert [r.status_code for r in responses] == [200, 200]
        vote = HelpfulVote.objects.filter(reply=reply, voter=user).first()
        assert Reply.objects.get(pk=reply.pk).helpful_count == (1 if vote else 0)
        assert _counters_exact()
