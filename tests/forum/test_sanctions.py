"""Suspended and banned members read everything and write nothing, told why."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts import services as accounts_services
from accounts.models import Sanction
from core.models import AuditEntry
from forum import services
from forum.models import HelpfulVote, Reply, Report, Thread
from tests.factories import UserFactory
from tests.html import parse


def _suspend(staff, member, days=7):
    return accounts_services.sanction_member(
        moderator=staff,
        member=member,
        kind="suspension",
        reason="Told members to stop their medicine.",
        until=timezone.now() + timedelta(days=days),
    )


def _ban(staff, member):
    return accounts_services.sanction_member(
        moderator=staff, member=member, kind="ban", reason="Selling fake cures."
    )


@pytest.fixture(params=["suspended", "banned"])
def restricted(request, staff, other_user, reply):
    """other_user, the author of reply, suspended or banned."""
    if request.param == "suspended":
        _suspend(staff, other_user)
    else:
        _ban(staff, other_user)
    other_user.refresh_from_db()
    return other_user


def test_a_suspension_is_recorded_and_restricts_until_its_end(staff, other_user):
    sanction = _suspend(staff, other_user, days=3)
    other_user.refresh_from_db()
    assert other_user.is_suspended and other_user.is_restricted
    assert other_user.suspended_until == sanction.ends_at
    entry = AuditEntry.objects.get(action="member.suspension")
    assert (entry.actor, entry.reason) == (
        staff,
        "Told members to stop their medicine.",
    )


def test_a_suspension_ends_by_itself(staff, other_user, thread):
    _suspend(staff, other_user)
    other_user.refresh_from_db()
    other_user.suspended_until = timezone.now() - timedelta(minutes=1)
    assert not other_user.is_restricted
    assert services.can_reply(other_user, thread)


def test_a_warning_restricts_nothing(staff, other_user, thread):
    accounts_services.sanction_member(
        moderator=staff, member=other_user, kind="warning", reason="Be kinder."
    )
    other_user.refresh_from_db()
    assert not other_user.is_restricted
    assert services.can_reply(other_user, thread)


def test_lifting_a_ban_lets_the_member_write_again(staff, other_user, thread):
    ban = _ban(staff, other_user)
    accounts_services.lift_sanction(
        moderator=staff, sanction=ban, reason="Appeal accepted."
    )
    other_user.refresh_from_db()
    assert not other_user.is_restricted
    assert AuditEntry.objects.filter(action="member.lift").exists()


def test_a_suspension_needs_a_future_end_and_a_reason(staff, other_user):
    with pytest.raises(ValidationError):
        accounts_services.sanction_member(
            moderator=staff,
            member=other_user,
            kind="suspension",
            reason="Spam.",
            until=timezone.now() - timedelta(days=1),
        )
    with pytest.raises(ValidationError):
        accounts_services.sanction_member(
            moderator=staff, member=other_user, kind="ban", reason="  "
        )
    assert not Sanction.objects.exists()


def test_only_staff_sanction_and_never_themselves(staff, user, other_user):
    with pytest.raises(PermissionDenied):
        _ban(user, other_user)
    with pytest.raises(PermissionDenied):
        _ban(staff, staff)
    assert not Sanction.objects.exists()


# --- Every writing service refuses them. -----------------------------------


def test_the_services_refuse_every_write(restricted, forum, thread, reply, user):
    mine = Reply.objects.get(author=restricted)
    own_thread = Thread.objects.create(
        forum=forum, author=restricted, title="An older question", body="Body text."
    )
    writes = [
        lambda: services.post_thread(
            author=restricted, forum=forum, title="A new question", body="Some body."
        ),
        lambda: services.post_reply(author=restricted, thread=thread, body="Hi there"),
        lambda: services.cast_helpful_vote(
            voter=restricted,
            reply=services.post_reply(author=user, thread=thread, body="Sleep more."),
            is_helpful=True,
        ),
        lambda: services.edit_reply(editor=restricted, reply=mine, body="Changed."),
        lambda: services.edit_thread(
            editor=restricted, thread=own_thread, title="Changed title", body="New."
        ),
        lambda: services.report_post(reporter=restricted, post=thread, reason="spam"),
    ]
    for write in writes:
        with pytest.raises(PermissionDenied):
            write()
    assert not Report.objects.exists()
    assert not HelpfulVote.objects.filter(voter=restricted).exists()
    assert Thread.objects.filter(author=restricted).count() == 1


def test_the_ask_page_says_why_and_until_when(client, restricted):
    client.force_login(restricted)
    response = client.get(reverse("forum:thread-create"))
    assert response.status_code == 403
    text = parse(response).one("main").text
    if restricted.is_banned:
        assert "Your account is banned" in text
        assert "Selling fake cures." in text
    else:
        until = timezone.localtime(restricted.suspended_until)
        assert "Your account is suspended until" in text
        assert f"{until:%Y}" in text and until.strftime("%B") in text
        assert "Told members to stop their medicine." in text


def test_a_question_they_send_is_kept_for_them_to_copy(client, restricted, forum):
    client.force_login(restricted)
    response = client.post(
        reverse("forum:thread-create"),
        {
            "forum": forum.pk,
            "title": "Tremor in my right hand",
            "body": "It shakes when I hold a cup of tea.",
        },
    )
    assert response.status_code == 403
    page = parse(response)
    assert page.one("#kept-body").text == "It shakes when I hold a cup of tea."
    assert not Thread.objects.filter(title="Tremor in my right hand").exists()


def test_a_reply_they_send_is_refused_with_the_text_kept(client, restricted, thread):
    client.force_login(restricted)
    url = reverse("forum:reply-create", args=[thread.pk, thread.slug])
    response = client.post(url, {"body": "Try magnesium."})
    assert response.status_code == 403
    page = parse(response)
    assert "Your text is kept below" in page.text
    assert "Try magnesium." in page.one("textarea[name=body]").text
    assert not Reply.objects.filter(body="Try magnesium.").exists()


def test_the_thread_page_tells_them_instead_of_offering_a_reply_form(
    client, restricted, thread
):
    client.force_login(restricted)
    page = parse(client.get(thread.get_absolute_url()))
    assert not page.select("textarea[name=body]")
    assert "you can read the forum but not" in page.one(".restricted-notice").text
    assert not page.by_role("button", "Yes")
    assert not page.by_role("link", "Report this question to the staff")


def test_their_vote_is_refused(client, restricted, thread, user):
    reply = services.post_reply(author=user, thread=thread, body="Sleep more.")
    client.force_login(restricted)
    response = client.post(
        reverse("forum:reply-vote", args=[reply.pk]), {"vote": "yes"}
    )
    assert response.status_code == 403
    response = client.post(
        reverse("forum:reply-vote", args=[reply.pk]),
        {"vote": "yes"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 403
    assert not HelpfulVote.objects.filter(voter=restricted).exists()


def test_their_edit_is_refused_with_the_text_kept(client, restricted):
    mine = Reply.objects.get(author=restricted)
    client.force_login(restricted)
    url = reverse("forum:reply-edit", args=[mine.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"body": "My new words."})
    assert response.status_code == 403
    assert "My new words." in parse(response).text
    mine.refresh_from_db()
    assert mine.body != "My new words."


def test_their_report_is_refused(client, restricted, thread):
    client.force_login(restricted)
    url = reverse("forum:thread-report", args=[thread.pk, thread.slug])
    response = client.post(url, {"reason": "spam"})
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_they_may_still_delete_their_own_words(restricted):
    mine = Reply.objects.get(author=restricted)
    services.delete_own_reply(author=restricted, reply=mine)
    mine.refresh_from_db()
    assert mine.is_removed_by_author


def test_the_sanction_admin_gives_and_lifts_through_the_services(client, staff):
    member = UserFactory(username="spammer")
    client.force_login(staff)
    add = reverse("admin:accounts_sanction_add")
    response = client.post(
        add, {"member": member.pk, "kind": "suspension", "reason": "Spam links."}
    )
    assert response.status_code == 200
    assert "A suspension needs an end in the future." in parse(response).text
    ends = timezone.localtime() + timedelta(days=2)
    response = client.post(
        add,
        {
            "member": member.pk,
            "kind": "suspension",
            "ends_at_0": ends.strftime("%Y-%m-%d"),
            "ends_at_1": ends.strftime("%H:%M:%S"),
            "reason": "Spam links.",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_suspended
    sanction = Sanction.objects.get()
    assert sanction.issued_by == staff

    change = reverse("admin:accounts_sanction_change", args=[sanction.pk])
    client.post(change, {"lift_reason": "Sent by mistake."})
    member.refresh_from_db()
    assert not member.is_restricted
    assert AuditEntry.objects.filter(action="member.lift").exists()
