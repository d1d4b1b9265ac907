"""Once an account is deleted, no table in the database holds its personal data.

Every column of every row of every table is read back and searched for the
member's username, e-mail address and names: whatever the site stores, and
whatever the packages it uses store (sessions, allauth's addresses, the
admin's history, the task queue).
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client

from accounts.models import ProfessionalCredential, Sanction, User
from accounts.tasks import send_rendered_mail
from forum.models import HelpfulVote, PostToken, Reply, Report, Revision, Thread
from notifications.models import (
    DigestSent,
    EmailPreference,
    Follow,
    Notification,
)
from privacy import services
from privacy.models import DataExport
from tests.factories import DataExportFactory

from .conftest import EMAIL, FIRST_NAME, LAST_NAME, USERNAME

IDENTITY = (USERNAME, EMAIL, FIRST_NAME, LAST_NAME)


def _text(value) -> str:
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _rows_naming(words) -> list[tuple[str, str]]:
    """Return (table, word) for each row of any table holding one of words."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT * FROM {quote(table)}")
            for row in cursor.fetchall():
                text = " ".join(_text(value) for value in row if value is not None)
                found += [
                    (table, word) for word in words if word.lower() in text.lower()
                ]
    return found


@pytest.fixture
def everywhere(history, settings):
    """The history, plus what else the site keeps about a member who uses it."""
    member = history.member
    # Signed in on two devices.
    for _ in range(2):
        Client().force_login(member)
    # A prepared export, and account mail waiting in the worker's queue.
    DataExportFactory(member=member, content=f'{{"username": "{USERNAME}"}}')
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_rendered_mail.enqueue(
        {
            "subject": "Confirm your address",
            "body": f"Hello {USERNAME}, please confirm {EMAIL}.",
            "from_email": "noreply@example.com",
            "to": [EMAIL],
            "headers": {},
            "alternatives": [],
        }
    )
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    PostToken.objects.create(member=member, token="abc", reply=history.reply)
    return history


def test_the_member_is_everywhere_before(everywhere):
    tables = {table for table, _ in _rows_naming(IDENTITY)}
    assert {
        "accounts_user",
        "account_emailaddress",
        "django_admin_log",
        "django_tasks_database_dbtaskresult",
        "privacy_dataexport",
    } <= tables


@pytest.mark.parametrize("remove_posts", [False, True], ids=["keep", "remove"])
def test_nothing_names_the_member_after(everywhere, remove_posts):
    member = everywhere.member
    services.delete_account(member=member, remove_posts=remove_posts)
    assert _rows_naming(IDENTITY) == []
    erased = User.objects.get(pk=member.pk)
    assert erased.username.startswith("former-member-")
    assert erased.username_skeleton != USERNAME


@pytest.mark.parametrize("remove_posts", [False, True], ids=["keep", "remove"])
def test_what_goes_and_what_stays(everywhere, remove_posts):
    h = everywhere
    member = h.member
    services.delete_account(member=member, remove_posts=remove_posts)
    gone = [
        EmailAddress.objects.filter(user=member),
        ProfessionalCredential.objects.filter(user=member),
        Notification.objects.filter(recipient=member),
        Notification.objects.filter(actor=member),
        Follow.objects.filter(member=member),
        EmailPreference.objects.filter(member=member),
        DigestSent.objects.filter(member=member),
        PostToken.objects.filter(member=member),
        DataExport.objects.filter(member=member),
    ]
    assert [rows.model.__name__ for rows in gone if rows.exists()] == []
    assert not any(
        session.get_decoded().get(SESSION_KEY) == str(member.pk)
        for session in Session.objects.all()
    )
    # Kept, naming nobody: votes, reports without their note, sanctions.
    assert HelpfulVote.objects.filter(voter=member).count() == 2
    report = Report.objects.get(pk=h.report.pk)
    assert (report.reporter_id, report.note) == (member.pk, "")
    assert Sanction.objects.filter(member=member).exists()
    # The neighbour keeps the notification the member's reply caused.
    assert Notification.objects.filter(recipient=h.neighbour, actor=None).exists()
    threads = Thread.objects.filter(author=member)
    replies = Reply.objects.filter(author=member)
    assert threads.count() == 1 and replies.count() == 1
    if remove_posts:
        assert not threads.filter(removed_at=None).exists()
        assert not replies.filter(removed_at=None).exists()
        assert set(threads.values_list("body", "body_html")) == {("", "")}
        assert set(replies.values_list("body", "body_html")) == {("", "")}
        assert threads.get().title == "Question deleted by its author"
        assert set(threads.values_list("is_removed_by_author", flat=True)) == {True}
        revisions = Revision.objects.filter(editor=member)
        assert revisions.count() == 2
        assert set(revisions.values_list("title", "body", "reason")) == {("", "", "")}
    else:
        assert threads.get().title == "Pins and needles in both feet"
        assert replies.get().body == "Drinking more water helped me a lot."
        assert Revision.objects.filter(editor=member).count() == 2
        assert threads.get().removed_at is None


def test_an_account_cannot_be_deleted_twice(history):
    services.delete_account(member=history.member, remove_posts=False)
    erased = User.objects.get(pk=history.member.pk)
    with pytest.raises(PermissionDenied):
        services.delete_account(member=erased, remove_posts=True)
