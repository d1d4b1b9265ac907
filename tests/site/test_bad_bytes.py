"""Control characters anywhere in a request get the friendly 400, never a 500.

PostgreSQL refuses a NUL in text, so before the guard a NUL in a search, a
tag filter or a member's name failed inside the view as a 500.
"""

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from tests.factories import ResourceFactory
from tests.html import parse

# Every parameter name the site's views read, so each view meets a NUL in
# whichever of them it parses.
PARAMETERS = (
    "q",
    "tag",
    "sort",
    "page",
    "next",
    "o",
    "p",
    "term",
    "_changelist_filters",
)


def _named_routes(patterns, namespace="", groups=()):
    """Yield (URL name, names of its arguments) for every named URL."""
    for pattern in patterns:
        found = (*groups, *pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
            yield from _named_routes(pattern.url_patterns, inner, found)
        elif pattern.name:
            yield namespace + pattern.name, found


ROUTES = dict(_named_routes(get_resolver().url_patterns))


@pytest.fixture
def site(thread, reply, staff):
    """Give one real object for every kind of URL argument."""
    resource = ResourceFactory(title="Living with migraine", slug="migraine")
    values = {
        "pk": thread.pk,
        "slug": thread.slug,
        "username": thread.author.username,
        "object_id": str(thread.pk),
        "id": str(staff.pk),
        "content_type_id": 1,
        "app_label": "forum",
        "decision": "approve",
        "kind": "thread",
        "key": "a1b2c3",
        "uidb36": "1",
        "token": "a1b2c3",
        "section": "threads",
    }
    overrides = {
        "forum:forum-detail": {"slug": thread.forum.slug},
        "forum:reply-vote": {"pk": reply.pk},
        "resources:resource-detail": {"slug": resource.slug},
        "resources:resource-visit": {"slug": resource.slug},
        "privacy:export-download": {"pk": "6f1c7a52-0d7e-4b53-9a1e-3c2f5d8e9b10"},
    }

    def url_for(name: str) -> str:
        kwargs = {arg: values[arg] for arg in ROUTES[name]}
        return reverse(name, kwargs={**kwargs, **overrides.get(name, {})})

    return url_for


@pytest.fixture(params=["anonymous", "staff"])
def visitor(request, staff):
    client = Client(raise_request_exception=False)
    if request.param == "staff":
        client.force_login(staff)
    return client


def _assert_friendly_400(response):
    assert response.status_code == 400
    assert parse(response).one("main h1").text == "We could not understand that request"


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_nul_in_any_parameter_is_a_400(site, visitor, name):
    query = "&".join(f"{parameter}=a%00b" for parameter in PARAMETERS)
    _assert_friendly_400(visitor.get(f"{site(name)}?{query}"))


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_nul_in_any_path_is_a_400(site, visitor, name):
    url = site(name)
    # Inside the last segment, where a view reads a slug or a name.
    broken = url[:-1] + "%00/" if url.endswith("/") else url + "%00"
    _assert_friendly_400(visitor.get(broken))


@pytest.mark.parametrize(
    "character", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f"]
)
def test_control_characters_in_a_query_are_a_400(client, thread, character):
    response = client.get(reverse("forum:search"), {"q": f"twitch{character}"})
    _assert_friendly_400(response)


@pytest.mark.parametrize("character", ["\t", "\n", "\r"])
def test_line_breaks_in_an_address_are_a_400(client, thread, character):
    _assert_friendly_400(client.get(reverse("forum:search"), {"q": character}))
    _assert_friendly_400(client.get(f"/members/a%{ord(character):02x}b/"))


def test_nul_in_the_log_in_form_is_a_400(client, user):
    response = client.post(
        reverse("account_login"), {"login": "anxious\x00reader", "password": "x"}
    )
    _assert_friendly_400(response)


def test_nul_in_the_sign_up_form_is_a_400(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new\x00member@example.com",
            "username": "new_member",
            "password1": "a-long-new-password",
            "password2": "a-long-new-password",
            "consent": "on",
        },
    )
    _assert_friendly_400(response)


def test_nul_in_a_reply_is_a_400_and_saves_nothing(client, thread, other_user):
    client.force_login(other_user)
    url = reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})
    _assert_friendly_400(client.post(url, {"body": "Sleep\x00 helped me."}))
    assert thread.replies.count() == 0


def test_nul_in_a_form_field_name_is_a_400(client, thread, other_user):
    client.force_login(other_user)
    url = reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})
    response = client.post(url, {"body": "Sleep helped me.", "x\x00": "y"})
    _assert_friendly_400(response)


def test_nul_in_a_multipart_form_is_a_400(client, thread, other_user):
    client.force_login(other_user)
    url = reverse("forum:thread-create")
    response = client.post(url, {"title": "Twitching\x00 eyelid", "body": "x"})
    _assert_friendly_400(response)


def test_paragraphs_in_a_reply_are_ordinary_text(client, thread, other_user):
    client.force_login(other_user)
    url = reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})
    response = client.post(url, {"body": "First,\r\n\r\n\tsleep more.\nThen rest."})
    assert response.status_code == 302
    assert thread.replies.get().body.startswith("First,")


def test_nul_in_a_cookie_is_a_400(client, thread):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    _assert_friendly_400(client.get(thread.get_absolute_url()))
