"""The e-mails that tell members what happened, and their unsubscribe links.

Every message is plain text with an HTML alternative, carries a link that
unsubscribes without logging in (a signed token naming the member and what
to stop), and the List-Unsubscribe headers that let a mail program offer
the same in one click (RFC 8058).
"""

from datetime import date, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator

from .models import Kind, Notification
from .preferences import DIGEST

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
# Old enough for a holiday's unread mail, short enough that a forwarded
# message does not speak for its member for ever.
UNSUBSCRIBE_MAX_AGE = timedelta(days=60)

EXCERPT_LINES = 4
EXCERPT_CHARS = 400
DIGEST_MAX_ITEMS = 50


def unsubscribe_token(member, what: str) -> str:
    """Return a signed token that stops e-mails of what (a kind or DIGEST)."""
    signer = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT)
    return signer.sign_object({"member": member.pk, "what": what})


def read_unsubscribe_token(token: str) -> tuple[int, str]:
    """Return the member id and what a token stops.

    Raise signing.SignatureExpired for an old token and signing.BadSignature
    for one that was not made here.
    """
    signer = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT)
    data = signer.unsign_object(token, max_age=UNSUBSCRIBE_MAX_AGE)
    try:
        member_id, what = int(data["member"]), str(data["what"])
    except (KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature("Malformed unsubscribe token.") from error
    if what != DIGEST and what not in Kind.values:
        raise signing.BadSignature("Unknown kind in unsubscribe token.")
    return member_id, what


def absolute_url(path: str) -> str:
    """Return path on the site's own address (settings.SITE_URL)."""
    return settings.SITE_URL + path


def can_receive_email(member) -> bool:
    """Return whether member is active with a confirmed e-mail address."""
    return bool(
        member.is_active
        and member.email
        and EmailAddress.objects.filter(
            user=member, email__iexact=member.email, verified=True
        ).exists()
    )


def is_about_removed_post(notification: Notification) -> bool:
    """Return whether the reply or thread notified about has been removed."""
    reply, thread = notification.reply, notification.thread
    return bool(
        (reply is not None and (reply.removed_at or reply.thread.removed_at))
        or (thread is not None and thread.removed_at)
    )


def excerpt(text: str) -> str:
    """Return the first few non-blank lines of text, shortened."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    shown = "\n".join(lines[:EXCERPT_LINES])
    shortened = Truncator(shown).chars(EXCERPT_CHARS)
    if len(lines) > EXCERPT_LINES and shortened == shown:
        shortened += " …"
    return shortened


def _item(notification: Notification) -> dict:
    """Return what a message shows of one notification."""
    if notification.reply_id is not None:
        link = notification.reply.get_absolute_url()
        text = notification.reply.body
    elif notification.thread_id is not None:
        link = notification.thread.get_absolute_url()
        text = notification.thread.body
    else:
        link = reverse("accounts:verification")
        text = ""
    return {
        "notification": notification,
        "kind": notification.kind,
        "actor": notification.actor,
        "thread": notification.thread,
        "count": notification.count,
        "excerpt": excerpt(text),
        "url": absolute_url(link),
    }


def _message(*, member, stem: str, context: dict, what: str) -> EmailMultiAlternatives:
    unsubscribe_url = absolute_url(
        reverse(
            "notifications:unsubscribe",
            kwargs={"token": unsubscribe_token(member, what)},
        )
    )
    context = {
        **context,
        "member": member,
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": absolute_url(reverse("notifications:email-preferences")),
        "site_url": settings.SITE_URL,
        "is_digest": what == DIGEST,
    }
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    subject = prefix + " ".join(
        render_to_string(f"{stem}_subject.txt", context).split()
    )
    message = EmailMultiAlternatives(
        subject,
        render_to_string(f"{stem}_message.txt", context),
        to=[member.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(
        render_to_string(f"{stem}_message.html", context), "text/html"
    )
    return message


def notification_message(notification: Notification) -> EmailMultiAlternatives:
    """Return the e-mail that tells its recipient of one notification."""
    return _message(
        member=notification.recipient,
        stem="notifications/email/notification",
        context={"item": _item(notification)},
        what=notification.kind,
    )


def digest_message(
    member, notifications: list[Notification], day: date
) -> EmailMultiAlternatives:
    """Return the daily e-mail that lists notifications for member."""
    return _message(
        member=member,
        stem="notifications/email/digest",
        context={
            "items": [_item(n) for n in notifications[:DIGEST_MAX_ITEMS]],
            "total": len(notifications),
            "more": max(len(notifications) - DIGEST_MAX_ITEMS, 0),
            "day": day,
        },
        what=DIGEST,
    )
