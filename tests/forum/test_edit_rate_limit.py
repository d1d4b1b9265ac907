"""Edits are limited per member, with a clear message and the changes kept."""

from django.urls import reverse

from forum.models import Revision
from tests.html import parse


def test_too_many_edits_get_a_429_with_the_new_text_kept(
    client, reply, other_user, settings
):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "edit": (2, 600)}
    client.force_login(other_user)
    url = reverse("forum:reply-edit", args=[reply.pk])
    for n in range(2):
        assert client.post(url, {"body": f"Version {n} of my reply."}).status_code == (
            302
        )

    response = client.post(url, {"body": "Version 2 of my reply, typo fixed."})

    assert response.status_code == 429
    page = parse(response)
    assert "You have edited many times in a few minutes" in page.text
    assert page.one("textarea[name=body]").text == (
        "Version 2 of my reply, typo fixed."
    )
    reply.refresh_from_db()
    assert reply.body == "Version 1 of my reply."
    assert Revision.objects.filter(reply=reply).count() == 2


def test_question_edits_share_the_limit(client, thread, user, settings):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "edit": (1, 600)}
    client.force_login(user)
    url = reverse("forum:thread-edit", args=[thread.pk, thread.slug])
    data = {"title": thread.title, "body": "My eyelid still twitches, now both."}
    assert client.post(url, data).status_code == 302
    data["body"] = "My eyelid still twitches, now both eyes."
    response = client.post(url, data)
    assert response.status_code == 429
    assert "now both eyes." in parse(response).one("textarea[name=body]").text
