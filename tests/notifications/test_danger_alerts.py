"""A report that someone may be in danger reaches the managers by e-mail at once."""

import pytest
from django.urls import NoReverseMatch, reverse

from forum import services
from forum.models import Report
from notifications.models import Notification
from notifications.tasks import send_danger_report_alert
from tests.factories import ModeratorFactory, UserFactory

NOTE = "They wrote that they have stopped eating and see no point."


@pytest.fixture
def reporter(db):
    return UserFactory(username="worried_friend")


@pytest.fixture
def report_danger(reporter, django_capture_on_commit_callbacks):
    def report(post, reason=Report.Reason.DANGER, note=NOTE):
        with django_capture_on_commit_callbacks(execute=True):
            return services.report_post(
                reporter=reporter, post=post, reason=reason, note=note
            )

    return report


def queue_url() -> str:
    for name in ("admin:forum_report_queue", "admin:forum_report_changelist"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return reverse("admin:index")


def test_the_managers_are_mailed_with_links_to_the_post_and_the_queue(
    reply, report_danger, settings, mailoutbox
):
    settings.MANAGERS = ["duty@forum.example.org", "lead@forum.example.org"]
    settings.SITE_URL = "https://forum.example.org"

    report_danger(reply)

    (message,) = mailoutbox
    assert message.to == settings.MANAGERS
    assert message.subject.startswith(
        "[Health Forum] Urgent: a report says someone may be in danger"
    )
    assert reply.thread.title in message.subject
    assert f"https://forum.example.org{queue_url()}" in message.body
    assert f"https://forum.example.org{reply.get_absolute_url()}" in message.body
    assert NOTE in message.body
    assert "List-Unsubscribe" not in message.extra_headers


def test_without_managers_every_active_staff_member_who_handles_reports_hears(
    thread, report_danger, settings, mailoutbox
):
    settings.MANAGERS = []
    on_duty = ModeratorFactory(username="on_duty")
    ModeratorFactory(username="retired", is_active=False)
    ModeratorFactory(username="editor", permissions=["forum.change_thread"])
    UserFactory(username="not_staff_at_all")

    report_danger(thread)

    (message,) = mailoutbox
    assert message.to == [on_duty.email]


def test_the_alert_is_queued_not_sent_in_the_request(
    client,
    reply,
    reporter,
    settings,
    dummy_tasks,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    settings.MANAGERS = ["duty@forum.example.org"]
    client.force_login(reporter)
    url = reverse("forum:reply-report", kwargs={"pk": reply.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": Report.Reason.DANGER, "note": NOTE})
    assert response.status_code == 302

    assert mailoutbox == []
    (queued,) = dummy_tasks.results
    assert queued.task.func == send_danger_report_alert.func
    report = Report.objects.get()
    assert queued.args == [report.pk]
    send_danger_report_alert.call(*queued.args)
    assert len(mailoutbox) == 1


def test_a_report_staff_closed_before_the_worker_ran_sends_nothing(
    reply, report_danger, settings, dummy_tasks, mailoutbox
):
    settings.MANAGERS = ["duty@forum.example.org"]
    report = report_danger(reply)
    services.close_reports(
        moderator=ModeratorFactory(), post=reply, outcome=Report.Status.RESOLVED
    )
    send_danger_report_alert.call(report.pk)
    assert mailoutbox == []


@pytest.mark.parametrize(
    "reason", [reason for reason in Report.Reason if reason != Report.Reason.DANGER]
)
def test_other_reports_wait_for_the_queue(
    reply, report_danger, settings, mailoutbox, reason
):
    settings.MANAGERS = ["duty@forum.example.org"]
    report_danger(reply, reason=reason)
    assert mailoutbox == []
    # Nor is the author told of one report.
    assert not Notification.objects.filter(recipient=reply.author).exists()
