"""A member's posts with links wait for review during their first day."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import services, signals
from forum.models import Hold, Reply, Thread
from forum.recount import recount_counters
from tests.factories import UserFactory
from tests.html import parse

LINK = "This clinic helped me: https://cures.example/buy-now"


@pytest.fixture
def newcomer(db):
    return UserFactory(username="newcomer", date_joined=timezone.now())


def test_a_new_members_reply_with_a_link_waits_and_they_are_told(
    client, newcomer, thread
):
    client.force_login(newcomer)
    url = reverse("forum:reply-create", args=[thread.pk, thread.slug])
    response = client.post(url, {"body": LINK}, follow=True)

    reply = Reply.objects.get(author=newcomer)
    assert reply.is_removed and reply.held_for == Hold.LINKS
    message = parse(response).one(".messages").text
    assert "a moderator will look at it before others can see it" in message
    # Nobody else sees it, and no count includes it.
    reader_page = parse(client.get(thread.get_absolute_url()))
    assert "cures.example" not in reader_page.text
    thread.refresh_from_db()
    assert thread.reply_count == 0
    assert set(recount_counters().values()) == {0}


def test_a_new_members_question_with_a_link_waits_and_they_see_why(
    client, newcomer, forum
):
    client.force_login(newcomer)
    response = client.post(
        reverse("forum:thread-create"),
        {"forum": forum.pk, "title": "Where to buy a cure", "body": LINK},
        follow=True,
    )
    thread = Thread.objects.get(author=newcomer)
    assert thread.held_for == Hold.LINKS
    notice = parse(response).one(".removed-notice").text
    assert "This question waits for a moderator" in notice
    client.logout()
    assert client.get(thread.get_absolute_url()).status_code == 410


def test_without_a_link_a_new_member_posts_at_once(newcomer, thread):
    reply = services.post_reply(author=newcomer, thread=thread, body="Sleep helped me.")
    assert not reply.is_removed


def test_after_their_first_day_links_post_at_once(newcomer, thread):
    newcomer.date_joined = timezone.now() - timedelta(days=1, minutes=1)
    reply = services.post_reply(author=newcomer, thread=thread, body=LINK)
    assert not reply.is_removed


def test_staff_and_professionals_are_never_held(thread, staff):
    new_staff = UserFactory(
        username="new_mod", is_staff=True, date_joined=timezone.now()
    )
    new_pro = UserFactory(username="new_pro", date_joined=timezone.now())
    new_pro.is_medical_professional = True
    for author in (new_staff, new_pro):
        reply = services.post_reply(author=author, thread=thread, body=LINK)
        assert not reply.is_removed


def test_an_edit_that_adds_a_link_is_held_too(newcomer, thread):
    reply = services.post_reply(author=newcomer, thread=thread, body="Sleep helped.")
    reply = services.edit_reply(editor=newcomer, reply=reply, body=LINK)
    assert reply.held_for == Hold.LINKS
    assert set(recount_counters().values()) == {0}


def test_staff_release_a_held_reply_and_followers_hear_of_it_then(
    newcomer, thread, staff
):
    heard = []

    def listen(sender, reply, **kwargs):
        heard.append(reply.pk)

    signals.reply_posted.connect(listen)
    try:
        reply = services.post_reply(author=newcomer, thread=thread, body=LINK)
        assert heard == []
        services.restore_reply(moderator=staff, reply=reply, reason="A real clinic.")
    finally:
        signals.reply_posted.disconnect(listen)
    assert heard == [reply.pk]
    reply.refresh_from_db()
    assert not reply.is_removed and reply.held_for == ""
    thread.refresh_from_db()
    assert thread.reply_count == 1
    assert set(recount_counters().values()) == {0}


def test_staff_remove_a_held_post_for_good(newcomer, thread, staff):
    reply = services.post_reply(author=newcomer, thread=thread, body=LINK)
    services.remove_reply(moderator=staff, reply=reply, reason="Advertising.")
    reply.refresh_from_db()
    assert reply.is_removed and reply.held_for == ""
    assert set(recount_counters().values()) == {0}
