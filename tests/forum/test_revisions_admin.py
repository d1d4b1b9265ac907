"""Staff read a post's history in the admin and restore an earlier version."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.models import AuditEntry
from forum import services
from forum.models import Reply, Revision
from tests.factories import UserFactory
from tests.html import parse


@pytest.fixture
def edited_reply(thread, other_user):
    reply = services.post_reply(
        author=other_user, thread=thread, body="Magnesium <b>helped</b> me."
    )
    services.edit_reply(
        editor=other_user, reply=reply, body="Magnesium helped me, a little."
    )
    return reply


def _change_url(reply):
    return reverse("admin:forum_reply_change", args=[reply.pk])


def _restore_url(reply, revision):
    return reverse("admin:forum_reply_restore_revision", args=[reply.pk, revision.pk])


def test_history_shows_each_version_with_its_diff(admin_client, edited_reply):
    page = parse(admin_client.get(_change_url(edited_reply)))
    history = page.one(".revision-history")
    diff = history.one(".revision-diff").text
    assert "-Magnesium <b>helped</b> me." in diff  # Escaped, shown as typed.
    assert "+Magnesium helped me, a little." in diff
    assert history.select("b") == []
    history.get_by_role("button", "Restore this version")


def test_restore_keeps_the_current_text_as_a_revision(admin_client, edited_reply):
    revision = Revision.objects.get(reply=edited_reply)
    response = admin_client.post(_restore_url(edited_reply, revision))
    assert response.status_code == 302
    edited_reply.refresh_from_db()
    assert edited_reply.body == "Magnesium <b>helped</b> me."
    bodies = set(
        Revision.objects.filter(reply=edited_reply).values_list("body", flat=True)
    )
    assert bodies == {"Magnesium <b>helped</b> me.", "Magnesium helped me, a little."}
    # The audit log says who brought the old text back.
    entry = AuditEntry.objects.get(action="reply.restore_version")
    assert (entry.actor_username, entry.object_id) == ("admin", edited_reply.pk)


def test_restore_is_post_only(admin_client, edited_reply):
    revision = Revision.objects.get(reply=edited_reply)
    assert admin_client.get(_restore_url(edited_reply, revision)).status_code == 405


def test_view_only_staff_see_history_but_cannot_restore(client, edited_reply):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_reply"))
    client.force_login(viewer)
    page = parse(client.get(_change_url(edited_reply)))
    assert page.one(".revision-history").by_role("button") == []
    revision = Revision.objects.get(reply=edited_reply)
    assert client.post(_restore_url(edited_reply, revision)).status_code == 403
    assert Reply.objects.get(pk=edited_reply.pk).body.endswith("a little.")


def test_an_edit_saved_in_the_admin_keeps_the_old_version(admin_client, thread):
    url = reverse("admin:forum_thread_change", args=[thread.pk])
    response = admin_client.post(
        url,
        {
            "title": "Eyelid twitching, three weeks on",
            "body": thread.body,
            "tags": "twitching",
            "replies-TOTAL_FORMS": "0",
            "replies-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    (revision,) = Revision.objects.filter(thread=thread)
    assert revision.title == "Eyelid twitching for three weeks"
    assert revision.reason == "Edited in the admin"
