"""The resources index, the article page and the counted way out."""

from datetime import timedelta

import pytest
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forum import services as forum_services
from resources import viewcounts
from resources.models import ResourceDailyViews
from tests.factories import ForumFactory, ResourceFactory, ThreadFactory, UserFactory
from tests.html import parse

LIST_URL = reverse("resources:resource-list")
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/156.0 Safari/537.36"
)


@pytest.fixture
def reader(client):
    """An anonymous reader with an ordinary browser."""
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client


def _views(resource) -> int:
    return sum(
        row.view_count for row in ResourceDailyViews.objects.filter(resource=resource)
    )


def _titles(response):
    return [resource.title for resource in response.context["resources"]]


# --- The resources index. ---------------------------------------------------


def test_index_lists_published_resources_newest_first(client, db):
    now = timezone.now()
    old = ResourceFactory(title="Older one", published_at=now - timedelta(days=5))
    new = ResourceFactory(title="Newer one", published_at=now - timedelta(days=1))
    ResourceFactory(title="A draft", is_published=False)
    ResourceFactory(title="Scheduled", published_at=now + timedelta(days=1))
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert _titles(response) == [new.title, old.title]


def test_index_filters_by_forum_including_resources_for_every_forum(client, forum):
    sleep = ForumFactory(name="Sleep", slug="sleep")
    ResourceFactory(title="For neurology", forums=[forum])
    ResourceFactory(title="For sleep", forums=[sleep])
    ResourceFactory(title="For everyone")
    response = client.get(LIST_URL + "?forum=neurology")
    assert sorted(_titles(response)) == ["For everyone", "For neurology"]
    note = parse(response).one("main .filter-note")
    assert note.text == "Showing resources for the Neurology forum. Show all"
    assert note.one("strong").text == "Neurology"
    assert note.get_by_role("link", "Show all")["href"] == LIST_URL


def test_index_ignores_an_unknown_forum(client, forum):
    ResourceFactory(title="For sleep", forums=[ForumFactory(slug="sleep")])
    response = client.get(LIST_URL + "?forum=no-such-forum")
    assert _titles(response) == ["For sleep"]


def test_index_filters_by_topic(client, thread):
    ResourceFactory(title="About migraine", tags=["migraine"])
    ResourceFactory(title="About sleep", tags=["sleep"])
    ResourceFactory(title="Unpublished", tags=["secret-topic"], is_published=False)
    # The thread's "twitching" tag is no resource topic.
    response = client.get(LIST_URL + "?topic=Migraine")
    assert _titles(response) == ["About migraine"]
    assert [tag.name for tag in response.context["topics"]] == ["migraine", "sleep"]


def test_index_paginates_and_keeps_the_filter(client, db):
    for n in range(14):
        ResourceFactory(
            title=f"Resource {n:02d}",
            tags=["sleep"],
            published_at=timezone.now() - timedelta(hours=n + 1),
        )
    response = client.get(LIST_URL + "?topic=sleep&page=2")
    assert _titles(response) == ["Resource 12", "Resource 13"]
    pages = parse(response).get_by_role("navigation", "Resource pages")
    assert pages.get_by_role("link", "Previous")["href"] == "?topic=sleep&page=1"
    assert pages.one('[aria-current="page"]').text == "Page 2 of 2"


@pytest.mark.parametrize("count", [3, 30])
def test_index_costs_a_fixed_number_of_queries(
    client, forum, count, django_assert_num_queries
):
    for n in range(count):
        ResourceFactory(forums=[forum] if n % 2 else [], tags=[f"topic-{n % 4}"])
    # Forums for the filter, the count, one page, the topics, the sidebar.
    with django_assert_num_queries(5):
        client.get(LIST_URL + "?forum=neurology")


# --- The article page. ------------------------------------------------------


def test_article_page_shows_the_article_and_what_relates_to_it(
    reader, forum, user, media_root
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .conftest import PNG

    resource = ResourceFactory(
        title="Headache types at a glance",
        body="Most headaches are **harmless**.",
        tags=["headache", "migraine"],
        image=SimpleUploadedFile("types.png", PNG),
        image_alt="A chart of headache types",
    )
    closest = ResourceFactory(
        title="Migraine treatments", tags=["migraine", "headache"]
    )
    ResourceFactory(title="Migraine on the NHS", tags=["migraine"])
    ResourceFactory(title="Unrelated sleep guide", tags=["sleep"])
    ResourceFactory(title="Unpublished migraine", tags=["migraine"], is_published=False)
    thread = forum_services.post_thread(
        author=user,
        forum=forum,
        title="Migraine with aura for the first time",
        body="What should I do?",
        tags=["migraine"],
    )
    forum_services.post_thread(
        author=user, forum=forum, title="Sleep question", body="Hmm.", tags=["sleep"]
    )
    response = reader.get(resource.get_absolute_url())
    page = parse(response)
    assert response.status_code == 200
    article = page.get_by_role("article", "Headache types at a glance")
    assert article.one(".post-body strong").text == "harmless"
    image = article.one("img")
    assert (image["src"], image["alt"], image["width"], image["height"]) == (
        resource.image.url,
        "A chart of headache types",
        "3",
        "2",
    )
    published = article.one("header time")["datetime"]
    assert published.startswith(f"{resource.published_at:%Y-%m-%d}")
    assert [r.title for r in response.context["related"]] == [
        closest.title,
        "Migraine on the NHS",
    ]
    assert [t.title for t in response.context["threads"]] == [thread.title]
    from_forums = page.one("section.resource-threads")
    link = from_forums.get_by_role("link", thread.title)
    assert link["href"] == thread.get_absolute_url()
    related = page.one("section.resource-related").by_role("link")
    assert [link.text for link in related] == [closest.title, "Migraine on the NHS"]
    assert "Unpublished migraine" not in page.text


def test_untagged_article_relates_to_resources_for_its_forums(reader, forum):
    resource = ResourceFactory(forums=[forum])
    neighbour = ResourceFactory(title="Same forum", forums=[forum])
    ResourceFactory(title="Elsewhere", forums=[ForumFactory(slug="sleep")])
    response = reader.get(resource.get_absolute_url())
    assert list(response.context["related"]) == [neighbour]
    assert response.context["threads"] == []


def test_external_resource_page_links_out_through_the_redirect(reader, db):
    resource = ResourceFactory(
        body="", external_url="https://www.nhs.uk/conditions/migraine/"
    )
    page = parse(reader.get(resource.get_absolute_url()))
    link = page.get_by_role("link", "Read the article on nhs.uk")
    assert link["href"] == f"/resources/{resource.slug}/visit/"
    assert page.select("article .post-body") == []


@pytest.mark.parametrize("who", ["anonymous", "member"])
@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_unpublished_resources_are_404_for_readers(client, db, who, state):
    resource = ResourceFactory(
        is_published=state == "scheduled",
        published_at=timezone.now() + timedelta(days=1),
        body="" if state == "scheduled" else "B",
        external_url="https://www.nhs.uk/" if state == "scheduled" else "",
    )
    if who == "member":
        client.force_login(UserFactory())
    assert client.get(resource.get_absolute_url()).status_code == 404
    assert client.get(resource.link_url).status_code == 404


@pytest.mark.parametrize(
    ("state", "banner"),
    [("draft", "Draft:"), ("scheduled", "Scheduled:")],
)
def test_staff_preview_unpublished_resources_with_a_banner(
    client, staff, state, banner
):
    resource = ResourceFactory(
        is_published=state == "scheduled",
        published_at=timezone.now() + timedelta(days=1),
    )
    client.force_login(staff)
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    notice = parse(response).one("main .resource-status-notice")
    assert notice["role"] == "status"
    assert notice.text.startswith(banner)
    edit = notice.get_by_role("link", "Edit in the admin")
    assert edit["href"] == f"/admin/resources/resource/{resource.pk}/change/"
    assert _views(resource) == 0


def test_live_resources_show_no_banner(client, staff):
    resource = ResourceFactory()
    client.force_login(staff)
    page = parse(client.get(resource.get_absolute_url()))
    page.get_by_role("heading", resource.title)
    assert page.one("main").select(".resource-status-notice, [role=status]") == []
    assert "Draft:" not in page.text
    assert "Scheduled:" not in page.text


@pytest.mark.parametrize("related", [1, 10])
def test_article_page_costs_a_fixed_number_of_queries(
    reader, forum, user, related, django_assert_num_queries
):
    resource = ResourceFactory(tags=["migraine", "aura"])
    for _ in range(related):
        ResourceFactory(tags=["migraine"])
        ThreadFactory(forum=forum, author=user).tags.set(["migraine"])
    ResourceDailyViews.objects.create(resource=resource, day=timezone.localdate())
    # The resource, its tags, threads sharing them, related resources, the
    # sidebar on a cold cache, then one UPDATE counting the view.
    with django_assert_num_queries(6):
        response = reader.get(resource.get_absolute_url())
    assert len(response.context["threads"]) == min(related, 5)
    assert _views(resource) == 1


def test_article_page_for_a_counted_reader_writes_nothing(reader, db):
    resource = ResourceFactory()
    reader.get(resource.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        reader.get(resource.get_absolute_url())
    writes = [q for q in queries if not q["sql"].upper().startswith("SELECT")]
    assert writes == []


# --- Counting. --------------------------------------------------------------


def test_a_reader_counts_once_a_day_per_resource(reader, db):
    first, second = ResourceFactory(), ResourceFactory()
    for _ in range(3):
        reader.get(first.get_absolute_url())
    reader.get(second.get_absolute_url())
    assert (_views(first), _views(second)) == (1, 1)


def test_another_reader_counts_again(reader, db):
    resource = ResourceFactory()
    reader.get(resource.get_absolute_url())
    other = Client(HTTP_USER_AGENT=BROWSER)
    other.get(resource.get_absolute_url())
    assert _views(resource) == 2


def test_the_same_reader_counts_again_the_next_day(reader, db, monkeypatch):
    resource = ResourceFactory()
    reader.get(resource.get_absolute_url())
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(viewcounts.timezone, "localdate", lambda *a: tomorrow)
    reader.get(resource.get_absolute_url())
    assert (
        ResourceDailyViews.objects.get(resource=resource, day=tomorrow).view_count == 1
    )
    assert _views(resource) == 2


def test_members_count_once_a_day_too_without_touching_the_session(reader, user, db):
    resource = ResourceFactory()
    reader.force_login(user)
    session_key = reader.session.session_key
    for _ in range(2):
        reader.get(resource.get_absolute_url())
    assert _views(resource) == 1
    assert reader.session.session_key == session_key
    assert "resources_seen" not in reader.session


def test_memory_is_a_signed_cookie_limited_to_resource_pages(reader, db):
    resource = ResourceFactory()
    response = reader.get(resource.get_absolute_url())
    cookie = response.cookies[viewcounts.COOKIE_NAME]
    assert cookie["path"] == "/resources/"
    assert cookie["httponly"]
    assert 0 < int(cookie["max-age"]) <= 24 * 60 * 60
    request = HttpRequest()
    request.COOKIES[viewcounts.COOKIE_NAME] = cookie.value
    remembered = request.get_signed_cookie(
        viewcounts.COOKIE_NAME, salt=viewcounts.COOKIE_SALT
    )
    assert remembered == f"{timezone.localdate()}:{resource.pk}"


def test_a_tampered_cookie_is_ignored(reader, db):
    resource = ResourceFactory()
    reader.cookies[viewcounts.COOKIE_NAME] = f"{timezone.localdate()}:{resource.pk}"
    reader.get(resource.get_absolute_url())
    assert _views(resource) == 1


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/156.0 Safari/537.36",
        "",
    ],
)
def test_bots_are_not_counted(client, db, agent):
    resource = ResourceFactory(body="", external_url="https://www.nhs.uk/")
    client.get(resource.get_absolute_url(), HTTP_USER_AGENT=agent)
    client.get(resource.link_url, HTTP_USER_AGENT=agent)
    assert _views(resource) == 0


def test_prefetches_head_requests_and_staff_are_not_counted(reader, staff, db):
    resource = ResourceFactory()
    reader.get(resource.get_absolute_url(), HTTP_SEC_PURPOSE="prefetch")
    reader.head(resource.get_absolute_url())
    reader.force_login(staff)
    reader.get(resource.get_absolute_url())
    assert _views(resource) == 0


# --- The counted way out. ---------------------------------------------------


def test_visit_redirects_to_the_stored_address_and_counts(reader, db):
    resource = ResourceFactory(
        body="", external_url="https://www.nhs.uk/conditions/migraine/"
    )
    response = reader.get(resource.link_url)
    assert response.status_code == 302
    assert response["Location"] == "https://www.nhs.uk/conditions/migraine/"
    assert _views(resource) == 1
    reader.get(resource.link_url)
    reader.get(resource.get_absolute_url())
    assert _views(resource) == 1


@pytest.mark.parametrize(
    "query",
    [
        "?next=https://evil.example/",
        "?url=https://evil.example/",
        "?to=//evil.example",
        "?external_url=https://evil.example/",
    ],
)
def test_visit_ignores_any_address_in_the_request(reader, db, query):
    resource = ResourceFactory(body="", external_url="https://www.nhs.uk/")
    response = reader.get(resource.link_url + query)
    assert response["Location"] == "https://www.nhs.uk/"


def test_visit_refuses_an_article_and_unknown_slugs(reader, db):
    article = ResourceFactory(slug="an-article")
    assert reader.get("/resources/an-article/visit/").status_code == 404
    assert reader.get("/resources/https-evil-example/visit/").status_code == 404
    assert _views(article) == 0


def test_visit_writes_one_row_and_no_session(reader, db):
    resource = ResourceFactory(body="", external_url="https://www.nhs.uk/")
    ResourceDailyViews.objects.create(resource=resource, day=timezone.localdate())
    with CaptureQueriesContext(connection) as queries:
        reader.get(resource.link_url)
    writes = [q["sql"] for q in queries if not q["sql"].upper().startswith("SELECT")]
    assert len(writes) == 1
    assert "resources_resourcedailyviews" in writes[0]
    assert "sessionid" not in reader.cookies
