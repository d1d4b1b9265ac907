"""Who is told what when the forum or accounts announce an event.

Each function here runs inside the sender's transaction (see receivers.py):
the follows and notifications it writes commit or roll back with the post or
decision that caused them. Once they are written it asks, on commit, for
them to be delivered and for their recipients' unread counts to be counted
again.

The rules, for every kind: nobody is told about a removed post, about their
own doing, or while their account is inactive. Work is done in a fixed
number of queries however many members are told.
"""

from collections.abc import Iterable
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import ProfessionalCredential, User
from forum.models import HelpfulVote, Reply, Thread

from . import delivery, unread
from .models import Follow, Kind, Notification

# The decisions a member hears of; a withdrawn application is their own doing.
TOLD_DECISIONS = frozenset(
    {
        ProfessionalCredential.Status.APPROVED,
        ProfessionalCredential.Status.REJECTED,
        ProfessionalCredential.Status.REVOKED,
    }
)


def follow_thread(*, member_id: int, thread_id: int) -> None:
    """Make member follow thread; following it already changes nothing.

    The unique constraint decides, so two requests racing to follow the
    same thread leave one row and neither fails.
    """
    Follow.objects.bulk_create(
        [Follow(member_id=member_id, thread_id=thread_id)], ignore_conflicts=True
    )


def thread_posted(*, thread: Thread) -> list[Notification]:
    """The asker follows their question; followers of its forum or tags hear."""
    follow_thread(member_id=thread.author_id, thread_id=thread.pk)
    if thread.is_removed:
        return []
    followers = (
        Follow.objects.filter(
            Q(forum_id=thread.forum_id) | Q(tag__in=thread.tags.values("pk")),
            member__is_active=True,
        )
        .exclude(member_id=thread.author_id)
        .values_list("member_id", flat=True)
        .order_by("member_id")
        .distinct()
    )
    return _tell(
        Notification(
            recipient_id=member_id,
            kind=Kind.NEW_THREAD,
            actor_id=thread.author_id,
            thread=thread,
        )
        for member_id in followers
    )


def reply_posted(*, reply: Reply) -> list[Notification]:
    """The replier follows the thread; its other followers hear of the reply.

    A reply by a verified medical professional is its own kind, so members
    can choose to hear of those sooner.
    """
    thread = reply.thread
    follow_thread(member_id=reply.author_id, thread_id=thread.pk)
    if reply.is_removed or thread.is_removed:
        return []
    kind = (
        Kind.PROFESSIONAL_REPLY if reply.author.is_medical_professional else Kind.REPLY
    )
    followers = (
        Follow.objects.filter(thread=thread, member__is_active=True)
        .exclude(member_id=reply.author_id)
        .values_list("member_id", flat=True)
        .order_by("member_id")
    )
    return _tell(
        Notification(
            recipient_id=member_id,
            kind=kind,
            actor_id=reply.author_id,
            thread=thread,
            reply=reply,
        )
        for member_id in followers
    )


def helpful_vote_cast(*, vote: HelpfulVote, reply: Reply) -> list[Notification]:
    """Tell reply's author that it was voted helpful, one batch a day.

    The day's first vote makes the notification; each later one counts
    into it, marks it unread again and brings it back to the top. Votes
    stay anonymous: the batch names no voter.
    """
    author: User = reply.author
    if (
        vote.voter_id == author.pk
        or reply.is_removed
        or reply.thread.is_removed
        or not author.is_active
    ):
        return []
    now = timezone.now()
    day = timezone.localdate(now)
    batch = Notification.objects.filter(
        kind=Kind.HELPFUL, recipient_id=author.pk, reply_id=reply.pk, day=day
    )
    counted = {"count": F("count") + 1, "read_at": None, "created_at": now}
    if not batch.update(**counted):
        notification = Notification(
            recipient_id=author.pk,
            kind=Kind.HELPFUL,
            thread_id=reply.thread_id,
            reply=reply,
            day=day,
            created_at=now,
        )
        try:
            # Another vote may make the day's batch first; the constraint
            # one_helpful_notification_per_reply_per_day then refuses this
            # one and the vote counts into theirs.
            with transaction.atomic():
                notification.save(force_insert=True)
        except IntegrityError:
            batch.update(**counted)
        else:
            return _written([notification])
    return _written(list(batch))


def credential_decided(*, credential: ProfessionalCredential) -> list[Notification]:
    """Tell the applicant that staff approved, rejected or revoked it."""
    member: User = credential.user
    if credential.status not in TOLD_DECISIONS or not member.is_active:
        return []
    return _tell(
        [
            Notification(
                recipient_id=member.pk,
                kind=Kind.CREDENTIAL,
                credential=credential,
            )
        ]
    )


def _tell(notifications: Iterable[Notification]) -> list[Notification]:
    """Write notifications in one query and have them delivered on commit."""
    notifications = list(notifications)
    if not notifications:
        return []
    return _written(Notification.objects.bulk_create(notifications))


def _written(notifications: list[Notification]) -> list[Notification]:
    """Once committed, deliver notifications and recount their members' unread.

    Robust: the post is committed by then, and a mail queue or cache that
    fails must not turn it into an error page.
    """
    ids = [notification.pk for notification in notifications]
    member_ids = sorted({notification.recipient_id for notification in notifications})
    transaction.on_commit(partial(delivery.notifications_created, ids), robust=True)
    transaction.on_commit(partial(unread.forget_unread_counts, member_ids), robust=True)
    return notifications
