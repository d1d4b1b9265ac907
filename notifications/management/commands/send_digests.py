from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from notifications.models import Delivery, DigestSent, Notification
from notifications.preferences import EMAILED_KINDS, deliveries_for
from notifications.tasks import send_digest


class Command(BaseCommand):
    help = (
        "Queue today's digest for every member with notifications waiting for "
        "it. Run once a day (cron); a second run on the same day queues nothing."
    )

    def handle(self, *args, **options):
        day = timezone.localdate()
        waiting = Notification.objects.filter(
            emailed_at__isnull=True,
            kind__in=EMAILED_KINDS,
            recipient__is_active=True,
        ).values_list("recipient_id", "kind")
        pairs = set(waiting.distinct())
        deliveries = deliveries_for({member_id for member_id, _ in pairs})
        member_ids = sorted(
            member_id
            for member_id, kind in pairs
            if deliveries[member_id, kind] == Delivery.DAILY
        )
        queued = 0
        for member_id in dict.fromkeys(member_ids):
            # Recorded and queued together: a member is sent one digest a day.
            with transaction.atomic():
                _, created = DigestSent.objects.get_or_create(
                    member_id=member_id, day=day
                )
                if created:
                    send_digest.enqueue(member_id, day.isoformat())
                    queued += 1
        self.stdout.write(f"Queued {queued} digest(s) for {day.isoformat()}.")
