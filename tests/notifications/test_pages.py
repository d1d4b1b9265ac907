"""The notifications page, opening a notification, and marking read."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import ProfessionalCredential
from forum import services as forum_services
from forum.views import REPLIES_PER_PAGE
from notifications.models import Kind, Notification
from tests.factories import (
    NotificationFactory,
    ProfessionalCredentialFactory,
    ReplyFactory,
    ThreadFactory,
    UserFactory,
    verify_professional,
)
from tests.html import parse

LIST = reverse("notifications:list")


@pytest.fixture
def reader(db):
    return UserFactory(username="curious_reader")


def _items(response):
    return parse(response).select(".notification")


def test_the_page_asks_a_visitor_to_log_in(client, db):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_page_lists_newest_first_and_marks_unread(client, reader):
    now = timezone.now()
    old = NotificationFactory(
        recipient=reader, created_at=now - timedelta(days=2), read_at=now
    )
    new = NotificationFactory(recipient=reader, created_at=now)
    NotificationFactory()  # someone else's
    client.force_login(reader)
    items = _items(client.get(LIST))
    assert len(items) == 2
    assert new.thread.title in items[0].text
    assert old.thread.title in items[1].text
    assert "notification-unread" in items[0].classes
    assert items[0].text.startswith("Unread")
    assert "notification-unread" not in items[1].classes
    assert "Unread" not in items[1].text


def test_each_kind_says_what_happened_in_plain_words(client, reader, staff):
    pro = UserFactory(username="dr_bello")
    verify_professional(pro, staff, specialty="Neurology")
    pro.refresh_from_db()
    question = ThreadFactory(author=reader, title="Tingling hands at night")
    reply = ReplyFactory(thread=question, author=pro)
    mine = ReplyFactory(author=reader, thread=ThreadFactory(title="Numb feet"))
    credential = ProfessionalCredentialFactory(
        user=reader, status=ProfessionalCredential.Status.APPROVED
    )
    make = NotificationFactory
    make(recipient=reader, kind=Kind.PROFESSIONAL_REPLY, reply=reply)
    make(recipient=reader, kind=Kind.HELPFUL, reply=mine, actor=None, count=3)
    make(
        recipient=reader,
        kind=Kind.NEW_THREAD,
        reply=None,
        thread=ThreadFactory(title="Migraine with aura", forum=question.forum),
    )
    make(recipient=reader, kind=Kind.CREDENTIAL, reply=None, credential=credential)
    client.force_login(reader)
    texts = [item.one(".notification-text").text for item in _items(client.get(LIST))]
    title = pro.professional_title or "medical professional"
    assert texts == [
        "Unread: Your application was approved: your replies now carry the "
        "medical professional badge",
        f"Unread: New question in {question.forum.name}: Migraine with aura",
        "Unread: Your reply to “Numb feet” was voted helpful 3 times today",
        f"Unread: dr_bello (verified {title}) replied to your question "
        "“Tingling hands at night”",
    ]


def test_the_page_is_paginated_by_twenty(client, reader):
    thread = ThreadFactory()
    reply = ReplyFactory(thread=thread)
    for _ in range(25):
        NotificationFactory(recipient=reader, reply=reply)
    client.force_login(reader)
    assert len(_items(client.get(LIST))) == 20
    assert len(_items(client.get(LIST + "?page=2"))) == 5


@pytest.mark.parametrize("count", [3, 20])
def test_the_page_costs_a_fixed_number_of_queries(
    client, reader, count, django_assert_max_num_queries, staff
):
    pro, neighbour = UserFactory(), UserFactory()
    verify_professional(pro, staff)
    thread = ThreadFactory(author=reader)
    for n in range(count):
        reply = ReplyFactory(thread=thread, author=pro if n % 2 else neighbour)
        NotificationFactory(
            recipient=reader,
            reply=reply,
            kind=Kind.PROFESSIONAL_REPLY if n % 2 else Kind.REPLY,
        )
    client.force_login(reader)
    # Session, member, the page's count and its rows with their actors,
    # threads, forums and replies, the unread count and the Popular
    # Resources sidebar (neither cached yet).
    with django_assert_max_num_queries(6):
        response = client.get(LIST)
    assert len(_items(response)) == count


# --- Opening a notification. ------------------------------------------------


def _replies(thread, count):
    author = UserFactory()
    return [
        forum_services.post_reply(author=author, thread=thread, body=f"Reply {n}")
        for n in range(count)
    ]


def test_open_lands_on_the_reply_on_the_right_page_and_marks_it_read(
    client, reader, thread
):
    replies = _replies(thread, REPLIES_PER_PAGE + 3)
    # The thread opens sorted by helpfulness: a vote lifts the last reply to
    # the top of page 1; the one before it stays on page 2.
    voter = UserFactory()
    forum_services.cast_helpful_vote(voter=voter, reply=replies[-1], is_helpful=True)
    lifted = NotificationFactory(recipient=reader, reply=replies[-1])
    later = NotificationFactory(recipient=reader, reply=replies[-2])
    client.force_login(reader)

    response = client.get(reverse("notifications:open", kwargs={"pk": lifted.pk}))
    assert response.status_code == 302
    assert response["Location"] == (
        f"{thread.get_absolute_url()}#reply-{replies[-1].pk}"
    )
    lifted.refresh_from_db()
    assert lifted.read_at is not None

    response = client.get(reverse("notifications:open", kwargs={"pk": later.pk}))
    assert response["Location"] == (
        f"{thread.get_absolute_url()}?page=2#reply-{replies[-2].pk}"
    )
    page = client.get(response["Location"].split("#")[0])
    assert parse(page).select(f"#reply-{replies[-2].pk}")


def test_open_leads_to_the_thread_or_the_application(client, reader):
    question = NotificationFactory(
        recipient=reader, kind=Kind.NEW_THREAD, reply=None, thread=ThreadFactory()
    )
    decision = NotificationFactory(
        recipient=reader,
        kind=Kind.CREDENTIAL,
        reply=None,
        credential=ProfessionalCredentialFactory(user=reader),
    )
    client.force_login(reader)
    response = client.get(reverse("notifications:open", kwargs={"pk": question.pk}))
    assert response["Location"] == question.thread.get_absolute_url()
    response = client.get(reverse("notifications:open", kwargs={"pk": decision.pk}))
    assert response["Location"] == reverse("accounts:verification")
    assert Notification.objects.filter(recipient=reader).unread().count() == 0


def test_open_a_notification_of_a_removed_reply_leads_to_its_thread(
    client, reader, reply, staff
):
    notification = NotificationFactory(recipient=reader, reply=reply)
    forum_services.remove_reply(moderator=staff, reply=reply)
    client.force_login(reader)
    response = client.get(reverse("notifications:open", kwargs={"pk": notification.pk}))
    assert response["Location"] == reply.thread.get_absolute_url()


def test_someone_elses_notification_is_not_found(client, reader):
    theirs = NotificationFactory()
    client.force_login(reader)
    assert (
        client.get(reverse("notifications:open", kwargs={"pk": theirs.pk})).status_code
        == 404
    )
    assert (
        client.post(
            reverse("notifications:mark-read", kwargs={"pk": theirs.pk})
        ).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert theirs.read_at is None


# --- Marking read. ----------------------------------------------------------


def test_mark_one_read_and_go_back(client, reader):
    first, second = NotificationFactory.create_batch(2, recipient=reader)
    client.force_login(reader)
    response = client.post(
        reverse("notifications:mark-read", kwargs={"pk": first.pk}),
        {"next": LIST + "?page=1"},
    )
    assert response.status_code == 302
    assert response["Location"] == LIST + "?page=1"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None


def test_mark_all_read(client, reader):
    NotificationFactory.create_batch(3, recipient=reader)
    other = NotificationFactory()
    client.force_login(reader)
    page = parse(client.get(LIST))
    page.get_by_role("button", "Mark all as read")
    response = client.post(reverse("notifications:mark-all-read"), {"next": LIST})
    assert response["Location"] == LIST
    assert not Notification.objects.filter(recipient=reader).unread().exists()
    assert Notification.objects.filter(pk=other.pk).unread().exists()
    page = parse(client.get(LIST))
    assert not page.by_role("button", "Mark all as read")
    assert not page.select(".notification-unread")


def test_marking_read_refuses_get_and_an_outside_next(client, reader):
    notification = NotificationFactory(recipient=reader)
    client.force_login(reader)
    url = reverse("notifications:mark-read", kwargs={"pk": notification.pk})
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": "https://elsewhere.example/"})
    assert response["Location"] == LIST
