"""sitemap.xml: an index of sections, each listing the public pages it owns."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import services
from forum.models import Thread
from forum.sitemaps import ThreadSitemap
from sitepages.models import SitePage
from tests.factories import ForumFactory, ResourceFactory, UserFactory

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "https://forum.example.org"
LINK = "Have a look at https://cures.example/now for the answer."


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def _xml(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def _section(client, name: str, page: int = 1) -> dict[str, str | None]:
    """Return the section's addresses, each with its lastmod."""
    url = reverse("sitemap-section", args=[name])
    urlset = _xml(client.get(url, {"p": page} if page > 1 else {}))
    return {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in urlset.findall("sm:url", NS)
    }


def _index(client) -> list[str]:
    index = _xml(client.get(reverse("sitemap")))
    return [
        sitemap.findtext("sm:loc", namespaces=NS)
        for sitemap in index.findall("sm:sitemap", NS)
    ]


def _ask(author, forum, title, **kwargs) -> Thread:
    body = kwargs.pop("body", "Nothing else to add for now, thank you.")
    return services.post_thread(
        author=author, forum=forum, title=title, body=body, **kwargs
    )


def test_the_index_names_every_section(client, db):
    sections = _index(client)
    assert [loc.rsplit("/", 1)[1] for loc in sections] == [
        "sitemap-pages.xml",
        "sitemap-about.xml",
        "sitemap-forums.xml",
        "sitemap-threads.xml",
        "sitemap-tags.xml",
        "sitemap-resources.xml",
    ]


def test_threads_lists_every_visible_question_and_nothing_hidden(
    client, forum, user, staff
):
    shown = _ask(user, forum, "Eyelid twitching for three weeks")
    removed = _ask(user, forum, "Spam about miracle pills")
    services.remove_thread(moderator=staff, thread=removed)
    newcomer = UserFactory(username="newcomer", date_joined=timezone.now())
    held = _ask(newcomer, forum, "A cure I found online", body=LINK)
    assert held.is_removed and held.held_for == "links"

    urls = _section(client, "threads")

    assert list(urls) == [SITE + shown.get_absolute_url()]


def test_a_questions_lastmod_is_its_latest_reply_or_edit(
    client, forum, user, other_user
):
    replied = _ask(user, forum, "Eyelid twitching for three weeks")
    services.post_reply(author=other_user, thread=replied, body="Mine stopped.")
    edited = _ask(user, forum, "Numb toes after long walks")
    Thread.objects.filter(pk=edited.pk).update(
        last_activity_at=timezone.now() - timedelta(days=3),
        edited_at=timezone.now() - timedelta(days=1),
    )
    replied.refresh_from_db()
    edited.refresh_from_db()

    urls = _section(client, "threads")

    assert (
        urls[SITE + replied.get_absolute_url()]
        == replied.last_activity_at.date().isoformat()
    )
    assert urls[SITE + edited.get_absolute_url()] == edited.edited_at.date().isoformat()


def test_tags_lists_topics_with_at_least_one_visible_question(
    client, forum, user, staff
):
    _ask(user, forum, "Eyelid twitching for three weeks", tags=["twitching"])
    gone = _ask(user, forum, "Spam about miracle pills", tags=["pills"])
    services.remove_thread(moderator=staff, thread=gone)
    # A topic only articles carry has no questions to show.
    ResourceFactory(title="Sleeping well", tags=["sleep"])

    urls = _section(client, "tags")

    assert list(urls) == [SITE + reverse("forum:tag", kwargs={"slug": "twitching"})]


def test_forums_pages_and_footer_pages_are_listed(client, forum, site_pages):
    ForumFactory(name="Sleep", slug="sleep")

    assert list(_section(client, "forums")) == [
        SITE + "/forums/neurology/",
        SITE + "/forums/sleep/",
    ]
    assert list(_section(client, "pages")) == [SITE + "/", SITE + "/resources/"]
    assert sorted(_section(client, "about")) == sorted(
        SITE + reverse(f"sitepages:{slug}") for slug in SitePage.Slug.values
    )


def test_resources_lists_published_ones_only(client, db):
    live = ResourceFactory(title="Sleeping well with nerve pain")
    ResourceFactory(title="A draft about nerve tests", is_published=False)
    ResourceFactory(
        title="Scheduled for next week",
        published_at=timezone.now() + timedelta(days=7),
    )

    urls = _section(client, "resources")

    assert list(urls) == [SITE + live.get_absolute_url()]
    assert urls[SITE + live.get_absolute_url()] == live.updated_at.date().isoformat()


def test_a_large_section_is_split_into_pages_the_index_names(
    client, forum, user, monkeypatch
):
    monkeypatch.setattr(ThreadSitemap, "limit", 2)
    threads = [_ask(user, forum, f"Question number {n} about sleep") for n in range(5)]

    pages = [loc for loc in _index(client) if "sitemap-threads" in loc]

    assert [loc.rsplit("/", 1)[1] for loc in pages] == [
        "sitemap-threads.xml",
        "sitemap-threads.xml?p=2",
        "sitemap-threads.xml?p=3",
    ]
    listed = [url for page in (1, 2, 3) for url in _section(client, "threads", page)]
    assert listed == [SITE + thread.get_absolute_url() for thread in threads]
    url = reverse("sitemap-section", args=["threads"])
    assert client.get(url, {"p": 4}).status_code == 404
    assert client.get(url, {"p": "last"}).status_code == 404


def test_an_unknown_section_is_not_found(client, db):
    url = reverse("sitemap-section", args=["members"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_the_sitemap_costs_a_fixed_number_of_queries(
    client, forum, user, count, django_assert_num_queries, site_pages
):
    for n in range(count):
        thread = _ask(user, forum, f"Question number {n} about sleep", tags=[f"t{n}"])
        ResourceFactory(title=f"Article {n}", slug=f"article-{n}")
    ForumFactory.create_batch(count)
    assert thread
    # Per section with objects: a count, and the latest change.
    with django_assert_num_queries(10):
        _index(client)
    # A count, then the page's objects.
    for section in ("about", "forums", "threads", "tags", "resources"):
        with django_assert_num_queries(2):
            _section(client, section)
