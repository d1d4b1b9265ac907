"""Background work for privacy: preparing a large export, and saying it is ready.

Nothing here runs in a request: request_export queues build_export once its
row is committed, and a worker runs it. Only ids travel in the tasks'
arguments, never the member's data or address.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from core.mail import send_or_retry

from .export import export_json
from .models import DataExport


@task
def build_export(export_id: str) -> None:
    """Prepare the file of one export, then queue the e-mail that links it."""
    export = (
        DataExport.objects.current()
        .select_related("member")
        .filter(pk=export_id, ready_at__isnull=True)
        .first()
    )
    if export is None or not export.member.is_active:
        return
    content = export_json(export.member)
    now = timezone.now()
    # The row is gone if the member deleted their account meanwhile.
    prepared = DataExport.objects.filter(pk=export.pk, ready_at__isnull=True).update(
        content=content,
        ready_at=now,
        expires_at=now + timedelta(days=settings.PRIVACY_EXPORT_DAYS),
    )
    if prepared:
        send_export_ready.enqueue(export_id)


@task
def send_export_ready(export_id: str, attempt: int = 1) -> None:
    """E-mail the member the link to their prepared export."""
    export = (
        DataExport.objects.current()
        .select_related("member")
        .filter(pk=export_id, ready_at__isnull=False)
        .first()
    )
    if export is None or not export.member.is_active or not export.member.email:
        return
    member = export.member
    context = {
        "member": member,
        "export": export,
        "download_url": settings.SITE_URL + export.get_absolute_url(),
    }
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    subject = prefix + " ".join(
        render_to_string("privacy/email/export_ready_subject.txt", context).split()
    )
    body = render_to_string("privacy/email/export_ready_message.txt", context)
    send_or_retry(
        EmailMessage(subject, body, to=[member.email]),
        task=send_export_ready,
        args=[export_id],
        attempt=attempt,
    )
