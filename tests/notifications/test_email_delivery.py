"""Notifications by e-mail: queued in the request, sent by a task."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.mail import MAX_ATTEMPTS
from forum import services
from notifications import preferences
from notifications.models import Delivery, Kind, Notification
from notifications.tasks import send_notification_email
from tests.factories import UserFactory

BODY = (
    "I had the same twitch for a month last spring.\n"
    "\n"
    "It faded once I cut back on coffee and slept eight hours.\n"
    "A warm compress in the evening helped too.\n"
    "If it spreads to your cheek, see your GP.\n"
    "This fifth line is not part of the e-mail's excerpt."
)


def reply_by(author, thread, django_capture_on_commit_callbacks, body=BODY):
    with django_capture_on_commit_callbacks(execute=True):
        return services.post_reply(author=author, thread=thread, body=body)


def test_reply_is_queued_not_sent_in_the_request(
    client, thread, other_user, dummy_tasks, django_capture_on_commit_callbacks
):
    client.force_login(other_user)
    url = reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"body": BODY})
    assert response.status_code == 302
    assert mail.outbox == []
    notification = Notification.objects.get(recipient=thread.author)
    (queued,) = dummy_tasks.results
    assert queued.task.func == send_notification_email.func
    assert queued.args == [notification.pk]

    send_notification_email.call(*queued.args)

    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_task_sends_text_and_html_with_excerpt_link_and_unsubscribe_headers(
    thread, other_user, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://forum.example.org"
    reply = reply_by(other_user, thread, django_capture_on_commit_callbacks)

    (message,) = mailoutbox
    assert message.to == [thread.author.email]
    assert "helpful_neighbour replied to" in message.subject
    assert thread.title in message.subject
    link = f"https://forum.example.org{reply.get_absolute_url()}"
    assert "I had the same twitch for a month last spring." in message.body
    assert "If it spreads to your cheek, see your GP." in message.body
    assert "fifth line" not in message.body
    assert link in message.body
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    assert link.replace("&", "&amp;") in html
    assert "A warm compress in the evening helped too." in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://forum.example.org/notifications/email/")
    assert unsubscribe.strip("<>") in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    sent = message.message()
    assert sent["List-Unsubscribe"] == unsubscribe
    assert Notification.objects.get(recipient=thread.author).emailed_at is not None


def test_professional_reply_says_who_replied(
    thread, mailoutbox, django_capture_on_commit_callbacks
):
    doctor = UserFactory(
        username="dr_amara",
        is_medical_professional=True,
        professional_title="Neurologist",
    )
    reply_by(doctor, thread, django_capture_on_commit_callbacks)
    (message,) = mailoutbox
    assert "a verified medical professional (Neurologist)" in message.body


def test_never_sends_nothing(
    thread, other_user, mailoutbox, dummy_tasks, django_capture_on_commit_callbacks
):
    preferences.set_email_preferences(
        member=thread.author,
        choices={Kind.REPLY: Delivery.NEVER, Kind.PROFESSIONAL_REPLY: Delivery.NEVER},
    )
    reply_by(other_user, thread, django_capture_on_commit_callbacks)
    assert dummy_tasks.results == []
    assert Notification.objects.filter(recipient=thread.author).count() == 1


def test_daily_waits_for_the_digest(
    thread, other_user, mailoutbox, dummy_tasks, django_capture_on_commit_callbacks
):
    preferences.set_email_preferences(
        member=thread.author, choices={Kind.REPLY: Delivery.DAILY}
    )
    reply_by(other_user, thread, django_capture_on_commit_callbacks)
    assert dummy_tasks.results == []
    assert mailoutbox == []
    notification = Notification.objects.get(recipient=thread.author)
    assert notification.emailed_at is None


def test_task_skips_what_is_no_longer_due(
    thread,
    other_user,
    staff,
    mailoutbox,
    dummy_tasks,
    django_capture_on_commit_callbacks,
):
    reply = reply_by(other_user, thread, django_capture_on_commit_callbacks)
    notification = Notification.objects.get(recipient=thread.author)

    services.remove_reply(moderator=staff, reply=reply)
    send_notification_email.call(notification.pk)
    assert mailoutbox == []

    send_notification_email.call(424242)  # Gone: nothing to do.
    assert mailoutbox == []


def test_task_skips_inactive_and_unconfirmed_members(
    thread, other_user, mailoutbox, dummy_tasks, django_capture_on_commit_callbacks
):
    reply_by(other_user, thread, django_capture_on_commit_callbacks)
    notification = Notification.objects.get(recipient=thread.author)
    thread.author.emailaddress_set.update(verified=False)
    send_notification_email.call(notification.pk)
    assert mailoutbox == []

    thread.author.emailaddress_set.update(verified=True)
    type(thread.author).objects.filter(pk=thread.author.pk).update(is_active=False)
    send_notification_email.call(notification.pk)
    assert mailoutbox == []


def test_task_sends_once(
    thread, other_user, mailoutbox, dummy_tasks, django_capture_on_commit_callbacks
):
    reply_by(other_user, thread, django_capture_on_commit_callbacks)
    notification = Notification.objects.get(recipient=thread.author)
    send_notification_email.call(notification.pk)
    send_notification_email.call(notification.pk)
    assert len(mailoutbox) == 1


class BrokenMailBackend(mail.backends.base.BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def mail_server_down(settings):
    settings.MAILERS = {
        "default": {"BACKEND": f"{__name__}.BrokenMailBackend", "OPTIONS": {}}
    }


def test_failed_send_is_retried_later_with_backoff(
    thread,
    other_user,
    dummy_tasks,
    mail_server_down,
    django_capture_on_commit_callbacks,
):
    reply_by(other_user, thread, django_capture_on_commit_callbacks)
    notification = Notification.objects.get(recipient=thread.author)
    (first,) = dummy_tasks.results

    before = timezone.now()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_notification_email.call(*first.args, **first.kwargs)

    retry = dummy_tasks.results[-1]
    assert retry.task.func == send_notification_email.func
    assert retry.args == [notification.pk]
    assert retry.kwargs == {"attempt": 2}
    assert retry.task.run_after >= before + timedelta(minutes=1)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_notification_email.call(*retry.args, **retry.kwargs)
    later = dummy_tasks.results[-1]
    assert later.kwargs == {"attempt": 3}
    assert later.task.run_after - retry.task.run_after > timedelta(minutes=1)
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_retries_stop_after_the_last_attempt(
    thread,
    other_user,
    dummy_tasks,
    mail_server_down,
    django_capture_on_commit_callbacks,
):
    reply_by(other_user, thread, django_capture_on_commit_callbacks)
    notification = Notification.objects.get(recipient=thread.author)
    dummy_tasks.results.clear()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_notification_email.call(notification.pk, attempt=MAX_ATTEMPTS)
    assert dummy_tasks.results == []


def test_failed_send_is_shown_to_staff_in_the_admin(
    admin_client,
    settings,
    thread,
    other_user,
    mail_server_down,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    reply_by(other_user, thread, django_capture_on_commit_callbacks)

    # The worker runs here, inside the test's transaction: it must not close
    # the connection between tasks as it does in its own process.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections",
        lambda: None,
    )
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert failed.status == "FAILED"
    assert "SMTPServerDisconnected" in failed.traceback
    assert retry.status == "READY"
    assert retry.run_after > timezone.now()
    changelist = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    response = admin_client.get(changelist, {"status__exact": "FAILED"})
    assert response.status_code == 200
    assert "send_notification_email" in response.text
    response = admin_client.get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed.pk])
    )
    assert "Connection unexpectedly closed" in response.text
