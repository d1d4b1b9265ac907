"""A large export is prepared by a task, kept privately, and e-mailed as a link."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from privacy import services
from privacy.models import DataExport
from privacy.tasks import build_export, send_export_ready

from .conftest import EMAIL, USERNAME


@pytest.fixture(autouse=True)
def _small_inline_limit(settings):
    # The member in history wrote two posts: more than this is "large".
    settings.PRIVACY_EXPORT_INLINE_LIMIT = 1


def _ask(client, member, capture):
    client.force_login(member)
    with capture(execute=True):
        return client.post(reverse("privacy:export"))


def test_asking_queues_the_task_instead_of_downloading(client, history, dummy_tasks):
    client.force_login(history.member)
    response = client.post(reverse("privacy:export"))
    assert response.status_code == 302
    assert response.url == reverse("privacy:export")
    export = DataExport.objects.get(member=history.member)
    assert not export.is_ready
    assert export.content == ""


def test_the_task_is_queued_once_the_row_is_committed(
    history, dummy_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        export = services.request_export(member=history.member)
    (queued,) = dummy_tasks.results
    assert queued.task.name == build_export.name
    # Only the export's id travels to the worker: no data, no address.
    assert queued.args == [str(export.pk)]


def test_the_worker_prepares_the_file_and_mails_the_link(
    client, history, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://forum.example"
    response = _ask(client, history.member, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    export = DataExport.objects.get(member=history.member)
    assert export.is_ready
    assert json.loads(export.content)["profile"]["username"] == USERNAME
    assert export.expires_at > timezone.now() + timedelta(days=6)
    (message,) = [m for m in mail.outbox if "ready to download" in m.subject]
    assert message.to == [EMAIL]
    link = f"https://forum.example/account/data/{export.pk}/"
    assert link in message.body
    # The link works for its member, logged in.
    download = client.get(reverse("privacy:export-download", args=[export.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download.content.decode() == export.content


def test_the_page_tells_the_member_what_happens(
    client, history, django_capture_on_commit_callbacks
):
    response = _ask(client, history.member, django_capture_on_commit_callbacks)
    page = client.get(response.url)
    assert b"We are preparing your file" in page.content
    assert b"Download the file prepared on" in page.content


def test_asking_again_while_it_is_prepared_starts_nothing_new(
    history, dummy_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.request_export(member=history.member)
        again = services.request_export(member=history.member)
    assert first == again
    assert len(dummy_tasks.results) == 1


def test_a_lost_task_does_not_block_a_new_request(
    history, dummy_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.request_export(member=history.member)
    DataExport.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - timedelta(hours=2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        second = services.request_export(member=history.member)
    assert second != first


def test_expired_exports_are_deleted(history, dummy_tasks):
    old = services.request_export(member=history.member)
    DataExport.objects.filter(pk=old.pk).update(expires_at=timezone.now())
    assert services.delete_expired_exports() == 1
    assert not DataExport.objects.exists()


def test_nothing_is_sent_for_an_export_deleted_meanwhile(history, dummy_tasks):
    export_id = str(services.request_export(member=history.member).pk)
    DataExport.objects.filter(pk=export_id).delete()
    build_export.call(export_id)
    send_export_ready.call(export_id)
    assert dummy_tasks.results == []
    assert mail.outbox == []


def test_an_export_is_never_mailed_to_an_erased_member(history, dummy_tasks):
    export = services.request_export(member=history.member)
    build_export.call(str(export.pk))
    (queued,) = dummy_tasks.results
    assert queued.task.name == send_export_ready.name
    mail.outbox.clear()
    services.delete_account(member=history.member, remove_posts=False)
    send_export_ready.call(*queued.args)
    assert mail.outbox == []
    assert not DataExport.objects.exists()
