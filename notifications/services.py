"""What members do with follows and notifications: follow, unfollow, read.

None of these changes anything an anonymous reader sees, so none touches the
page cache; marking read changes the member's unread count, which is
forgotten once the transaction commits.
"""

import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from accounts.models import User
from forum.models import Forum, Thread

from . import unread
from .models import Follow, Notification


def can_follow(member, thread: Thread | None = None) -> bool:
    """Return whether member may follow something (a thread, if given)."""
    if not member.is_authenticated or not member.is_active:
        return False
    return thread is None or not thread.is_removed


def _target(
    thread: Thread | None, forum: Forum | None, tag: Tag | None
) -> dict[str, object]:
    given = {
        name: value
        for name, value in (("thread", thread), ("forum", forum), ("tag", tag))
        if value is not None
    }
    if len(given) != 1:
        raise ValidationError("Follow exactly one thread, forum or tag.")
    return given


def follow(
    member: User,
    *,
    thread: Thread | None = None,
    forum: Forum | None = None,
    tag: Tag | None = None,
) -> Follow:
    """Make member follow one thread, forum or tag; following twice changes nothing.

    Members only; a thread staff removed cannot be followed (PermissionDenied).
    """
    target = _target(thread, forum, tag)
    if not can_follow(member, thread):
        raise PermissionDenied
    # get_or_create recovers from the unique constraint when two requests
    # race (a double tap), so the second finds the first's row.
    found, _ = Follow.objects.get_or_create(member=member, **target)
    return found


def unfollow(
    member: User,
    *,
    thread: Thread | None = None,
    forum: Forum | None = None,
    tag: Tag | None = None,
) -> None:
    """Stop member following one thread, forum or tag; doing it twice is harmless."""
    target = _target(thread, forum, tag)
    if not member.is_authenticated:
        raise PermissionDenied
    Follow.objects.filter(member=member, **target).delete()


def _forget_unread_count(member: User) -> None:
    # Now and again at commit, as core.pagecache.touch does: a page that
    # counted the old rows before the commit may have stored that count.
    unread.forget_unread_counts([member.pk])
    transaction.on_commit(
        functools.partial(unread.forget_unread_counts, [member.pk]), robust=True
    )


def mark_read(member: User, notification: Notification) -> Notification:
    """Mark one of member's notifications read; reading it again changes nothing.

    Only the recipient may: anyone else gets PermissionDenied.
    """
    if not member.is_authenticated or notification.recipient_id != member.pk:
        raise PermissionDenied
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=now
        )
        notification.read_at = now
    _forget_unread_count(member)
    return notification


def mark_all_read(member: User) -> int:
    """Mark every unread notification of member read; return how many were."""
    if not member.is_authenticated:
        raise PermissionDenied
    count = (
        Notification.objects.filter(recipient=member)
        .unread()
        .update(read_at=timezone.now())
    )
    _forget_unread_count(member)
    return count
