"""Authors edit their posts within a window, staff always; every version kept."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from forum import services
from forum.models import Reply, Revision, Thread
from tests.factories import UserFactory
from tests.html import parse


@pytest.fixture
def reply(thread, other_user):
    return services.post_reply(
        author=other_user, thread=thread, body="Mine stopped once I slept more."
    )


def _age(post, **delta):
    type(post).objects.filter(pk=post.pk).update(
        created_at=timezone.now() - timedelta(**delta)
    )
    post.refresh_from_db()


def _moderator(codename):
    member = UserFactory(is_staff=True)
    member.user_permissions.add(Permission.objects.get(codename=codename))
    return type(member).objects.get(pk=member.pk)


# --- Who may edit -----------------------------------------------------------


def test_author_edits_within_the_window(thread, user, settings):
    settings.FORUM_EDIT_WINDOWS = {"thread": 3600, "reply": 60}
    _age(thread, minutes=59)
    assert services.can_edit(user, thread)
    _age(thread, minutes=61)
    assert not services.can_edit(user, thread)
    with pytest.raises(PermissionDenied):
        services.edit_thread(editor=user, thread=thread, title="New title", body="x")


def test_reply_window_is_its_own(reply, other_user, settings):
    settings.FORUM_EDIT_WINDOWS = {"thread": 3600, "reply": 60}
    _age(reply, seconds=30)
    assert services.can_edit(other_user, reply)
    _age(reply, seconds=90)
    assert not services.can_edit(other_user, reply)


def test_only_the_author_edits(thread, reply, user, other_user):
    assert not services.can_edit(other_user, thread)
    assert not services.can_edit(user, reply)
    with pytest.raises(PermissionDenied):
        services.edit_reply(editor=user, reply=reply, body="Not mine to change.")


def test_staff_with_change_permission_edit_always(thread, reply, staff):
    _age(thread, days=400)
    services.set_thread_flags(moderator=staff, thread=thread, is_locked=True)
    changer = _moderator("change_reply")
    viewer = _moderator("view_reply")
    reply.refresh_from_db()
    assert services.can_edit(changer, reply)
    assert not services.can_edit(viewer, reply)
    services.edit_reply(editor=changer, reply=reply, body="Edited by staff.")
    assert Reply.objects.get(pk=reply.pk).body == "Edited by staff."


def test_locked_and_removed_posts_are_refused(thread, reply, user, other_user, staff):
    services.set_thread_flags(moderator=staff, thread=thread, is_locked=True)
    thread.refresh_from_db()
    reply.refresh_from_db()
    assert not services.can_edit(user, thread)
    assert not services.can_edit(other_user, reply)
    services.set_thread_flags(moderator=staff, thread=thread, is_locked=False)
    services.remove_reply(moderator=staff, reply=reply)
    with pytest.raises(PermissionDenied):
        services.edit_reply(editor=other_user, reply=reply, body="Changed after.")


# --- What an edit does --------------------------------------------------------


def test_edit_keeps_the_previous_version(thread, user):
    services.edit_thread(
        editor=user,
        thread=thread,
        title="Eyelid twitching for a month",
        body="It has now lasted a month, mostly in the evening.",
        reason="It went on longer",
    )
    thread.refresh_from_db()
    assert thread.title == "Eyelid twitching for a month"
    assert thread.slug == "eyelid-twitching-for-a-month"
    assert thread.edited_at is not None
    (revision,) = Revision.objects.filter(thread=thread)
    assert revision.title == "Eyelid twitching for three weeks"
    assert revision.body == "My left eyelid has twitched on and off for three weeks."
    assert (revision.editor, revision.reason) == (user, "It went on longer")


def test_an_unchanged_edit_records_nothing(reply, other_user):
    services.edit_reply(editor=other_user, reply=reply, body=reply.body + "  ")
    reply.refresh_from_db()
    assert reply.edited_at is None
    assert not Revision.objects.exists()


def test_edit_re_renders_and_sanitises(reply, other_user):
    services.edit_reply(
        editor=other_user,
        reply=reply,
        body="**Better** now <script>alert(1)</script>",
    )
    reply.refresh_from_db()
    page = parse(reply.body_html)
    assert page.one("strong").text == "Better"
    assert page.select("script") == []


def test_edit_is_validated_like_posting(thread, user):
    with pytest.raises(ValidationError):
        services.edit_thread(editor=user, thread=thread, title="x" * 151, body="y")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL search")
def test_search_finds_the_new_title(thread, user):
    services.edit_thread(
        editor=user,
        thread=thread,
        title="Blepharospasm question",
        body="My left eyelid has twitched on and off for three weeks.",
    )
    assert list(Thread.objects.search("blepharospasm")) == [thread]


# --- Pages --------------------------------------------------------------------


def test_author_sees_edit_links_others_do_not(client, thread, reply, user, other_user):
    client.force_login(other_user)
    page = parse(client.get(thread.get_absolute_url()))
    reply_box = page.one(f"#{reply.anchor}")
    reply_box.get_by_role("link", "Edit this reply")
    assert page.by_role("link", "Edit this question") == []
    client.force_login(user)
    page = parse(client.get(thread.get_absolute_url()))
    page.get_by_role("link", "Edit this question")
    assert page.one(f"#{reply.anchor}").by_role("link", "Edit this reply") == []


def test_stored_pages_never_show_edit_links(client, thread, reply, other_user):
    # The author's view first, so their fragment is stored.
    member = type(client)()
    member.force_login(other_user)
    member.get(thread.get_absolute_url())
    for _ in range(2):  # Rendered, then served from the cache.
        page = parse(client.get(thread.get_absolute_url()))
        assert page.by_role("link", "Edit this reply") == []
        assert page.by_role("link", "Delete this reply") == []


def test_edit_page_saves_and_marks_the_post(client, reply, other_user):
    client.force_login(other_user)
    url = reverse("forum:reply-edit", args=[reply.pk])
    form = parse(client.get(url)).one(f'form[action="{url}"]')
    assert form.one("textarea#id_body").text == reply.body
    response = client.post(url, {"body": "Mine stopped once I slept eight hours."})
    assert response.status_code == 302
    page = parse(client.get(reply.thread.get_absolute_url()))
    box = page.one(f"#{reply.anchor}")
    assert "eight hours" in box.one(".post-body").text
    mark = box.one(".edited-mark")
    assert mark.text == "Edited just now"
    assert mark.one("time")["datetime"]


def test_invisible_text_is_refused_and_kept(client, thread, user):
    client.force_login(user)
    url = reverse("forum:thread-edit", args=[thread.pk, thread.slug])
    invisible = "\u200b" * 30
    response = client.post(
        url, {"title": "Eyelid twitching, update", "body": invisible}
    )
    assert response.status_code == 200
    form = parse(response).one(f'form[action="{url}"]')
    assert form.one("#id_title").value == "Eyelid twitching, update"
    assert form.one("#id_body_error")
    thread.refresh_from_db()
    assert thread.title == "Eyelid twitching for three weeks"


def test_others_cannot_open_the_edit_page(client, thread, other_user):
    client.force_login(other_user)
    url = reverse("forum:thread-edit", args=[thread.pk, thread.slug])
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"title": "Taken over", "body": "x" * 30}).status_code == 403
    )


@pytest.mark.parametrize("count", [5, 50])
def test_thread_page_for_a_member_who_can_edit_costs_fixed_queries(
    client, thread, user, count, django_assert_max_num_queries
):
    authors = UserFactory.create_batch(2)
    for n in range(count):
        services.post_reply(author=[user, *authors][n % 3], thread=thread, body=f"R{n}")
    client.force_login(user)
    # As for any member (tests/forum/test_thread_page.py): the edit and
    # delete links are decided from rows the page already loads.
    with django_assert_max_num_queries(11):
        response = client.get(thread.get_absolute_url())
    page = parse(response)
    page.get_by_role("link", "Edit this question")
    assert len(page.by_role("link", "Edit this reply")) == len(range(0, count, 3))
