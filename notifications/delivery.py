"""How new notifications reach members by e-mail."""

import logging

from .models import Delivery, Notification
from .preferences import EMAILED_KINDS, deliveries_for
from .tasks import send_danger_report_alert, send_notification_email

logger = logging.getLogger(__name__)


def notifications_created(notification_ids: list[int]) -> None:
    """Called once the notifications with these ids are committed.

    Queue one e-mail task per notification its recipient wants immediately;
    daily ones wait for send_digests, and nothing is sent here, in the
    request. The post is already committed: a queue that cannot be written
    to is logged rather than turned into an error page for its author.
    """
    try:
        rows = list(
            Notification.objects.filter(
                pk__in=notification_ids,
                emailed_at__isnull=True,
                kind__in=EMAILED_KINDS,
                recipient__is_active=True,
            ).values_list("pk", "recipient_id", "kind")
        )
        deliveries = deliveries_for({recipient_id for _, recipient_id, _ in rows})
        for pk, recipient_id, kind in rows:
            if deliveries[recipient_id, kind] == Delivery.IMMEDIATELY:
                send_notification_email.enqueue(pk)
    except Exception:
        logger.exception(
            "Could not queue e-mail for notifications %s", notification_ids
        )


def danger_reported(report_id: int) -> None:
    """Called once a report that someone may be in danger is committed.

    Queue the e-mail that tells the managers at once. As above, a queue that
    cannot be written to is logged, not shown to the member who reported.
    """
    try:
        send_danger_report_alert.enqueue(report_id)
    except Exception:
        logger.exception("Could not queue the danger alert for report %s", report_id)
