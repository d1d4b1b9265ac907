"""Background work for accounts: the mail members are sent about their account.

Nothing here is sent in a request: the request queues a task (in its own
transaction, with the database backend), and a worker sends it, retrying a
mail server that fails (core.mail.send_or_retry).
"""

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.tasks import task
from django.template.loader import render_to_string

from core.mail import send_or_retry

from .models import ProfessionalCredential


@task
def send_credential_decision(credential_id: int, status: str, attempt: int = 1) -> None:
    """Tell the member staff's decision on their credential, by e-mail.

    The status is the decision as it was made: the letter describes that
    decision even if staff have taken another since.
    """
    credential = (
        ProfessionalCredential.objects.select_related("user")
        .filter(pk=credential_id)
        .first()
    )
    if credential is None or not credential.user.email:
        return
    member = credential.user
    context = {"credential": credential, "member": member}
    stem = f"accounts/email/credential_{status}"
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    subject = prefix + " ".join(
        render_to_string(f"{stem}_subject.txt", context).split()
    )
    body = render_to_string(f"{stem}_message.txt", context)
    message = EmailMessage(subject, body, to=[member.email])
    send_or_retry(
        message,
        task=send_credential_decision,
        args=[credential_id, status],
        attempt=attempt,
    )


def message_payload(message: EmailMessage) -> dict:
    """Return message as the plain data a task's arguments can carry."""
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


@task
def send_rendered_mail(message: dict, attempt: int = 1) -> None:
    """Send a message rendered in the request: allauth's confirmations, resets.

    The message carries what the member must click (a confirmation or reset
    link), so it is rendered where allauth has the request and only sent
    here.
    """
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        headers=message["headers"],
    )
    for content, mimetype in message["alternatives"]:
        email.attach_alternative(content, mimetype)
    send_or_retry(email, task=send_rendered_mail, args=[message], attempt=attempt)
