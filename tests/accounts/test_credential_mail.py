"""Staff's decision reaches the member by a mail that a task sends."""

import smtplib

import pytest
from django.tasks import task_backends

from accounts import services
from accounts.tasks import send_credential_decision
from tests.factories import ProfessionalCredentialFactory, UserFactory


@pytest.fixture
def dummy_tasks(settings):
    """Record enqueued tasks without running them."""
    dummy = "django.tasks.backends.dummy.DummyBackend"
    settings.TASKS = {"default": {"BACKEND": dummy}}
    backend = task_backends["default"]
    backend.results.clear()
    return backend


@pytest.fixture
def application(db):
    return ProfessionalCredentialFactory(user=UserFactory(username="nurse_ada"))


def queued_decisions(backend) -> list:
    return [
        result.args
        for result in backend.results
        if result.task.func == send_credential_decision.func
    ]


def test_decision_mail_is_queued_after_commit_not_sent(
    staff, application, dummy_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        services.approve_credential(reviewer=staff, credential=application)
    assert queued_decisions(dummy_tasks) == []  # Nothing before the commit.
    for callback in callbacks:
        callback()

    assert queued_decisions(dummy_tasks) == [[application.pk, "approved"]]
    assert mailoutbox == []

    send_credential_decision.call(application.pk, "approved")

    (message,) = mailoutbox
    assert message.to == [application.user.email]
    assert "verified you as a medical professional" in message.body


def test_rejection_letter_gives_the_reason(
    staff, application, dummy_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_credential(
            reviewer=staff, credential=application, reason="The licence has lapsed."
        )
    (args,) = queued_decisions(dummy_tasks)
    send_credential_decision.call(*args)
    (message,) = mailoutbox
    assert "The licence has lapsed." in message.body


def test_failed_decision_mail_is_retried_later(
    staff, application, dummy_tasks, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "tests.notifications.test_email_delivery.BrokenMailBackend",
            "OPTIONS": {},
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_credential(reviewer=staff, credential=application)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send_credential_decision.call(application.pk, "approved")
    retry = dummy_tasks.results[-1]
    assert retry.args == [application.pk, "approved"]
    assert retry.kwargs == {"attempt": 2}
    assert retry.task.run_after is not None
