"""Two weeks after asking, the asker is invited to share what happened next."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from forum import services as forum_services
from forum.models import Thread
from forum.outcomes import share_outcome
from notifications import preferences
from notifications.models import Delivery, Kind, Notification
from notifications.reminders import (
    OUTCOME_REMINDER_AFTER,
    OUTCOME_REMINDER_UNTIL,
    send_outcome_reminders,
)
from notifications.tasks import send_outcome_reminders as reminder_task
from privacy import services as privacy_services
from tests.factories import UserFactory
from tests.html import parse


def _asked(thread, ago: timedelta) -> Thread:
    Thread.objects.filter(pk=thread.pk).update(created_at=timezone.now() - ago)
    return Thread.objects.get(pk=thread.pk)


def _reminders():
    return Notification.objects.filter(kind=Kind.OUTCOME_REMINDER)


def _remind(capture) -> int:
    with capture(execute=True):
        return send_outcome_reminders()


@pytest.fixture
def due(thread):
    """The thread fixture, asked fifteen days ago."""
    return _asked(thread, timedelta(days=15))


def test_the_asker_is_reminded_once_per_question(
    due, user, django_capture_on_commit_callbacks
):
    assert _remind(django_capture_on_commit_callbacks) == 1
    (reminder,) = _reminders()
    assert (reminder.recipient, reminder.thread_id) == (user, due.pk)
    assert reminder.is_unread
    assert _remind(django_capture_on_commit_callbacks) == 0
    assert _reminders().count() == 1


def test_a_question_has_one_reminder_whatever_writes_it(due, user):
    Notification.objects.create(recipient=user, kind=Kind.OUTCOME_REMINDER, thread=due)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            recipient=user, kind=Kind.OUTCOME_REMINDER, thread=due
        )


def test_only_questions_of_the_right_age_are_reminded(
    thread, django_capture_on_commit_callbacks
):
    for age in (
        OUTCOME_REMINDER_AFTER - timedelta(hours=1),
        OUTCOME_REMINDER_UNTIL + timedelta(hours=1),
    ):
        _asked(thread, age)
        assert _remind(django_capture_on_commit_callbacks) == 0
    _asked(thread, OUTCOME_REMINDER_AFTER + timedelta(hours=1))
    assert _remind(django_capture_on_commit_callbacks) == 1


def test_no_reminder_for_a_removed_locked_or_answered_question(
    forum, user, staff, django_capture_on_commit_callbacks
):
    def asked(title):
        thread = forum_services.post_thread(
            author=user, forum=forum, title=title, body="Something worries me a lot."
        )
        return _asked(thread, timedelta(days=15))

    removed, held, locked, shared = (
        asked(title) for title in ("Removed one", "Held one", "Locked one", "Shared")
    )
    forum_services.remove_thread(moderator=staff, thread=removed)
    Thread.objects.filter(pk=held.pk).update(
        removed_at=timezone.now(), held_for="links"
    )
    forum_services.set_thread_flags(moderator=staff, thread=locked, is_locked=True)
    share_outcome(asker=user, thread=shared, text="All fine now.")
    assert _remind(django_capture_on_commit_callbacks) == 0


def test_no_reminder_for_an_asker_who_left_or_was_deactivated(
    due, user, forum, django_capture_on_commit_callbacks
):
    other = UserFactory(username="gone_quiet")
    _asked(
        forum_services.post_thread(
            author=other, forum=forum, title="Ringing ears", body="Since last week."
        ),
        timedelta(days=15),
    )
    other.is_active = False
    other.save(update_fields=["is_active"])
    privacy_services.delete_account(member=user, remove_posts=False)
    assert _remind(django_capture_on_commit_callbacks) == 0


def test_the_reminder_leads_the_asker_to_the_outcome_form(
    client, due, user, django_capture_on_commit_callbacks
):
    _remind(django_capture_on_commit_callbacks)
    client.force_login(user)
    page = parse(client.get(reverse("notifications:list")))
    (item,) = page.select(".notification")
    assert item.one("a").text == (
        f"You asked “{due.title}” 2 weeks ago. What happened next? "
        "Share it to help others who ask the same"
    )
    assert page.by_role("link", "Notifications, 1 unread")
    response = client.get(item.one("a")["href"])
    assert response["Location"] == reverse(
        "forum:thread-outcome", args=[due.pk, due.slug]
    )
    assert not _reminders().get().is_unread


def test_a_reminder_for_a_question_locked_since_leads_to_the_question(
    client, due, user, staff, django_capture_on_commit_callbacks
):
    _remind(django_capture_on_commit_callbacks)
    forum_services.set_thread_flags(moderator=staff, thread=due, is_locked=True)
    client.force_login(user)
    response = client.get(
        reverse("notifications:open", kwargs={"pk": _reminders().get().pk})
    )
    assert response["Location"] == due.get_absolute_url()


def test_sharing_the_outcome_marks_the_reminder_read(
    due, user, django_capture_on_commit_callbacks
):
    _remind(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        share_outcome(asker=user, thread=due, text="A trapped nerve; physio helped.")
    assert not _reminders().get().is_unread


def test_by_default_the_reminder_is_not_e_mailed(
    due, mailoutbox, django_capture_on_commit_callbacks
):
    _remind(django_capture_on_commit_callbacks)
    assert mailoutbox == []
    call_command("send_digests", stdout=io.StringIO())
    assert mailoutbox == []


def test_a_member_who_asked_for_it_at_once_gets_an_e_mail(
    due, user, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://forum.example.org"
    preferences.set_email_preferences(
        member=user, choices={Kind.OUTCOME_REMINDER: Delivery.IMMEDIATELY}
    )
    _remind(django_capture_on_commit_callbacks)
    (message,) = mailoutbox
    assert message.to == [user.email]
    assert "What happened next?" in message.subject
    outcome_url = reverse("forum:thread-outcome", args=[due.pk, due.slug])
    assert f"https://forum.example.org{outcome_url}" in message.body


def test_a_member_who_asked_for_the_digest_finds_it_there(
    due, user, mailoutbox, django_capture_on_commit_callbacks
):
    preferences.set_email_preferences(
        member=user, choices={Kind.OUTCOME_REMINDER: Delivery.DAILY}
    )
    _remind(django_capture_on_commit_callbacks)
    assert mailoutbox == []
    call_command("send_digests", stdout=io.StringIO())
    (message,) = mailoutbox
    assert f"You asked “{due.title}” two weeks ago." in message.body


def test_members_choose_it_on_the_e_mail_preferences_page(client, user):
    client.force_login(user)
    page = parse(client.get(reverse("notifications:email-preferences")))
    legends = [legend.text for legend in page.select("legend")]
    assert "Reminders to share what happened next after you asked" in legends


def test_the_command_and_the_task_both_send_them(
    due, forum, user, django_capture_on_commit_callbacks
):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_outcome_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent 1 outcome reminder(s)."
    later = forum_services.post_thread(
        author=user, forum=forum, title="Jaw clicking", body="When I chew, it clicks."
    )
    _asked(later, timedelta(days=15))
    with django_capture_on_commit_callbacks(execute=True):
        result = reminder_task.enqueue()
    assert result.return_value == 1
    assert _reminders().count() == 2


def test_many_questions_are_reminded_in_batches(
    forum, django_capture_on_commit_callbacks, monkeypatch
):
    from notifications import reminders

    monkeypatch.setattr(reminders, "BATCH_SIZE", 2)
    askers = UserFactory.create_batch(5)
    for n, asker in enumerate(askers):
        thread = forum_services.post_thread(
            author=asker, forum=forum, title=f"Question {n} here", body="Worried."
        )
        _asked(thread, timedelta(days=15))
    assert _remind(django_capture_on_commit_callbacks) == 5
    assert set(_reminders().values_list("recipient", flat=True)) == {
        asker.pk for asker in askers
    }
