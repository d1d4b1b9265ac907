"""Anonymous readers are served stored pages that change when the content does."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.pagecache import HEADER, render_fragments
from forum import services
from resources import services as resource_services
from tests.factories import PASSWORD, verify_professional

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'nonce="([^"]+)"')


def _get_twice(client, url, **params):
    """Fill the cache, then return what the next reader gets."""
    first = client.get(url, params)
    assert first[HEADER] == "miss"
    second = client.get(url, params)
    assert second[HEADER] == "hit"
    return second


def _signed_in(user) -> Client:
    member = Client()
    assert member.login(username=user.username, password=PASSWORD)
    return member


def test_second_anonymous_reader_gets_the_stored_page_without_queries(
    client, thread, reply, django_assert_num_queries
):
    first = client.get(thread.get_absolute_url())
    assert first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(thread.get_absolute_url())
    assert second.status_code == 200
    assert second[HEADER] == "hit"
    assert "Mine stopped once I slept more." in second.content.decode()
    assert "Cookie" in second["Vary"]

    def without_tokens(response):
        html = CSRF_INPUT.sub("", response.content.decode())
        return NONCE.sub("", html)

    assert without_tokens(first) == without_tokens(second)


@pytest.mark.parametrize("url_name", ["index", "forum", "member", "resources"])
def test_every_public_page_is_stored(client, thread, reply, url_name):
    url = {
        "index": reverse("forum:index"),
        "forum": thread.forum.get_absolute_url(),
        "member": reply.author.get_absolute_url(),
        "resources": reverse("resources:resource-list"),
    }[url_name]
    client.get(url)
    assert client.get(url)[HEADER] == "hit"


def test_a_stored_page_carries_the_readers_own_working_csrf_token(thread):
    reader = Client(enforce_csrf_checks=True)
    # Another reader filled the cache.
    Client().get(thread.get_absolute_url())
    page = reader.get(thread.get_absolute_url())
    assert page[HEADER] == "hit"
    tokens = set(CSRF_INPUT.findall(page.content.decode()))
    assert tokens and not any("pagecache" in token for token in tokens)
    response = reader.post(
        reverse("accounts:text-size"),
        {"text_size": "large", "csrfmiddlewaretoken": tokens.pop()},
    )
    assert response.status_code == 302


def test_a_stored_page_needs_no_nonce_its_scripts_come_from_the_site(client, thread):
    page = _get_twice(client, thread.get_absolute_url())
    assert not NONCE.findall(page.content.decode())
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "nonce-" not in policy


def test_reading_preferences_have_their_own_pages(client, thread):
    url = thread.get_absolute_url()
    _get_twice(client, url)
    client.cookies["text_size"] = "large"
    large = client.get(url)
    assert large[HEADER] == "miss"
    assert '<html lang="en" class="text-large">' in large.content.decode()


def test_signed_in_members_never_get_a_stored_page(client, thread, other_user):
    _get_twice(client, thread.get_absolute_url())
    member = _signed_in(other_user)
    response = member.get(thread.get_absolute_url())
    assert HEADER not in response
    assert response.context["reply_form"] is not None
    assert 'name="body"' in response.content.decode()
    # A signed-in member's page is not stored for anonymous readers either.
    assert client.get(thread.get_absolute_url())[HEADER] == "hit"


def test_htmx_requests_and_errors_are_not_stored(client, thread):
    client.get(thread.get_absolute_url(), headers={"HX-Request": "true"})
    assert client.get(thread.get_absolute_url())[HEADER] == "miss"
    missing = reverse("forum:thread-detail", kwargs={"pk": 999, "slug": "nothing"})
    client.get(missing)
    response = client.get(missing)
    assert response.status_code == 404
    assert HEADER not in response


def test_made_up_parameters_share_the_page_and_real_ones_do_not(client, thread):
    url = thread.get_absolute_url()
    _get_twice(client, url, sort="oldest")
    assert client.get(url, {"sort": "oldest", "utm_source": "x"})[HEADER] == "hit"
    assert client.get(url, {"sort": "newest"})[HEADER] == "miss"


def test_a_new_reply_shows_to_anonymous_readers_at_once(client, thread, other_user):
    _get_twice(client, thread.get_absolute_url())
    _get_twice(client, thread.forum.get_absolute_url())
    _get_twice(client, thread.author.get_absolute_url())
    response = _signed_in(other_user).post(
        reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug}),
        {"body": "A warm compress helped my twitch."},
    )
    assert response.status_code == 302
    page = client.get(thread.get_absolute_url())
    assert page[HEADER] == "miss"
    assert "A warm compress helped my twitch." in page.content.decode()
    assert "1 Response" in page.content.decode()
    listing = client.get(thread.forum.get_absolute_url())
    assert listing[HEADER] == "miss"
    # The asker's page counts the responses to their question.
    assert client.get(thread.author.get_absolute_url())[HEADER] == "miss"


def test_a_vote_updates_the_count_and_the_authors_total(client, thread, reply, user):
    _get_twice(client, thread.get_absolute_url())
    _get_twice(client, reply.author.get_absolute_url())
    response = _signed_in(user).post(
        reverse("forum:reply-vote", kwargs={"pk": reply.pk}), {"vote": "yes"}
    )
    assert response.status_code == 302
    page = client.get(thread.get_absolute_url())
    assert "Helpful – 1" in page.content.decode()
    profile = client.get(reply.author.get_absolute_url())
    assert profile[HEADER] == "miss"
    assert profile.context["stats"]["helpful"] == 1


def test_a_vote_leaves_other_threads_pages_stored(client, thread, reply, user, forum):
    other = services.post_thread(
        author=user, forum=forum, title="Tingling in both feet", body="For a month now."
    )
    _get_twice(client, other.get_absolute_url())
    services.cast_helpful_vote(voter=user, reply=reply, is_helpful=True)
    assert client.get(other.get_absolute_url())[HEADER] == "hit"


def test_moderation_shows_at_once(client, thread, reply, staff):
    _get_twice(client, thread.get_absolute_url())
    services.set_thread_flags(moderator=staff, thread=thread, is_locked=True)
    page = client.get(thread.get_absolute_url())
    assert "This thread is locked" in page.content.decode()
    services.remove_reply(moderator=staff, reply=reply)
    page = client.get(thread.get_absolute_url())
    assert "Mine stopped once I slept more." not in page.content.decode()
    services.remove_thread(moderator=staff, thread=thread)
    assert client.get(thread.get_absolute_url()).status_code == 410
    assert thread.title not in client.get(reverse("forum:index")).content.decode()


def test_a_new_badge_shows_on_every_stored_page(client, thread, reply, staff):
    _get_twice(client, thread.get_absolute_url())
    verify_professional(reply.author, staff)
    page = client.get(thread.get_absolute_url())
    assert page[HEADER] == "miss"
    assert "Medical professional" in page.content.decode()


def test_a_published_resource_joins_the_sidebar_of_stored_pages(client, thread):
    _get_twice(client, thread.get_absolute_url())
    resource_services.create_resource(
        title="Living with migraine",
        slug="living-with-migraine",
        summary="What helps between attacks.",
        body="Keep a diary of what you ate and how you slept.",
        is_published=True,
        published_at=timezone.now() - timedelta(hours=1),
    )
    page = client.get(thread.get_absolute_url())
    assert "Living with migraine" in page.content.decode()


def test_staff_edits_in_the_admin_show_at_once(client, forum, staff):
    _get_twice(client, reverse("forum:index"))
    admin = _signed_in(staff)
    response = admin.post(
        reverse("admin:forum_forum_change", args=[forum.pk]),
        {
            "name": "Brain and nerves",
            "slug": forum.slug,
            "description": forum.description,
            "position": forum.position,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("forum:index"))
    assert page[HEADER] == "miss"
    assert "Brain and nerves" in page.content.decode()


def test_the_cache_can_be_switched_off(client, thread, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get(thread.get_absolute_url())
    assert HEADER not in client.get(thread.get_absolute_url())


def test_a_new_release_never_serves_pages_stored_by_the_old_one(
    client, thread, monkeypatch
):
    _get_twice(client, thread.get_absolute_url())
    monkeypatch.setattr("core.pagecache.RELEASE", "the-next-release")
    assert client.get(thread.get_absolute_url())[HEADER] == "miss"


def test_a_fragment_is_rendered_once_and_one_that_failed_is_tried_again(rf):
    request = rf.get("/threads/1/a-thread/")
    rendered = []

    def render(items):
        rendered.extend(items)
        # "gone" stands for a reply removed between the page's two queries.
        return ["" if item == "gone" else f"<li>{item}</li>" for item in items]

    def key_parts(item):
        return ("test", item)

    html = render_fragments(request, ["kept", "gone"], key_parts, render)
    assert html == "<li>kept</li>"
    html = render_fragments(request, ["kept", "gone"], key_parts, render)
    assert html == "<li>kept</li>"
    assert rendered == ["kept", "gone", "gone"]
