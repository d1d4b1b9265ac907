"""The bell in the header: a member's unread count, cached, never for anonymous."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.cache import page_cache
from forum import services as forum_services
from notifications import services
from notifications.unread import forget_unread_counts, unread_count
from tests.factories import NotificationFactory
from tests.html import parse

INDEX = reverse("forum:index")


def _bell(response):
    """Return the header's bell, or None.

    The header carries it twice, one shown at a time: beside the phone's
    Menu button, and in the menu on wider screens. Both must say the same.
    """
    links = [
        link
        for link in parse(response).select(".site-header a")
        if link["href"] == reverse("notifications:list")
    ]
    assert len(links) in (0, 2)
    assert len({(link.name, link.text) for link in links}) <= 1
    return links[0] if links else None


def test_the_bell_shows_the_unread_count(client, user):
    NotificationFactory.create_batch(3, recipient=user)
    NotificationFactory(recipient=user, read_at="2026-01-01T00:00Z")
    client.force_login(user)
    bell = _bell(client.get(INDEX))
    assert bell.name == "Notifications, 3 unread"
    assert bell.one(".bell-count").text == "3"


def test_with_nothing_unread_the_bell_is_plain(client, user):
    client.force_login(user)
    bell = _bell(client.get(INDEX))
    assert bell.name == "Notifications"
    assert not bell.select(".bell-count")


def test_the_count_follows_new_notifications_and_reading(
    client, user, thread, other_user, django_capture_on_commit_callbacks
):
    client.force_login(user)
    assert _bell(client.get(INDEX)).name == "Notifications"
    # The asker hears of the reply; the stored count is forgotten at commit.
    with django_capture_on_commit_callbacks(execute=True):
        forum_services.post_reply(
            author=other_user, thread=thread, body="Mine stopped after a week."
        )
    assert _bell(client.get(INDEX)).name == "Notifications, 1 unread"

    notification = user.notifications.get()
    client.get(reverse("notifications:open", kwargs={"pk": notification.pk}))
    assert _bell(client.get(INDEX)).name == "Notifications"


def test_marking_all_read_empties_the_bell(client, user):
    NotificationFactory.create_batch(2, recipient=user)
    client.force_login(user)
    assert _bell(client.get(INDEX)).name == "Notifications, 2 unread"
    client.post(reverse("notifications:mark-all-read"))
    assert _bell(client.get(INDEX)).name == "Notifications"


def test_a_cached_count_costs_no_query(client, user):
    NotificationFactory(recipient=user)
    client.force_login(user)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(INDEX)
    assert _bell(response).name == "Notifications, 1 unread"
    assert not [q for q in queries if "notifications_notification" in q["sql"]]


def test_the_count_is_counted_once_then_kept(user, django_assert_num_queries):
    NotificationFactory.create_batch(2, recipient=user)
    with django_assert_num_queries(1):
        assert unread_count(user) == 2
    with django_assert_num_queries(0):
        assert unread_count(user) == 2
    forget_unread_counts([user.pk])
    with django_assert_num_queries(1):
        assert unread_count(user) == 2


def test_marking_read_forgets_the_count_at_commit(
    user, django_capture_on_commit_callbacks
):
    notification = NotificationFactory(recipient=user)
    assert unread_count(user) == 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.mark_read(user, notification)
    assert callbacks
    assert page_cache().get(f"notifications:unread:{user.pk}") is None
    assert unread_count(user) == 0


def test_nobody_marks_anothers_notification_read(user, other_user):
    notification = NotificationFactory(recipient=other_user)
    with pytest.raises(PermissionDenied):
        services.mark_read(user, notification)


def test_an_anonymous_reader_sees_no_bell(client, thread):
    assert _bell(client.get(INDEX)) is None
    assert _bell(client.get(thread.get_absolute_url())) is None


def test_stored_pages_never_carry_a_bell(client, user, thread):
    NotificationFactory(recipient=user)
    url = thread.get_absolute_url()
    reader = client.__class__()
    assert reader.get(url)["X-Page-Cache"] == "miss"
    client.force_login(user)
    assert _bell(client.get(url)).name == "Notifications, 1 unread"
    served = reader.get(url)
    assert served["X-Page-Cache"] == "hit"
    assert _bell(served) is None
    assert not parse(served).select(".follow-form")
