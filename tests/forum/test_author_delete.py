"""Authors delete their own posts; staff can bring them back; counts stay exact."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from forum import services
from forum.models import Forum, MemberActivity, Reply, Thread
from forum.recount import recount_counters
from tests.html import parse


@pytest.fixture
def reply(thread, other_user, user):
    reply = services.post_reply(
        author=other_user, thread=thread, body="Mine stopped once I slept more."
    )
    services.cast_helpful_vote(voter=user, reply=reply, is_helpful=True)
    return reply


def _stored_counters():
    return (
        list(Forum.objects.values_list("pk", "thread_count", "reply_count")),
        list(Thread.objects.values_list("pk", "reply_count", "helpful_count")),
        list(
            MemberActivity.objects.order_by("pk").values_list(
                "pk", "thread_count", "reply_count", "helpful_received"
            )
        ),
    )


def _assert_counters_exact():
    before = _stored_counters()
    assert set(recount_counters().values()) == {0}
    assert _stored_counters() == before


def test_deleting_and_restoring_a_reply_keeps_counters_exact(reply, other_user, staff):
    services.delete_own_reply(author=other_user, reply=reply)
    reply.refresh_from_db()
    assert reply.is_removed and reply.is_removed_by_author
    _assert_counters_exact()
    services.restore_reply(moderator=staff, reply=reply)
    reply.refresh_from_db()
    assert not reply.is_removed and not reply.is_removed_by_author
    _assert_counters_exact()


def test_deleting_and_restoring_a_thread_keeps_counters_exact(
    thread, reply, user, staff
):
    services.delete_own_thread(author=user, thread=thread)
    thread.refresh_from_db()
    assert thread.is_removed_by_author
    assert Forum.objects.get(pk=thread.forum_id).thread_count == 0
    _assert_counters_exact()
    services.restore_thread(moderator=staff, thread=thread)
    assert Forum.objects.get(pk=thread.forum_id).thread_count == 1
    _assert_counters_exact()


def test_only_the_author_deletes(thread, reply, user, other_user):
    with pytest.raises(PermissionDenied):
        services.delete_own_thread(author=other_user, thread=thread)
    with pytest.raises(PermissionDenied):
        services.delete_own_reply(author=user, reply=reply)


def test_delete_asks_first_then_deletes(client, reply, other_user):
    client.force_login(other_user)
    url = reverse("forum:reply-delete", args=[reply.pk])
    page = parse(client.get(url))
    page.get_by_role("heading", "Delete your reply?")
    assert not Reply.objects.get(pk=reply.pk).is_removed
    response = client.post(url)
    assert response.status_code == 302
    assert Reply.objects.get(pk=reply.pk).is_removed_by_author


def test_others_get_a_410_page(client, thread, user, other_user):
    services.delete_own_thread(author=user, thread=thread)
    for reader in (None, other_user):
        if reader:
            client.force_login(reader)
        response = client.get(thread.get_absolute_url())
        assert response.status_code == 410
        page = parse(response)
        page.get_by_role("heading", "This thread was removed")
        assert thread.title not in page.text


def test_the_author_sees_their_thread_with_a_notice(client, thread, user):
    services.delete_own_thread(author=user, thread=thread)
    client.force_login(user)
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    page = parse(response)
    page.get_by_role("heading", thread.title)
    notice = page.one(".removed-notice")
    assert "You deleted this question" in notice.text
    assert "contact the staff" in notice.text
    assert page.by_role("link", "Edit this question") == []


def test_staff_see_a_removed_thread_with_who_removed_it(client, thread, staff):
    services.remove_thread(moderator=staff, thread=thread)
    client.force_login(staff)
    page = parse(client.get(thread.get_absolute_url()))
    assert "Staff removed this question" in page.one(".removed-notice").text
