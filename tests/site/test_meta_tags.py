"""Every page's head: a title, a description, one canonical address, Open Graph."""

import pytest
from django.urls import reverse

from forum import services
from forum.models import Forum
from tests.factories import ResourceFactory, ThreadFactory, UserFactory
from tests.html import parse

SITE = "https://forum.example.org"
SUFFIX = " · Health Forum"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def _head(response) -> dict[str, str]:
    """Return what the page's head says about it."""
    assert response.status_code in (200, 404), response.status_code
    page = parse(response)
    meta = {
        element.attrs.get("property") or element["name"]: element["content"]
        for element in page.select("meta[property], meta[name]")
    }
    canonicals = page.select('link[rel="canonical"]')
    assert len(canonicals) == 1
    return {
        **meta,
        "title": page.one("title").text,
        "canonical": canonicals[0]["href"],
    }


@pytest.fixture
def pages(client, thread, reply, site_pages) -> dict[str, str]:
    ResourceFactory(title="Sleeping well with nerve pain", slug="sleeping-well")
    return {
        "forum index": reverse("forum:index"),
        "forum": thread.forum.get_absolute_url(),
        "tag": reverse("forum:tag", args=["twitching"]),
        "thread": thread.get_absolute_url(),
        "member": thread.author.get_absolute_url(),
        "resources": reverse("resources:resource-list"),
        "resource": reverse("resources:resource-detail", args=["sleeping-well"]),
        **{
            f"site page {slug}": page.get_absolute_url()
            for slug, page in site_pages.items()
        },
        "search": reverse("forum:search"),
    }


def test_every_page_says_what_it_is_and_where_it_lives(client, pages):
    titles = set()
    for name, url in pages.items():
        head = _head(client.get(url))
        assert head["title"].endswith(SUFFIX), name
        title = head["title"].removesuffix(SUFFIX)
        assert title and title != "Health Forum", name
        titles.add(title)
        assert len(head["description"]) > 20, name
        assert head["canonical"] == SITE + url, name
        assert head["og:title"] == title, name
        assert head["og:description"] == head["description"], name
        assert head["og:url"] == head["canonical"], name
        assert head["og:site_name"] == "Health Forum", name
        assert head["og:type"] in ("website", "article", "profile"), name
        assert "robots" not in head, name
    assert len(titles) == len(pages)


def test_a_thread_page_is_an_article_described_by_its_plain_text(client, forum, user):
    thread = services.post_thread(
        author=user,
        forum=forum,
        title="Pins and needles at night",
        body="It **wakes** me up.\n\n- worse after walks\n- gone by noon & fine",
    )
    head = _head(client.get(thread.get_absolute_url()))
    assert head["og:type"] == "article"
    assert (
        head["description"] == "It wakes me up. worse after walks gone by noon & fine"
    )
    assert head["og:title"] == "Pins and needles at night"


def test_a_long_question_s_description_is_cut_short(client, forum, user):
    thread = services.post_thread(
        author=user, forum=forum, title="A long story of headaches", body="Word " * 100
    )
    assert len(_head(client.get(thread.get_absolute_url()))["description"]) <= 155


def test_a_thread_s_canonical_address_keeps_its_page_and_drops_its_sort(client, thread):
    authors = UserFactory.create_batch(2)
    for n in range(52):
        services.post_reply(author=authors[n % 2], thread=thread, body=f"Reply {n}.")
    base = SITE + thread.get_absolute_url()
    addresses = {
        "?sort=newest": base,
        "?sort=oldest&from=professionals": base,
        "?sort=newest&page=2": base + "?page=2",
        "?page=2&from=all": base + "?page=2",
        # Past the last page is the last page.
        "?page=9": base + "?page=2",
        "?page=not-a-number": base,
    }
    for query, canonical in addresses.items():
        head = _head(client.get(thread.get_absolute_url() + query))
        assert head["canonical"] == head["og:url"] == canonical, query


def test_lists_keep_their_page_and_drop_sorts_and_filters(client, forum, user):
    ThreadFactory.create_batch(26, forum=forum, author=user)
    Forum.objects.filter(pk=forum.pk).update(thread_count=26)
    base = SITE + forum.get_absolute_url()
    addresses = {
        "?sort=newest": base,
        "?tag=twitching": base,
        "?sort=newest&page=2": base + "?page=2",
    }
    for query, canonical in addresses.items():
        head = _head(client.get(forum.get_absolute_url() + query))
        assert head["canonical"] == canonical, query


def test_a_member_s_tabs_are_two_pages(client, user):
    url = user.get_absolute_url()
    assert _head(client.get(url + "?tab=replies"))["canonical"] == SITE + url
    assert _head(client.get(url + "?tab=threads"))["canonical"] == (
        SITE + url + "?tab=threads"
    )
    head = _head(client.get(url))
    assert head["og:type"] == "profile"
    assert "anxious_reader" in head["description"]


def test_search_results_are_not_for_search_engines(client, thread):
    head = _head(client.get(reverse("forum:search"), {"q": "eyelid"}))
    assert head["robots"] == "noindex"
    assert head["canonical"] == SITE + reverse("forum:search") + "?q=eyelid"


def test_an_error_page_is_not_for_search_engines(client, db):
    assert _head(client.get("/no-such-page/"))["robots"] == "noindex"


def test_the_address_is_the_site_s_whoever_asked_first(client, thread, settings):
    """A stored page is served to every host: it must not name the first one's."""
    settings.ALLOWED_HOSTS = ["localhost", "forum.example.org"]
    url = thread.get_absolute_url()
    first = _head(client.get(url, HTTP_HOST="localhost"))
    second = client.get(url, HTTP_HOST="forum.example.org")
    assert second["X-Page-Cache"] == "hit"
    assert first["canonical"] == _head(second)["canonical"] == SITE + url


def test_pages_for_members_have_a_title_and_description_too(client, user, thread):
    client.force_login(user)
    pages = [
        reverse("forum:thread-create"),
        reverse("forum:thread-edit", args=[thread.pk, thread.slug]),
        reverse("notifications:list"),
        reverse("account_email"),
        reverse("privacy:export"),
    ]
    for url in pages:
        head = _head(client.get(url))
        assert head["title"].removesuffix(SUFFIX) not in ("", "Health Forum"), url
        assert head["description"], url
        assert head["canonical"] == SITE + url, url
