"""Following threads, forums and tags, from their pages and the member page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from taggit.models import Tag

from forum import services as forum_services
from notifications import services
from notifications.models import Follow
from tests.factories import UserFactory
from tests.html import parse

FOLLOW = reverse("notifications:follow")
UNFOLLOW = reverse("notifications:unfollow")


@pytest.fixture
def follower(db):
    return UserFactory(username="quiet_follower")


def _follows(member, **target) -> int:
    return Follow.objects.filter(member=member, **target).count()


def test_a_member_follows_and_unfollows_a_thread_without_javascript(
    client, follower, thread
):
    client.force_login(follower)
    url = thread.get_absolute_url()
    page = parse(client.get(url))
    page.get_by_role("button", "Follow this thread")
    form = page.one(".follow-form")
    assert form["action"] == FOLLOW
    assert form.select('[name="csrfmiddlewaretoken"]')

    response = client.post(FOLLOW, {"thread": thread.pk, "next": url})
    assert response.status_code == 302
    assert response["Location"] == url
    assert _follows(follower, thread=thread) == 1
    page = parse(client.get(url))
    page.get_by_role("button", "Unfollow this thread")
    assert "Following" in page.one(".follow-form").text

    response = client.post(UNFOLLOW, {"thread": thread.pk, "next": url})
    assert response["Location"] == url
    assert _follows(follower, thread=thread) == 0
    parse(client.get(url)).get_by_role("button", "Follow this thread")


def test_htmx_swaps_the_button_in_place(client, follower, thread):
    client.force_login(follower)
    response = client.post(
        FOLLOW,
        {"thread": thread.pk, "next": thread.get_absolute_url()},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    fragment = parse(response)
    form = fragment.one("form")
    assert form["id"] == f"follow-thread-{thread.pk}"
    assert form["hx-post"] == UNFOLLOW
    fragment.get_by_role("button", "Unfollow this thread")
    assert _follows(follower, thread=thread) == 1

    response = client.post(
        UNFOLLOW, {"thread": thread.pk}, headers={"HX-Request": "true"}
    )
    parse(response).get_by_role("button", "Follow this thread")
    assert _follows(follower, thread=thread) == 0


def test_following_twice_or_unfollowing_twice_changes_nothing(client, follower, thread):
    client.force_login(follower)
    for _ in range(2):
        client.post(FOLLOW, {"thread": thread.pk})
    assert _follows(follower, thread=thread) == 1
    for _ in range(2):
        response = client.post(UNFOLLOW, {"thread": thread.pk})
        assert response.status_code == 302
    assert _follows(follower, thread=thread) == 0


def test_the_services_are_idempotent(follower, thread, forum):
    first = services.follow(follower, thread=thread)
    assert services.follow(follower, thread=thread) == first
    services.follow(follower, forum=forum)
    services.unfollow(follower, forum=forum)
    services.unfollow(follower, forum=forum)
    assert list(Follow.objects.filter(member=follower)) == [first]


def test_a_follow_names_exactly_one_target(follower, thread, forum):
    with pytest.raises(ValidationError):
        services.follow(follower)
    with pytest.raises(ValidationError):
        services.follow(follower, thread=thread, forum=forum)


def test_an_anonymous_reader_is_asked_to_log_in(client, thread):
    url = thread.get_absolute_url()
    response = client.post(FOLLOW, {"thread": thread.pk, "next": url})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"
    response = client.post(
        FOLLOW, {"thread": thread.pk, "next": url}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("account_login"))
    assert not Follow.objects.exclude(member=thread.author).exists()


def test_an_anonymous_reader_sees_no_follow_button(client, thread, forum):
    assert not parse(client.get(thread.get_absolute_url())).select(".follow-form")
    assert not parse(client.get(forum.get_absolute_url())).select(".follow-form")


def test_following_only_by_post(client, follower):
    client.force_login(follower)
    assert client.get(FOLLOW).status_code == 405


def test_a_removed_thread_cannot_be_followed(client, follower, thread, staff):
    forum_services.remove_thread(moderator=staff, thread=thread)
    thread.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.follow(follower, thread=thread)
    client.force_login(follower)
    assert client.post(FOLLOW, {"thread": thread.pk}).status_code == 404
    assert _follows(follower) == 0


def test_an_inactive_member_cannot_follow(thread):
    gone = UserFactory(is_active=False)
    with pytest.raises(PermissionDenied):
        services.follow(gone, thread=thread)


def test_follow_a_forum_from_its_page(client, follower, forum, thread):
    client.force_login(follower)
    url = forum.get_absolute_url()
    page = parse(client.get(url))
    page.get_by_role("button", "Follow new questions in Neurology")
    assert not page.by_role("button", "Follow new questions tagged twitching")
    client.post(FOLLOW, {"forum": forum.pk, "next": url})
    assert _follows(follower, forum=forum) == 1
    parse(client.get(url)).get_by_role(
        "button", "Stop following new questions in Neurology"
    )


def test_follow_a_tag_from_a_tag_filtered_list(client, follower, forum, thread):
    client.force_login(follower)
    url = f"{forum.get_absolute_url()}?tag=Twitching"
    page = parse(client.get(url))
    page.get_by_role("button", "Follow new questions tagged twitching")
    tag = Tag.objects.get(name="twitching")
    response = client.post(FOLLOW, {"tag": tag.pk, "next": url})
    assert response["Location"] == url
    assert _follows(follower, tag=tag) == 1
    page = parse(client.get(url))
    page.get_by_role("button", "Stop following new questions tagged twitching")
    page.get_by_role("button", "Follow new questions in Neurology")


def test_an_unknown_target_is_not_found(client, follower):
    client.force_login(follower)
    assert client.post(FOLLOW, {"forum": 999}).status_code == 404
    assert client.post(FOLLOW, {}).status_code == 404


def test_following_is_listed_only_on_the_members_own_page(
    client, follower, thread, forum
):
    services.follow(follower, thread=thread)
    services.follow(follower, forum=forum)
    url = follower.get_absolute_url()

    assert not parse(client.get(url)).select("#following-heading")
    client.force_login(UserFactory())
    assert not parse(client.get(url)).select("#following-heading")

    client.force_login(follower)
    page = parse(client.get(url))
    section = page.one(".following")
    assert section.one("h2").text == "Following"
    section.get_by_role("link", thread.title)
    section.get_by_role("button", "Unfollow this thread")
    section.get_by_role("button", "Stop following new questions in Neurology")

    response = client.post(UNFOLLOW, {"thread": thread.pk, "next": url})
    assert response["Location"] == url
    section = parse(client.get(url)).one(".following")
    assert not section.by_role("link", thread.title)


def test_follow_a_tag_from_its_tag_page(client, follower, thread):
    tag = Tag.objects.get(name="twitching")
    url = reverse("forum:tag", kwargs={"slug": tag.slug})
    client.force_login(follower)
    parse(client.get(url)).get_by_role(
        "button", "Follow new questions tagged twitching"
    )
    client.post(FOLLOW, {"tag": tag.pk, "next": url})
    assert _follows(follower, tag=tag) == 1
    parse(client.get(url)).get_by_role(
        "button", "Stop following new questions tagged twitching"
    )
    client.logout()
    assert not parse(client.get(url)).by_role(
        "button", "Follow new questions tagged twitching"
    )
