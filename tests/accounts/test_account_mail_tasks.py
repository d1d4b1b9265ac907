"""allauth's account mail is queued for the worker, never sent in the request."""

from django.core import mail
from django.urls import reverse

from accounts.tasks import send_rendered_mail


def _sign_up(client):
    return client.post(
        reverse("account_signup"),
        {
            "email": "worried.parent@example.com",
            "username": "worried_parent",
            "password1": "a-long-and-private-phrase",
            "password2": "a-long-and-private-phrase",
            "consent": "on",
        },
    )


def test_sign_up_queues_the_confirmation_instead_of_sending_it(client, db, dummy_tasks):
    response = _sign_up(client)
    assert response.status_code == 302
    assert mail.outbox == []
    (queued,) = dummy_tasks.results
    assert queued.task.name == send_rendered_mail.name
    (message,) = queued.args
    assert message["to"] == ["worried.parent@example.com"]
    assert "/accounts/confirm-email/" in message["body"]


def test_the_worker_sends_the_queued_message_as_rendered(client, db, dummy_tasks):
    _sign_up(client)
    (queued,) = dummy_tasks.results
    send_rendered_mail.call(*queued.args)
    (sent,) = mail.outbox
    (message,) = queued.args
    assert (sent.subject, sent.body, sent.to) == (
        message["subject"],
        message["body"],
        ["worried.parent@example.com"],
    )
