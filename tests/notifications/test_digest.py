"""The daily digest: one e-mail a day at most, listing what waited for it."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from forum import services
from notifications import preferences
from notifications.models import Delivery, DigestSent, Kind, Notification
from tests.factories import UserFactory


@pytest.fixture
def daily_reader(user):
    """The asker, who chose to hear of replies once a day."""
    preferences.set_email_preferences(member=user, choices={Kind.REPLY: Delivery.DAILY})
    return user


def post_replies(thread, authors, capture):
    with capture(execute=True):
        return [
            services.post_reply(
                author=author,
                thread=thread,
                body=f"Reply number {n} from {author.username}.\nMore after.",
            )
            for n, author in enumerate(authors, start=1)
        ]


def to(member, mailoutbox) -> list:
    """Return the mail sent to member (repliers follow the thread too)."""
    return [message for message in mailoutbox if message.to == [member.email]]


def send_digests():
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_one_mail_lists_what_waited(
    daily_reader, thread, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://forum.example.org"
    neighbours = [UserFactory(username=name) for name in ("night_owl", "early_bird")]
    replies = post_replies(thread, neighbours, django_capture_on_commit_callbacks)
    assert to(daily_reader, mailoutbox) == []  # Nothing as they happen.

    send_digests()

    (message,) = to(daily_reader, mailoutbox)
    assert message.to == [daily_reader.email]
    assert "2 things you may have missed" in message.subject
    for reply in replies:
        assert reply.body.splitlines()[0] in message.body
        assert f"https://forum.example.org{reply.get_absolute_url()}" in message.body
    assert message.body.index("night_owl") < message.body.index("early_bird")
    ((html, _),) = message.alternatives
    assert "night_owl replied to" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert "the daily digest" in message.body
    assert not Notification.objects.filter(
        recipient=daily_reader, emailed_at__isnull=True
    ).exists()
    digest = DigestSent.objects.get(member=daily_reader)
    assert digest.day == timezone.localdate()
    assert digest.notification_count == 2
    assert digest.sent_at is not None


def test_second_run_on_the_same_day_sends_nothing(
    daily_reader, thread, other_user, mailoutbox, django_capture_on_commit_callbacks
):
    post_replies(thread, [other_user], django_capture_on_commit_callbacks)
    send_digests()
    post_replies(thread, [UserFactory()], django_capture_on_commit_callbacks)
    send_digests()

    assert len(to(daily_reader, mailoutbox)) == 1
    assert DigestSent.objects.filter(member=daily_reader).count() == 1
    # The later reply waits for tomorrow's digest.
    assert (
        Notification.objects.filter(
            recipient=daily_reader, emailed_at__isnull=True
        ).count()
        == 1
    )


def test_next_day_sends_what_came_since(
    daily_reader,
    thread,
    other_user,
    mailoutbox,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    post_replies(thread, [other_user], django_capture_on_commit_callbacks)
    send_digests()
    late = UserFactory(username="late_reader")
    post_replies(thread, [late], django_capture_on_commit_callbacks)
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)

    send_digests()

    first, second = to(daily_reader, mailoutbox)
    assert "late_reader" not in first.body
    assert "late_reader" in second.body
    assert other_user.username not in second.body


def test_one_digest_per_member_with_only_their_notifications(
    daily_reader, thread, other_user, mailoutbox, django_capture_on_commit_callbacks
):
    # other_user follows the thread by replying and also chose the digest.
    preferences.set_email_preferences(
        member=other_user, choices={Kind.REPLY: Delivery.DAILY}
    )
    post_replies(thread, [other_user], django_capture_on_commit_callbacks)
    post_replies(
        thread,
        [UserFactory(username="third_voice")],
        django_capture_on_commit_callbacks,
    )

    send_digests()

    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert set(by_recipient) == {daily_reader.email, other_user.email}
    assert "1 thing you may have missed" in by_recipient[other_user.email].subject
    assert "2 things" in by_recipient[daily_reader.email].subject


def test_immediate_never_and_removed_are_left_out(
    user,
    thread,
    other_user,
    staff,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    # Replies are immediate by default: their mail went out at once.
    post_replies(thread, [other_user], django_capture_on_commit_callbacks)
    assert len(to(user, mailoutbox)) == 1
    preferences.set_email_preferences(member=user, choices={Kind.REPLY: Delivery.DAILY})
    (gone,) = post_replies(thread, [UserFactory()], django_capture_on_commit_callbacks)
    services.remove_reply(moderator=staff, reply=gone)

    send_digests()

    assert len(to(user, mailoutbox)) == 1
    assert not DigestSent.objects.filter(member=user, sent_at__isnull=False).exists()


def test_members_who_chose_never_get_no_digest(
    user, thread, other_user, mailoutbox, django_capture_on_commit_callbacks
):
    preferences.set_email_preferences(member=user, choices={Kind.REPLY: Delivery.NEVER})
    post_replies(thread, [other_user], django_capture_on_commit_callbacks)
    send_digests()
    assert mailoutbox == []
    assert not DigestSent.objects.exists()
