"""Follows and notifications written when the forum and accounts announce events.

Staff's decisions are told to whom they concern, and a report that someone
may be in danger has the managers e-mailed at once.

Connected in NotificationsConfig.ready; the rules live in fanout.py. The
signals are sent inside the sender's transaction, so what a receiver writes
commits or rolls back with the post. A database error rolls the whole write
back, as it should; any other failure here is logged and the post goes on,
untold: a question must post even if nobody can be told about it.
"""

import logging
from collections.abc import Callable

from django.db import DatabaseError, transaction

from accounts.signals import credential_decided, member_sanctioned
from forum.signals import (
    helpful_vote_cast,
    outcome_shared,
    post_held,
    post_moderated,
    post_reported,
    reply_posted,
    reports_closed,
    thread_posted,
)

from . import fanout

logger = logging.getLogger(__name__)


def _never_fails_the_post(rule: Callable[..., object]) -> Callable[..., None]:
    """Return a receiver that applies rule to the signal's arguments."""

    def receive(sender, signal=None, **kwargs) -> None:
        try:
            # A savepoint: a rule that fails halfway leaves none of its rows.
            with transaction.atomic():
                rule(**kwargs)
        except DatabaseError:
            raise
        except Exception:
            logger.exception("Could not tell members about %s", sender.__name__)

    # Named after the rule, but not wrapping it (functools.wraps would):
    # Django checks, under DEBUG, that a receiver takes **kwargs, and it
    # would inspect the rule's signature instead of this function's.
    receive.__name__ = receive.__qualname__ = f"on_{rule.__name__}"
    return receive


# Module attributes, so that the signals' weak references stay alive.
on_thread_posted = _never_fails_the_post(fanout.thread_posted)
on_reply_posted = _never_fails_the_post(fanout.reply_posted)
on_helpful_vote_cast = _never_fails_the_post(fanout.helpful_vote_cast)
on_credential_decided = _never_fails_the_post(fanout.credential_decided)
on_post_moderated = _never_fails_the_post(fanout.post_moderated)
on_post_held = _never_fails_the_post(fanout.post_held)
on_post_reported = _never_fails_the_post(fanout.post_reported)
on_reports_closed = _never_fails_the_post(fanout.reports_closed)
on_member_sanctioned = _never_fails_the_post(fanout.member_sanctioned)
on_outcome_shared = _never_fails_the_post(fanout.outcome_shared)

thread_posted.connect(on_thread_posted, dispatch_uid="notifications.thread_posted")
reply_posted.connect(on_reply_posted, dispatch_uid="notifications.reply_posted")
helpful_vote_cast.connect(
    on_helpful_vote_cast, dispatch_uid="notifications.helpful_vote_cast"
)
credential_decided.connect(
    on_credential_decided, dispatch_uid="notifications.credential_decided"
)
post_moderated.connect(on_post_moderated, dispatch_uid="notifications.post_moderated")
post_held.connect(on_post_held, dispatch_uid="notifications.post_held")
post_reported.connect(on_post_reported, dispatch_uid="notifications.post_reported")
reports_closed.connect(on_reports_closed, dispatch_uid="notifications.reports_closed")
member_sanctioned.connect(
    on_member_sanctioned, dispatch_uid="notifications.member_sanctioned"
)
outcome_shared.connect(on_outcome_shared, dispatch_uid="notifications.outcome_shared")
