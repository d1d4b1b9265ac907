"""Members report a post once, with a reason; enough reports hide it for review."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from forum import services
from forum.models import Hold, Reply, Report, Thread
from forum.recount import recount_counters
from tests.factories import UserFactory
from tests.html import parse


@pytest.fixture
def reporters(db):
    return [UserFactory(username=f"reporter_{n}") for n in range(3)]


def _report_url(reply: Reply) -> str:
    return reverse("forum:reply-report", kwargs={"pk": reply.pk})


def test_a_member_reports_a_reply_with_a_reason_and_a_note(client, reply, user):
    client.force_login(user)
    page = parse(client.get(_report_url(reply)))
    assert page.get_by_role("radio", "Someone may be in danger")
    assert page.get_by_role("textbox", "Anything staff should know (optional)")

    response = client.post(
        _report_url(reply),
        {"reason": "misinformation", "note": "Says to stop seizure medicine."},
        follow=True,
    )

    report = Report.objects.get()
    assert (report.reporter, report.reply, report.reason) == (
        user,
        reply,
        "misinformation",
    )
    assert report.note == "Says to stop seizure medicine."
    assert report.status == Report.Status.OPEN
    assert "Thank you for telling us" in parse(response).one(".messages").text
    # One report is not enough to hide anything.
    reply.refresh_from_db()
    assert not reply.is_removed


def test_a_member_reports_a_question(client, thread, other_user):
    client.force_login(other_user)
    url = reverse("forum:thread-report", args=[thread.pk, thread.slug])
    response = client.post(url, {"reason": "spam"})
    assert response.status_code == 302
    assert Report.objects.get().thread == thread


def test_the_thread_page_offers_report_links_to_others_not_the_author(
    client, thread, reply, other_user
):
    client.force_login(other_user)
    page = parse(client.get(thread.get_absolute_url()))
    assert page.by_role("link", "Report this question to the staff")
    # Their own reply offers Edit and Delete, not Report.
    replies = page.get_by_role("list", "Reply actions")
    assert not replies.by_role("link", "Report this reply to the staff")


def test_a_member_reports_a_post_only_once(client, reply, user):
    services.report_post(reporter=user, post=reply, reason="needs_source")
    with pytest.raises(services.AlreadyReported):
        services.report_post(reporter=user, post=reply, reason="spam")

    client.force_login(user)
    page = parse(client.get(_report_url(reply)))
    assert "You reported this on" in page.one(".notice").text
    assert not page.select("form[method=post] input[name=reason]")
    client.post(_report_url(reply), {"reason": "spam"})
    assert Report.objects.count() == 1


def test_nobody_reports_their_own_post(client, reply, other_user):
    with pytest.raises(PermissionDenied):
        services.report_post(reporter=other_user, post=reply, reason="spam")
    client.force_login(other_user)
    response = client.post(_report_url(reply), {"reason": "spam"})
    assert response.status_code == 403
    assert "your own post" in parse(response).one("main").text
    assert not Report.objects.exists()


def test_a_report_without_a_reason_keeps_the_note(client, reply, user):
    client.force_login(user)
    response = client.post(_report_url(reply), {"note": "Please look at this one."})
    assert response.status_code == 400
    page = parse(response)
    assert "Choose what is wrong with it." in page.text
    note = page.get_by_role("textbox", "Anything staff should know (optional)")
    assert note.text == "Please look at this one."
    assert not Report.objects.exists()


def test_visitors_are_asked_to_log_in_first(client, reply):
    response = client.get(_report_url(reply))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_removed_posts_cannot_be_reported(client, reply, user, staff):
    services.remove_reply(moderator=staff, reply=reply)
    client.force_login(user)
    assert client.get(_report_url(reply)).status_code == 404


def test_enough_reports_hide_the_reply_until_staff_review_it(
    client, thread, reply, reporters, settings
):
    settings.FORUM_REPORT_HOLD_THRESHOLD = 3
    for reporter in reporters[:2]:
        services.report_post(reporter=reporter, post=reply, reason="misinformation")
    reply.refresh_from_db()
    assert not reply.is_removed

    services.report_post(reporter=reporters[2], post=reply, reason="danger")

    reply.refresh_from_db()
    assert reply.is_removed and reply.held_for == Hold.REPORTS
    assert not reply.is_removed_by_author
    page = parse(client.get(thread.get_absolute_url()))
    assert "Mine stopped once I slept more." not in page.text
    thread.refresh_from_db()
    assert thread.reply_count == 0
    assert set(recount_counters().values()) == {0}


def test_enough_reports_hide_a_question_and_its_author_sees_why(
    client, thread, user, reporters, settings
):
    settings.FORUM_REPORT_HOLD_THRESHOLD = 2
    for reporter in reporters[:2]:
        services.report_post(reporter=reporter, post=thread, reason="spam")
    thread.refresh_from_db()
    assert thread.held_for == Hold.REPORTS

    assert client.get(thread.get_absolute_url()).status_code == 410
    client.force_login(user)
    notice = parse(client.get(thread.get_absolute_url())).one(".removed-notice")
    assert "hidden while staff review it" in notice.text
    assert set(recount_counters().values()) == {0}


def test_reports_are_rate_limited_with_the_note_kept(client, forum, user, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "report": (1, 3600)}
    author = UserFactory(username="prolific")
    first, second = (
        services.post_thread(
            author=author, forum=forum, title=title, body="A body long enough here."
        )
        for title in ("First question here", "Second question here")
    )
    client.force_login(user)
    client.post(
        reverse("forum:thread-report", args=[first.pk, first.slug]), {"reason": "spam"}
    )

    response = client.post(
        reverse("forum:thread-report", args=[second.pk, second.slug]),
        {"reason": "spam", "note": "Same advert again."},
    )

    assert response.status_code == 429
    page = parse(response)
    assert "many reports in a short time" in page.text
    assert page.get_by_role(
        "textbox", "Anything staff should know (optional)"
    ).text == ("Same advert again.")
    assert list(Report.objects.values_list("thread", flat=True)) == [first.pk]


def test_a_report_joins_no_page_but_the_hold_expires_the_thread(
    reply, reporters, settings, expires
):
    settings.FORUM_REPORT_HOLD_THRESHOLD = 2
    with expires():
        services.report_post(reporter=reporters[0], post=reply, reason="spam")
    with expires("lists", "members", "thread"):
        services.report_post(reporter=reporters[1], post=reply, reason="spam")


def test_a_report_already_stored_is_not_made_again(reply, user):
    Report.objects.create(reporter=user, reply=reply, reason="spam")
    with pytest.raises(services.AlreadyReported):
        services.report_post(reporter=user, post=reply, reason="spam")
    assert Report.objects.count() == 1


def test_a_thread_held_by_reports_is_out_of_the_lists(
    client, thread, reporters, settings
):
    settings.FORUM_REPORT_HOLD_THRESHOLD = 1
    services.report_post(reporter=reporters[0], post=thread, reason="harassment")
    page = parse(client.get(thread.forum.get_absolute_url()))
    assert thread.title not in page.text
    assert not Thread.objects.visible().exists()
