"""Members who reported a post hear, once, that staff reviewed it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from forum import services
from forum.models import Report
from notifications.models import Kind, Notification
from tests.factories import ModeratorFactory, UserFactory
from tests.html import parse

LIST = reverse("notifications:list")
TITLE = "Eyelid twitching for three weeks"
REASON = "The author's claims about magnesium were wrong and dangerous."
ACTED = (
    f"Thank you for reporting a reply to “{TITLE}”. Staff reviewed it and took action."
)
NOTHING_WRONG = (
    f"Thank you for reporting a reply to “{TITLE}”. Staff reviewed it and found "
    "nothing against the community guidelines, so it stays as it is."
)


@pytest.fixture
def moderator(db):
    return ModeratorFactory(username="calm_moderator")


@pytest.fixture
def reporters(reply):
    members = [UserFactory(username="watchful_one"), UserFactory(username="careful")]
    for member in members:
        services.report_post(
            reporter=member,
            post=reply,
            reason=Report.Reason.MISINFORMATION,
            note="This could hurt someone.",
        )
    return members


@pytest.fixture
def decide(moderator, django_capture_on_commit_callbacks):
    def act(post, action, reason=REASON):
        with django_capture_on_commit_callbacks(execute=True):
            return services.act_on_post(
                moderator=moderator, post=post, action=action, reason=reason
            )

    return act


def notices(member) -> list[Notification]:
    return list(Notification.objects.filter(recipient=member, kind=Kind.MODERATION))


def shown(client, member) -> list[str]:
    client.force_login(member)
    page = parse(client.get(LIST))
    return [item.one("a").text for item in page.select(".notification-moderation")]


def test_removal_tells_each_reporter_once_that_staff_acted(
    client, reply, reporters, decide, mailoutbox
):
    decide(reply, "remove")

    for reporter in reporters:
        assert shown(client, reporter) == [ACTED]
        (message,) = [m for m in mailoutbox if m.to == [reporter.email]]
        assert f"Your report about “{TITLE}” was reviewed" in message.subject
        # The reason is for the author, and the reply's text is gone.
        assert REASON not in message.body
        assert "slept more" not in message.body
    # The author hears the reason, in their own notice.
    (notice,) = notices(reply.author)
    assert REASON in notice.message


def test_dismissal_tells_reporters_nothing_was_wrong(client, reply, reporters, decide):
    decide(reply, "dismiss", reason="The reply cites the NHS page correctly.")

    for reporter in reporters:
        assert shown(client, reporter) == [NOTHING_WRONG]
    # Nothing happened to the reply, so its author hears nothing.
    assert notices(reply.author) == []


def test_reporters_never_learn_of_a_sanction_on_the_author(
    client, reply, reporters, moderator, decide
):
    account_services.sanction_member(
        moderator=moderator,
        member=reply.author,
        kind="suspension",
        reason="Repeated misinformation.",
        until=timezone.now() + timedelta(days=7),
    )
    decide(reply, "remove")

    for reporter in reporters:
        (notice,) = notices(reporter)
        assert notice.message == ACTED
        assert "suspen" not in notice.message.lower()


def test_dismissing_reports_that_held_a_post_tells_everyone_concerned(
    client, reply, settings, decide
):
    reporters = UserFactory.create_batch(settings.FORUM_REPORT_HOLD_THRESHOLD)
    for reporter in reporters:
        services.report_post(reporter=reporter, post=reply, reason="spam")

    decide(reply, "dismiss", reason="Not spam: a personal story.")

    for reporter in reporters:
        assert shown(client, reporter) == [NOTHING_WRONG]
    assert shown(client, reply.author) == [
        f"Staff restored your reply to “{TITLE}”: everyone can read it again. "
        "The reason staff gave: Not spam: a personal story.",
        f"Your reply to “{TITLE}” is hidden while staff review reports about it. "
        "You will hear from us once they have decided.",
    ]


def test_a_reporter_opening_the_notice_reaches_the_post_only_if_still_shown(
    client, thread, decide
):
    removed, kept = UserFactory(), UserFactory()
    services.report_post(reporter=removed, post=thread, reason="spam")
    decide(thread, "remove")
    decide(thread, "restore", reason="Removed by mistake.")
    services.report_post(reporter=kept, post=thread, reason="spam")
    decide(thread, "dismiss", reason="Nothing wrong.")
    decide(thread, "remove")  # For good, after all.

    # The first reporter's notice names a question they can no longer read;
    # the second's a question they could when staff decided: neither can now.
    for reporter in (removed, kept):
        (notice,) = notices(reporter)
        client.force_login(reporter)
        response = client.get(reverse("notifications:open", kwargs={"pk": notice.pk}))
        assert response["Location"] == LIST


def test_a_reporter_whose_report_was_dismissed_is_led_to_the_post(
    client, thread, decide
):
    reporter = UserFactory()
    services.report_post(reporter=reporter, post=thread, reason="spam")
    decide(thread, "dismiss", reason="Nothing wrong.")
    (notice,) = notices(reporter)
    client.force_login(reporter)
    response = client.get(reverse("notifications:open", kwargs={"pk": notice.pk}))
    assert response["Location"] == thread.get_absolute_url()


def test_staff_closing_their_own_report_are_not_told(client, reply, moderator, decide):
    services.report_post(reporter=moderator, post=reply, reason="spam")
    decide(reply, "resolve")
    assert notices(moderator) == []


def test_erased_or_inactive_reporters_are_told_nothing(reply, reporters, decide):
    gone, inactive = reporters
    type(gone).objects.filter(pk=gone.pk).update(erased_at=timezone.now())
    type(inactive).objects.filter(pk=inactive.pk).update(is_active=False)
    decide(reply, "remove")
    assert notices(gone) == []
    assert notices(inactive) == []


def test_telling_many_reporters_costs_no_more_queries(reply, moderator):
    def queries_to_close(post, how_many) -> int:
        for _ in range(how_many):
            services.report_post(reporter=UserFactory(), post=post, reason="spam")
        with CaptureQueriesContext(connection) as captured:
            services.close_reports(
                moderator=moderator, post=post, outcome=Report.Status.RESOLVED
            )
        return len(captured)

    def another_reply():
        return services.post_reply(
            author=UserFactory(), thread=reply.thread, body="Same here."
        )

    queries_to_close(reply, 1)  # Caches the moderator's permissions.
    assert queries_to_close(another_reply(), 1) == queries_to_close(another_reply(), 2)
