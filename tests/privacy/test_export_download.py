"""A prepared export is downloaded only by its own member, logged in, in time."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.factories import DataExportFactory, UserFactory


def _url(export) -> str:
    return reverse("privacy:export-download", args=[export.pk])


def test_its_member_downloads_it(client, member):
    export = DataExportFactory(member=member)
    client.force_login(member)
    response = client.get(_url(export))
    assert response.status_code == 200
    assert response.content == export.content.encode()
    assert response["Content-Disposition"].startswith("attachment;")
    assert "private" in response["Cache-Control"]


def test_another_member_finds_nothing(client, member):
    export = DataExportFactory(member=member)
    client.force_login(UserFactory(username="curious_cat"))
    response = client.get(_url(export))
    assert response.status_code == 404
    assert export.content.encode() not in response.content


def test_staff_find_nothing_either(client, member, staff):
    export = DataExportFactory(member=member)
    client.force_login(staff)
    assert client.get(_url(export)).status_code == 404


def test_a_visitor_is_asked_to_log_in_first(client, member):
    export = DataExportFactory(member=member)
    response = client.get(_url(export))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=" in response.url


def test_an_expired_export_is_gone(client, member):
    export = DataExportFactory(member=member, expires_at=timezone.now())
    client.force_login(member)
    response = client.get(_url(export))
    assert response.status_code == 410
    assert b"This download has expired" in response.content
    assert export.content.encode() not in response.content


def test_one_not_ready_yet_says_so(client, member):
    export = DataExportFactory(
        member=member,
        ready_at=None,
        content="",
        expires_at=timezone.now() + timedelta(days=7),
    )
    client.force_login(member)
    response = client.get(_url(export), follow=True)
    assert response.redirect_chain[-1][0] == reverse("privacy:export")
    assert b"not ready yet" in response.content


def test_it_is_fetched_only_with_a_get(client, member):
    export = DataExportFactory(member=member)
    client.force_login(member)
    assert client.post(_url(export)).status_code == 405
