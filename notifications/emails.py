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
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator

from accounts.models import User
from forum.models import Report

from .models import Kind, Notification
from .preferences import ALWAYS_IMMEDIATE, DIGEST

# The admin's moderation queue, or failing that its list of reports; the
# admin's index if neither is registered.
QUEUE_URL_NAMES = ["admin:forum_report_queue", "admin:forum_report_changelist"]
# Staff who hear of a report that someone may be in danger when
# settings.MANAGERS names nobody.
QUEUE_PERMISSION = "forum.change_report"

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
    if what != DIGEST and (what not in Kind.values or what in ALWAYS_IMMEDIATE):
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


def moderation_topic(notification: Notification) -> str:
    """Return what a moderation notification is about: "post", "report" or "account".

    A notice about a post goes to its author; one that names someone else's
    post tells a reporter their report was reviewed; one naming no post is
    about the member's account.
    """
    post = notification.reply or notification.thread
    if post is None:
        return "account"
    return "post" if post.author_id == notification.recipient_id else "report"


def _moderation_item(notification: Notification) -> dict:
    """Return what a message shows of a staff decision: its stored message.

    The link opens the notification, which leads to the post if the member
    may still read it. Only the author of the post is shown its text, as a
    reminder of which post it was.
    """
    topic = moderation_topic(notification)
    post = notification.reply or notification.thread
    return {
        "notification": notification,
        "kind": notification.kind,
        "topic": topic,
        "is_reply": notification.reply_id is not None,
        "thread": notification.thread,
        "message": notification.message,
        "excerpt": excerpt(post.body) if topic == "post" else "",
        "url": absolute_url(
            reverse("notifications:open", kwargs={"pk": notification.pk})
        ),
    }


def _item(notification: Notification) -> dict:
    """Return what a message shows of one notification."""
    if notification.kind == Kind.MODERATION:
        return _moderation_item(notification)
    post = notification.reply or notification.thread
    if notification.kind == Kind.OUTCOME_REMINDER:
        thread = notification.thread
        link = reverse("forum:thread-outcome", args=[thread.pk, thread.slug])
        text = ""
    elif notification.reply_id is not None:
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
        # An anonymous post's author is named nowhere: "An anonymous member".
        "anonymous": post is not None and post.is_anonymous,
        "thread": notification.thread,
        "count": notification.count,
        "excerpt": excerpt(text),
        "url": absolute_url(link),
    }


def _message(*, member, stem: str, context: dict, what: str) -> EmailMultiAlternatives:
    # A service message (ALWAYS_IMMEDIATE) offers no unsubscribe: nothing
    # stops it, and a mail program's button that did nothing would mislead.
    is_service_message = what in ALWAYS_IMMEDIATE
    unsubscribe_url = (
        ""
        if is_service_message
        else absolute_url(
            reverse(
                "notifications:unsubscribe",
                kwargs={"token": unsubscribe_token(member, what)},
            )
        )
    )
    context = {
        **context,
        "member": member,
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": absolute_url(reverse("notifications:email-preferences")),
        "site_url": settings.SITE_URL,
        "is_digest": what == DIGEST,
        "is_service_message": is_service_message,
    }
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    subject = prefix + " ".join(
        render_to_string(f"{stem}_subject.txt", context).split()
    )
    headers = {"Auto-Submitted": "auto-generated"}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject,
        render_to_string(f"{stem}_message.txt", context),
        to=[member.email],
        headers=headers,
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


def moderation_queue_url() -> str:
    """Return the address of the admin's moderation queue."""
    for name in QUEUE_URL_NAMES:
        try:
            return absolute_url(reverse(name))
        except NoReverseMatch:
            continue
    return absolute_url(reverse("admin:index"))


def danger_alert_recipients() -> list[str]:
    """Return who hears at once that someone may be in danger.

    The site's managers (settings.MANAGERS) if it names any; otherwise
    every active member of staff who may handle reports.
    """
    # (name, address) pairs are deprecated, but still accepted by Django.
    managers = [
        manager[1] if isinstance(manager, list | tuple) else manager
        for manager in settings.MANAGERS
    ]
    if managers:
        return managers
    staff = (
        User.objects.with_perm(
            QUEUE_PERMISSION, backend="django.contrib.auth.backends.ModelBackend"
        )
        .filter(is_staff=True, erased_at__isnull=True)
        .exclude(email="")
        .order_by("pk")
    )
    return list(dict.fromkeys(staff.values_list("email", flat=True)))


def danger_report_message(report: Report, recipients: list[str]) -> EmailMessage:
    """Return the e-mail that asks staff to look at once at report."""
    post = report.post
    context = {
        "report": report,
        "is_reply": report.reply_id is not None,
        "thread": report.reply.thread if report.reply_id else report.thread,
        "post_url": absolute_url(post.get_absolute_url()),
        "queue_url": moderation_queue_url(),
    }
    stem = "notifications/email/danger_report"
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    subject = prefix + " ".join(
        render_to_string(f"{stem}_subject.txt", context).split()
    )
    return EmailMessage(
        subject,
        render_to_string(f"{stem}_message.txt", context),
        to=recipients,
        headers={"Auto-Submitted": "auto-generated"},
    )
