"""Staff work open reports in the admin's queue; every action is on the record."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry, ImmutableRecordError
from forum import services
from forum.models import Hold, Report
from forum.recount import recount_counters
from tests.factories import UserFactory
from tests.html import parse

QUEUE = reverse("admin:forum_report_queue")


def _act_url(post) -> str:
    kind = "thread" if hasattr(post, "title") else "reply"
    return reverse("admin:forum_report_act", args=[kind, post.pk])


@pytest.fixture
def reporters(db):
    return [UserFactory(username=f"reporter_{n}") for n in range(3)]


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _headings(response) -> list[str]:
    return [h.text for h in parse(response).select(".queue-item h2")]


def test_danger_comes_first_then_the_most_reported(
    staff_client, thread, reply, user, reporters, settings
):
    settings.FORUM_REPORT_HOLD_THRESHOLD = 10
    quiet = services.post_reply(author=user, thread=thread, body="Rest and fluids.")
    for reporter in reporters:
        services.report_post(reporter=reporter, post=reply, reason="spam")
    services.report_post(reporter=reporters[0], post=quiet, reason="danger")
    services.report_post(reporter=reporters[1], post=thread, reason="spam")
    services.report_post(reporter=reporters[2], post=thread, reason="needs_source")

    response = staff_client.get(QUEUE)

    assert response.status_code == 200
    headings = _headings(response)
    assert headings[0].startswith("Someone may be in danger")
    assert "Reply by anxious_reader" in headings[0]
    assert "Reply by helpful_neighbour" in headings[1] and "3 reports" in headings[1]
    assert "Question" in headings[2] and "2 reports" in headings[2]


def test_the_queue_shows_each_report_with_its_note(staff_client, reply, reporters):
    services.report_post(
        reporter=reporters[0],
        post=reply,
        reason="misinformation",
        note="Says antibiotics cure migraines.",
    )
    item = parse(staff_client.get(QUEUE)).one(".queue-item")
    assert "Medical misinformation" in item.text
    assert "Says antibiotics cure migraines." in item.text
    assert "Mine stopped once I slept more." in item.one(".queue-excerpt").text


def test_the_queue_costs_a_fixed_number_of_queries(
    staff_client, forum, reporters, django_assert_max_num_queries
):
    author = UserFactory(username="prolific")
    for n in range(12):
        thread = services.post_thread(
            author=author, forum=forum, title=f"Question {n} here", body="Body text."
        )
        services.report_post(reporter=reporters[n % 3], post=thread, reason="spam")
    with django_assert_max_num_queries(12):
        response = staff_client.get(QUEUE)
    assert len(_headings(response)) == 12


def test_removing_a_reported_reply_resolves_its_reports_on_the_record(
    staff_client, staff, thread, reply, reporters
):
    for reporter in reporters[:2]:
        services.report_post(reporter=reporter, post=reply, reason="misinformation")

    response = staff_client.post(
        _act_url(reply),
        {"action": "remove", "reason": "Dangerous advice about medicine."},
        follow=True,
    )

    assert "Done: remove the post." in parse(response).one(".messagelist").text
    assert _headings(response) == []
    reply.refresh_from_db()
    assert reply.is_removed and not reply.held_for
    assert set(Report.objects.values_list("status", flat=True)) == {"resolved"}
    assert set(Report.objects.values_list("closed_by", flat=True)) == {staff.pk}
    actions = dict(AuditEntry.objects.values_list("action", "reason"))
    assert actions["reply.remove"] == "Dangerous advice about medicine."
    assert actions["reply.reports_resolve"] == "Dangerous advice about medicine."
    assert set(recount_counters().values()) == {0}


def test_dismissing_reports_shows_a_held_post_again(
    staff_client, thread, reply, reporters, settings
):
    settings.FORUM_REPORT_HOLD_THRESHOLD = 2
    for reporter in reporters[:2]:
        services.report_post(reporter=reporter, post=reply, reason="spam")
    reply.refresh_from_db()
    assert reply.held_for == Hold.REPORTS

    staff_client.post(
        _act_url(reply), {"action": "dismiss", "reason": "Ordinary advice."}
    )

    reply.refresh_from_db()
    assert not reply.is_removed and not reply.held_for
    assert set(Report.objects.values_list("status", flat=True)) == {"dismissed"}
    assert AuditEntry.objects.filter(action="reply.reports_dismiss").exists()
    assert AuditEntry.objects.filter(action="reply.restore").exists()
    assert set(recount_counters().values()) == {0}


def test_restoring_from_the_queue_dismisses_the_reports(
    staff_client, thread, reporters, settings
):
    settings.FORUM_REPORT_HOLD_THRESHOLD = 1
    services.report_post(reporter=reporters[0], post=thread, reason="spam")
    staff_client.post(_act_url(thread), {"action": "restore", "reason": "Fine."})
    thread.refresh_from_db()
    assert not thread.is_removed
    assert Report.objects.get().status == "dismissed"


def test_locking_from_the_queue_locks_the_thread_and_resolves(
    staff_client, thread, reply, reporters
):
    services.report_post(reporter=reporters[0], post=reply, reason="harassment")
    staff_client.post(_act_url(reply), {"action": "lock", "reason": "Heated."})
    thread.refresh_from_db()
    assert thread.is_locked
    assert Report.objects.get().status == "resolved"
    assert AuditEntry.objects.get(action="thread.lock").reason == "Heated."


def test_resolving_leaves_the_post_as_it_is(staff_client, reply, reporters):
    services.report_post(reporter=reporters[0], post=reply, reason="needs_source")
    staff_client.post(_act_url(reply), {"action": "resolve", "reason": "Edited in."})
    reply.refresh_from_db()
    assert not reply.is_removed
    assert Report.objects.get().status == "resolved"


def test_an_action_without_a_reason_changes_nothing(staff_client, reply, reporters):
    services.report_post(reporter=reporters[0], post=reply, reason="spam")
    response = staff_client.post(
        _act_url(reply), {"action": "remove", "reason": ""}, follow=True
    )
    assert "Reason: This field is required." in parse(response).one(".messagelist").text
    reply.refresh_from_db()
    assert not reply.is_removed
    assert Report.objects.get().status == "open"
    assert not AuditEntry.objects.filter(action="reply.remove").exists()


def test_staff_suspend_the_author_from_the_queue(
    staff_client, reply, other_user, reporters
):
    services.report_post(reporter=reporters[0], post=reply, reason="harassment")
    until = timezone.localtime() + timedelta(days=7)
    response = staff_client.post(
        _act_url(reply),
        {
            "kind": "suspension",
            "until": until.strftime("%Y-%m-%dT%H:%M"),
            "reason": "Insulted a member.",
        },
        follow=True,
    )
    assert "Suspension given to helpful_neighbour" in parse(response).text
    other_user.refresh_from_db()
    assert other_user.is_suspended
    assert AuditEntry.objects.get(action="member.suspension").reason == (
        "Insulted a member."
    )


def test_a_suspension_without_an_end_is_refused_from_the_queue(
    staff_client, reply, other_user, reporters
):
    services.report_post(reporter=reporters[0], post=reply, reason="harassment")
    response = staff_client.post(
        _act_url(reply),
        {"kind": "suspension", "reason": "Insulted a member."},
        follow=True,
    )
    assert "A suspension needs an end in the future." in parse(response).text
    other_user.refresh_from_db()
    assert not other_user.is_restricted


def test_members_and_staff_without_the_permission_are_refused(
    client, user, reply, reporters
):
    services.report_post(reporter=reporters[0], post=reply, reason="spam")
    client.force_login(user)
    assert client.get(QUEUE).status_code == 302  # To the admin's log-in.
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_report"))
    client.force_login(viewer)
    assert client.get(QUEUE).status_code == 403
    response = client.post(_act_url(reply), {"action": "remove", "reason": "No."})
    assert response.status_code == 403
    reply.refresh_from_db()
    assert not reply.is_removed


def test_staff_with_the_permission_work_the_queue(client, reply, reporters):
    moderator = UserFactory(username="community_mod", is_staff=True)
    moderator.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["change_report", "view_report", "change_reply"]
        )
    )
    services.report_post(reporter=reporters[0], post=reply, reason="spam")
    client.force_login(moderator)
    assert client.get(QUEUE).status_code == 200
    client.post(_act_url(reply), {"action": "remove", "reason": "Advert."})
    reply.refresh_from_db()
    assert reply.is_removed


def test_audit_entries_of_the_queue_cannot_be_changed(staff_client, reply, reporters):
    services.report_post(reporter=reporters[0], post=reply, reason="spam")
    staff_client.post(_act_url(reply), {"action": "resolve", "reason": "Done."})
    entry = AuditEntry.objects.get(action="reply.reports_resolve")
    change = reverse("admin:core_auditentry_change", args=[entry.pk])
    staff_client.post(change, {"reason": "Rewritten"})
    entry.refresh_from_db()
    assert entry.reason == "Done."
    with pytest.raises(ImmutableRecordError):
        entry.delete()


def test_the_reports_list_links_to_the_queue(staff_client):
    page = parse(staff_client.get(reverse("admin:forum_report_changelist")))
    assert page.get_by_role("link", "Open the moderation queue")["href"] == QUEUE


def test_the_queue_answers_unknown_posts_and_gets_plainly(staff_client, reply):
    unknown_kind = reverse("admin:forum_report_act", args=["member", reply.pk])
    assert staff_client.post(unknown_kind, {"action": "remove"}).status_code == 404
    missing = reverse("admin:forum_report_act", args=["reply", reply.pk + 1000])
    assert staff_client.post(missing, {"action": "remove"}).status_code == 404
    assert staff_client.get(_act_url(reply)).status_code == 405
    reply.refresh_from_db()
    assert not reply.is_removed
