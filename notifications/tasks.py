"""E-mails sent by the task worker (manage.py db_worker), never in a request.

Each task reads its rows again when it runs: by then the post may have been
removed, the member may have unsubscribed, or another run may have sent it.
A failed send raises (the admin shows it under Tasks) and is queued again
with a growing delay (core.mail.send_or_retry).
"""

import logging
from datetime import date

from django.db.models import QuerySet
from django.tasks import task
from django.utils import timezone

from core.mail import send_or_retry
from forum.models import Report

from . import emails
from .models import Delivery, DigestSent, Kind, Notification
from .preferences import EMAILED_KINDS, deliveries_for, delivery_for

logger = logging.getLogger(__name__)

RELATED = ("recipient", "actor", "thread", "reply__thread")


@task
def send_notification_email(notification_id: int, attempt: int = 1) -> None:
    """E-mail one notification to its recipient, unless that is no longer due."""
    notification = (
        Notification.objects.select_related(*RELATED).filter(pk=notification_id).first()
    )
    if (
        notification is None
        or notification.emailed_at is not None
        or notification.kind not in EMAILED_KINDS
        or not emails.can_receive_email(notification.recipient)
        # A staff decision is often about a removed post: it is told all the same.
        or (
            notification.kind != Kind.MODERATION
            and emails.is_about_removed_post(notification)
        )
        or delivery_for(notification.recipient, notification.kind)
        != Delivery.IMMEDIATELY
    ):
        return
    send_or_retry(
        emails.notification_message(notification),
        task=send_notification_email,
        args=[notification_id],
        attempt=attempt,
    )
    Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )


def digest_notifications(member) -> QuerySet[Notification]:
    """Return member's notifications that wait for the daily digest, oldest first."""
    deliveries = deliveries_for([member.pk])
    daily = [
        kind for kind in EMAILED_KINDS if deliveries[member.pk, kind] == Delivery.DAILY
    ]
    return (
        Notification.objects.filter(
            recipient=member, emailed_at__isnull=True, kind__in=daily
        )
        .exclude(reply__removed_at__isnull=False)
        .exclude(thread__removed_at__isnull=False)
        .select_related(*RELATED)
        .order_by("created_at", "id")
    )


@task
def send_digest(member_id: int, day: str, attempt: int = 1) -> None:
    """E-mail member the day's digest recorded for them, if not yet sent."""
    digest = (
        DigestSent.objects.select_related("member")
        .filter(member_id=member_id, day=date.fromisoformat(day))
        .first()
    )
    if digest is None or digest.sent_at is not None:
        return
    member = digest.member
    if not emails.can_receive_email(member):
        return
    notifications = list(digest_notifications(member))
    if not notifications:
        return
    send_or_retry(
        emails.digest_message(member, notifications, digest.day),
        task=send_digest,
        args=[member_id, day],
        attempt=attempt,
    )
    now = timezone.now()
    Notification.objects.filter(
        pk__in=[n.pk for n in notifications], emailed_at__isnull=True
    ).update(emailed_at=now)
    DigestSent.objects.filter(pk=digest.pk).update(
        sent_at=now, notification_count=len(notifications)
    )


@task
def send_danger_report_alert(report_id: int, attempt: int = 1) -> None:
    """E-mail the managers that a report says someone may be in danger.

    Nothing is sent once staff have closed the report: someone has looked.
    """
    report = (
        Report.objects.select_related("thread", "reply__thread")
        .filter(pk=report_id, status=Report.Status.OPEN)
        .first()
    )
    if report is None:
        return
    recipients = emails.danger_alert_recipients()
    if not recipients:
        logger.error(
            "Nobody to tell of report %s (someone may be in danger): set "
            "MANAGERS or give staff the %s permission.",
            report_id,
            emails.QUEUE_PERMISSION,
        )
        return
    send_or_retry(
        emails.danger_report_message(report, recipients),
        task=send_danger_report_alert,
        args=[report_id],
        attempt=attempt,
    )


@task
def send_outcome_reminders() -> int:
    """Remind askers, two weeks on, to share what happened next (reminders.py)."""
    # Imported here: reminders reaches this module through fanout and delivery.
    from .reminders import send_outcome_reminders as send

    return send()
