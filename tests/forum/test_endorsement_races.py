"""Endorsements racing revocation and each other leave every count exact (PostgreSQL).

SQLite runs one writer at a time, so these races only exist on PostgreSQL,
where an endorsement locks its professional's row before the thread and the
reply, and a revocation updates that row before it counts again.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from accounts import services as accounts_services
from accounts.models import ProfessionalCredential
from forum import services
from forum.endorsements import endorse_reply
from forum.models import Endorsement, Reply
from tests.factories import UserFactory, verify_professional

from .test_vote_races import ROUNDS, _counters_exact, _race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL"
    ),
]


def test_an_endorsement_racing_a_revocation_is_counted_out_or_refused(thread, staff):
    for round_ in range(ROUNDS):
        professional = UserFactory(username=f"dr_{round_}")
        verify_professional(professional, staff)
        reply = services.post_reply(
            author=UserFactory(username=f"helper_{round_}"),
            thread=thread,
            body="Rest helped.",
        )
        credential = ProfessionalCredential.objects.approved().get(user=professional)
        endorsement, revocation = _race(
            lambda p=professional, r=reply: endorse_reply(endorser=p, reply=r),
            lambda c=credential: accounts_services.revoke_credential(
                reviewer=staff, credential=c, reason="Lapsed."
            ),
        )
        assert not isinstance(revocation, Exception), revocation
        assert isinstance(endorsement, Endorsement | PermissionDenied), endorsement
        # Whichever came first, a revoked professional's endorsement counts
        # for nothing.
        assert Reply.objects.get(pk=reply.pk).endorsement_count == 0
        assert _counters_exact(), f"round {round_}"


def test_a_double_tap_endorses_once(thread, reply, staff):
    professional = UserFactory(username="dr_quick")
    verify_professional(professional, staff)
    outcomes = _race(
        *(lambda: endorse_reply(endorser=professional, reply=reply) for _ in range(2))
    )
    assert all(isinstance(outcome, Endorsement) for outcome in outcomes), outcomes
    assert Endorsement.objects.filter(reply=reply).count() == 1
    assert Reply.objects.get(pk=reply.pk).endorsement_count == 1
