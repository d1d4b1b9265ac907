"""Who is told what when the forum or accounts announce an event.

Each function here runs inside the sender's transaction (see receivers.py):
the follows and notifications it writes commit or roll back with the post or
decision that caused them. Once they are written it asks, on commit, for
them to be delivered and for their recipients' unread counts to be counted
again.

The rules, for every kind: nobody is told about their own doing, or while
their account is inactive or erased; nobody is told who wrote an anonymous
post (its notifications name no actor); nobody is told about a removed post,
except of staff's decisions about it (Kind.MODERATION), which its author and
its reporters hear of whatever became of it. Work is done in a fixed number
of queries however many members are told.
"""

from collections.abc import Iterable
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import ProfessionalCredential, Sanction, User
from forum.models import HelpfulVote, Hold, Reply, Report, Thread

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
            actor_id=None if thread.is_anonymous else thread.author_id,
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
    # An anonymous reply shows no badge, so it is told as any other.
    by_professional = reply.author.is_medical_professional and not reply.is_anonymous
    kind = Kind.PROFESSIONAL_REPLY if by_professional else Kind.REPLY
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
            actor_id=None if reply.is_anonymous else reply.author_id,
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


# --- Staff's decisions (Kind.MODERATION). ----------------------------------

# What a reporter is told of each outcome: never the reason staff gave, which
# may speak of the post's author, nor any sanction.
TOLD_OUTCOMES = frozenset({Report.Status.RESOLVED, Report.Status.DISMISSED})
MODERATION_ACTIONS = frozenset({"remove", "restore", "lock", "unlock"})


def can_be_told(member: User) -> bool:
    """Return whether member hears anything: active and not erased."""
    return member.is_active and member.erased_at is None


def post_moderated(
    *,
    post: Thread | Reply,
    action: str,
    reason: str,
    moderator: User | None = None,
) -> list[Notification]:
    """Tell post's author that staff removed, restored, locked or unlocked it.

    The reason staff gave is part of what they read. Staff who moderate
    their own post are not told; nor is an author whose own deletion staff
    merely confirm.
    """
    author: User = post.author
    if (
        action not in MODERATION_ACTIONS
        or not can_be_told(author)
        or (moderator is not None and moderator.pk == author.pk)
        or (action == "remove" and post.is_removed_by_author)
    ):
        return []
    message = _moderation_message(f"post_{action}", post=post, reason=reason.strip())
    return _tell([_about_post(post, author.pk, message)])


def post_held(*, post: Thread | Reply, held_for: str) -> list[Notification]:
    """Tell post's author it is hidden until staff review it, and why.

    Held for reports, the author is not told who reported it, or how many.
    """
    author: User = post.author
    if held_for not in Hold.values or not can_be_told(author):
        return []
    message = _moderation_message(f"held_{held_for}", post=post)
    return _tell([_about_post(post, author.pk, message)])


def reports_closed(
    *, post: Thread | Reply, reports: list[Report], outcome: str, reason: str
) -> list[Notification]:
    """Tell each member who reported post that staff reviewed it, once.

    They hear whether staff acted, in words of ours: not the reason staff
    wrote, which is for the post's author and the audit log.
    """
    if outcome not in TOLD_OUTCOMES:
        return []
    reporter_ids = sorted(
        {
            report.reporter_id
            for report in reports
            # A flag of the site's own (no reporter) has nobody to tell.
            if report.reporter is not None
            and can_be_told(report.reporter)
            and report.reporter_id != report.closed_by_id
        }
    )
    message = _moderation_message(f"reports_{outcome}", post=post)
    return _tell(_about_post(post, member_id, message) for member_id in reporter_ids)


def member_sanctioned(*, sanction: Sanction, reason: str = "") -> list[Notification]:
    """Tell a member staff warned, suspended or banned them, and why, or lifted it.

    A suspension says until when. A lifted one says whether another still
    restricts the member.
    """
    member: User = sanction.member
    if not can_be_told(member):
        return []
    if sanction.lifted_at is not None:
        message = _moderation_message(
            "sanction_lifted", sanction=sanction, reason=reason
        )
    else:
        message = _moderation_message(
            f"sanction_{sanction.kind}", sanction=sanction, reason=sanction.reason
        )
    return _tell(
        [Notification(recipient_id=member.pk, kind=Kind.MODERATION, message=message)]
    )


def outcome_shared(*, thread: Thread) -> None:
    """Mark read the asker's reminder to share an outcome: they just did."""
    reminders = Notification.objects.filter(
        kind=Kind.OUTCOME_REMINDER, thread=thread, read_at__isnull=True
    )
    if reminders.update(read_at=timezone.now()):
        transaction.on_commit(
            partial(unread.forget_unread_counts, [thread.author_id]), robust=True
        )


def post_reported(*, report: Report) -> None:
    """Have the managers e-mailed at once if someone may be in danger.

    Members hear nothing of a report until staff close it (reports_closed).
    """
    if report.reason == Report.Reason.DANGER:
        transaction.on_commit(partial(delivery.danger_reported, report.pk), robust=True)


def _moderation_message(event: str, *, post=None, **context) -> str:
    """Return the sentence a member reads of a decision, from its template."""
    if post is not None:
        context["is_reply"] = isinstance(post, Reply)
        context["thread"] = post.thread if isinstance(post, Reply) else post
    text = render_to_string(
        "notifications/_moderation_message.txt", {"event": event, **context}
    )
    return " ".join(text.split())


def _about_post(post: Thread | Reply, member_id: int, message: str) -> Notification:
    is_reply = isinstance(post, Reply)
    return Notification(
        recipient_id=member_id,
        kind=Kind.MODERATION,
        thread_id=post.thread_id if is_reply else post.pk,
        reply=post if is_reply else None,
        message=message,
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
