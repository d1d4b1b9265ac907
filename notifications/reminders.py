"""Reminding askers, two weeks on, to share what happened next.

A reader who finds a question months later most wants to know how it ended.
OUTCOME_REMINDER_AFTER asking, the asker is invited (Kind.OUTCOME_REMINDER,
in the site, by e-mail only if they chose it) to add an outcome to their
question (forum.outcomes). Once per question, which a database constraint
keeps; never for a removed, held or locked question, one that already has an
outcome, or an asker who can no longer be told.

Run once a day by ``manage.py send_outcome_reminders`` (cron), or by the
task of the same name on a worker; running it twice reminds nobody twice.
"""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from forum.models import Thread

from .fanout import _written
from .models import Kind, Notification

OUTCOME_REMINDER_AFTER = timedelta(days=14)
# A question asked longer ago than this is left alone: the first run after
# reminders arrived must not remind members of questions from years back,
# and a reminder weeks late would puzzle more than help.
OUTCOME_REMINDER_UNTIL = timedelta(days=28)
BATCH_SIZE = 500


def threads_due_a_reminder(now: datetime | None = None) -> QuerySet[Thread]:
    """Return the questions whose askers should now be reminded, oldest first."""
    now = now or timezone.now()
    reminded = Notification.objects.filter(
        kind=Kind.OUTCOME_REMINDER, thread=OuterRef("pk")
    )
    return (
        Thread.objects.visible()
        .filter(
            is_locked=False,
            outcome_at__isnull=True,
            created_at__lte=now - OUTCOME_REMINDER_AFTER,
            created_at__gt=now - OUTCOME_REMINDER_UNTIL,
            author__is_active=True,
            author__erased_at__isnull=True,
        )
        .exclude(Exists(reminded))
        .order_by("created_at", "id")
    )


def send_outcome_reminders(now: datetime | None = None) -> int:
    """Remind every asker whose question is due, once each; return how many.

    In batches of BATCH_SIZE, each one transaction: two queries to find and
    write it, one to read back what it wrote. A run racing another skips
    the questions the other reminded first (the unique constraint), and
    each batch is delivered and counted as any notification is, on commit.
    """
    now = now or timezone.now()
    sent = 0
    while True:
        with transaction.atomic():
            due = list(
                threads_due_a_reminder(now).values_list("pk", "author_id")[:BATCH_SIZE]
            )
            if not due:
                return sent
            Notification.objects.bulk_create(
                [
                    Notification(
                        recipient_id=author_id,
                        kind=Kind.OUTCOME_REMINDER,
                        thread_id=thread_id,
                        created_at=now,
                    )
                    for thread_id, author_id in due
                ],
                ignore_conflicts=True,
            )
            written = list(
                Notification.objects.filter(
                    kind=Kind.OUTCOME_REMINDER,
                    thread_id__in=[thread_id for thread_id, _ in due],
                    created_at=now,
                )
            )
            _written(written)
            sent += len(written)
