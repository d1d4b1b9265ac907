"""What notifications hold about one member: exported, and erased on request.

Called by the privacy app (see forum/privacy.py for the forum's part): the
member's notifications, what they follow, how they chose to hear by e-mail,
and the daily digests they were sent.
"""

import functools

from django.db import transaction
from django.db.models import Q

from . import unread
from .models import Delivery, DigestSent, EmailPreference, Follow, Kind, Notification
from .preferences import EMAILED_KINDS, deliveries_for


def _thread_title(thread, member) -> str | None:
    # A removed question is no longer public: only the member's own keeps
    # its title here.
    if thread is None:
        return None
    if thread.removed_at is None or thread.author_id == member.pk:
        return thread.title
    return None


def export_member(member) -> dict:
    """Return everything notifications hold about member, as plain data."""
    notifications = (
        Notification.objects.filter(recipient=member)
        .select_related("actor", "thread", "reply__thread", "credential")
        .order_by("created_at", "pk")
    )
    follows = (
        Follow.objects.filter(member=member)
        .select_related("thread", "forum", "tag")
        .order_by("created_at", "pk")
    )
    chosen = set(
        EmailPreference.objects.filter(member=member).values_list("kind", flat=True)
    )
    deliveries = deliveries_for([member.pk])
    return {
        "notifications": [
            {
                "kind": Kind(notification.kind).label,
                # Who caused it: a public username, never anything more.
                "from": (
                    notification.actor.username
                    if notification.actor and not notification.actor.is_former_member
                    else None
                ),
                "question": _thread_title(
                    notification.thread
                    or (notification.reply.thread if notification.reply else None),
                    member,
                ),
                # What staff's decision said, for a moderation notice.
                "message": notification.message,
                "count": notification.count,
                "created_at": notification.created_at,
                "read_at": notification.read_at,
                "emailed_at": notification.emailed_at,
            }
            for notification in notifications
        ],
        "follows": [
            {
                "what": "question"
                if follow.thread_id
                else ("forum" if follow.forum_id else "tag"),
                "name": (
                    _thread_title(follow.thread, member)
                    if follow.thread_id
                    else (follow.forum.name if follow.forum_id else follow.tag.name)
                ),
                "since": follow.created_at,
            }
            for follow in follows
        ],
        "email_preferences": [
            {
                "kind": Kind(kind).label,
                "delivery": Delivery(deliveries[member.pk, kind]).label,
                "chosen_by_you": kind in chosen,
            }
            for kind in EMAILED_KINDS
        ],
        "daily_digests": [
            {
                "day": digest.day,
                "sent_at": digest.sent_at,
                "notifications": digest.notification_count,
            }
            for digest in DigestSent.objects.filter(member=member).order_by("day")
        ],
    }


def erase_member(member, *, remove_posts: bool) -> None:
    """Erase what notifications hold about member, in the caller's transaction.

    Other members' notifications that member caused stay theirs, but no
    longer name anyone ("Someone replied"). With remove_posts, staff's
    notices to others about member's posts go too: their text quotes the
    question's title, which is erased.
    """
    Notification.objects.filter(recipient=member).delete()
    if remove_posts:
        Notification.objects.filter(
            Q(thread__author=member, reply__isnull=True) | Q(reply__author=member),
            kind=Kind.MODERATION,
        ).delete()
    Notification.objects.filter(actor=member).update(actor=None)
    Follow.objects.filter(member=member).delete()
    EmailPreference.objects.filter(member=member).delete()
    DigestSent.objects.filter(member=member).delete()
    unread.forget_unread_counts([member.pk])
    transaction.on_commit(
        functools.partial(unread.forget_unread_counts, [member.pk]), robust=True
    )
