"""Every write about a member's own data: exports, and erasing an account.

Erasing asks each app to erase its own part (accounts/privacy.py,
forum/privacy.py, notifications/privacy.py), all in one transaction, so a
member is either wholly erased or not at all.
"""

import functools
import re
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts import privacy as accounts_privacy
from accounts.models import User
from core.audit import record
from core.pagecache import scope, touch
from forum import privacy as forum_privacy
from notifications import privacy as notifications_privacy

from .models import DataExport
from .tasks import build_export

# How long a member waits for a file being prepared before asking again
# starts another (the first one's task may have been lost).
PENDING_PATIENCE = timedelta(hours=1)

# --- Permission predicates, shared by services, views and the admin. -------


def _is_member(user) -> bool:
    return bool(
        user and user.is_authenticated and user.is_active and not user.is_former_member
    )


def can_export(user) -> bool:
    """Return whether user may download their own data: any member may."""
    return _is_member(user)


def can_delete_account(user) -> bool:
    """Return whether user may delete their own account: any member may."""
    return _is_member(user)


def can_erase_members(user) -> bool:
    """Return whether user may erase members at their request.

    Staff who may delete members in the admin may.
    """
    return _is_member(user) and user.is_staff and user.has_perm("accounts.delete_user")


def can_erase_member(user, member: User) -> bool:
    """Return whether user may erase member now.

    Never themselves (their own account page does that), never a member
    already erased, and a superuser only by another superuser.
    """
    return (
        can_erase_members(user)
        and member.pk != user.pk
        and member.erased_at is None
        and (user.is_superuser or not member.is_superuser)
    )


# --- Exports. ---------------------------------------------------------------


@transaction.atomic
def request_export(*, member: User) -> DataExport:
    """Have member's data prepared in the background, and e-mailed as a link.

    For exports too large to make in a request (privacy.export.is_large).
    Asking again while one is being prepared returns that one.
    """
    if not can_export(member):
        raise PermissionDenied("Only members can download their data.")
    delete_expired_exports()
    now = timezone.now()
    pending = (
        DataExport.objects.current()
        .filter(
            member=member,
            ready_at__isnull=True,
            created_at__gt=now - PENDING_PATIENCE,
        )
        .first()
    )
    if pending is not None:
        return pending
    export = DataExport.objects.create(
        member=member,
        created_at=now,
        expires_at=now + timedelta(days=settings.PRIVACY_EXPORT_DAYS),
    )
    # Queued once the row is committed, for the worker to find.
    transaction.on_commit(
        functools.partial(build_export.enqueue, str(export.pk)), robust=True
    )
    return export


def delete_expired_exports() -> int:
    """Delete every export past its expiry; return how many there were."""
    deleted, _ = DataExport.objects.expired().delete()
    return deleted


# --- Erasure. ---------------------------------------------------------------


@transaction.atomic
def delete_account(*, member: User, remove_posts: bool) -> User:
    """Erase member's account at their own request; return the emptied row.

    The caller has checked that it is really them (their password).
    """
    if not can_delete_account(member):
        raise PermissionDenied("Only members can delete their account.")
    return _erase(member, remove_posts=remove_posts)


@transaction.atomic
def erase_member(*, staff: User, member: User, remove_posts: bool, reason: str) -> User:
    """Erase member's account for staff, at the member's request.

    The reason goes into the audit log, which nobody can change: it must
    not name the member. The entry is written after the erasure, so it
    names only the former member's opaque username.
    """
    if not can_erase_member(staff, member):
        raise PermissionDenied("You cannot erase this member.")
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why, e.g. who asked and when.", code="required")
    if _names_member(reason, member):
        raise ValidationError(
            "Leave the member's name and e-mail address out of the reason: "
            "the audit log keeps it for good.",
            code="names_member",
        )
    member = _erase(member, remove_posts=remove_posts)
    record(actor=staff, action="member.erase", target=member, reason=reason)
    return member


def _names_member(text: str, member: User) -> bool:
    """Return whether text holds member's username, an address or a name."""
    addresses = EmailAddress.objects.filter(user=member).values_list("email", flat=True)
    words = {member.username, member.email, *addresses}
    # Names of one or two letters would match ordinary words.
    words |= {name for name in (member.first_name, member.last_name) if len(name) > 2}
    return any(
        re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
        for word in words
        if word
    )


def _erase(member: User, *, remove_posts: bool) -> User:
    # Lock the member's row: two erasures at once must not both run.
    member = User.objects.select_for_update().get(pk=member.pk)
    if member.erased_at is not None:
        raise ValidationError("This account is already deleted.", code="erased")
    addresses = {
        member.email,
        *EmailAddress.objects.filter(user=member).values_list("email", flat=True),
    } - {""}
    forum_privacy.erase_member(member, remove_posts=remove_posts)
    notifications_privacy.erase_member(member, remove_posts=remove_posts)
    DataExport.objects.filter(member=member).delete()
    _forget_queued_mail(addresses)
    member = accounts_privacy.erase_member(member)
    # Badges and each stored reply's HTML (whose key names no author) change
    # with the site's version: the member's name leaves every page at once.
    touch(scope("site"))
    return member


def _forget_queued_mail(addresses: set[str]) -> None:
    """Delete queued and finished tasks that carry one of addresses.

    allauth's mail (accounts/tasks.py) travels to the worker rendered, with
    the address and the username in its arguments; a failed send keeps the
    address in its traceback. Tasks running now are left to finish.
    """
    if not addresses or not apps.is_installed("django_tasks_db"):
        return
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    mentions = Q()
    for address in addresses:
        mentions |= (
            Q(args_kwargs__icontains=address)
            | Q(return_value__icontains=address)
            | Q(traceback__icontains=address)
        )
    DBTaskResult.objects.filter(mentions).exclude(
        status=TaskResultStatus.RUNNING
    ).delete()
