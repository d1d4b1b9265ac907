"""The Popular Resources sidebar: what it shows, in which order, at what cost."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.cache import page_cache
from forum.models import Thread
from resources import services, sidebar
from resources.models import Resource
from resources.sidebar import get_sidebar
from tests.factories import ForumFactory
from tests.html import parse


def _titles(forum=None):
    return [teaser["title"] for teaser in get_sidebar(forum)]


def _popular(page):
    """Return the Popular Resources card of the page's sidebar."""
    sidebar = page.one("aside.sidebar")
    return sidebar.get_by_role("heading", "Popular Resources").parent


def _views(resource, count, days_ago=0):
    day = timezone.localdate() - timedelta(days=days_ago)
    services.record_view(resource=resource, day=day, count=count)


def test_pinned_come_first_in_the_staff_order(make_resource, forum):
    popular = make_resource("Popular article")
    second = make_resource("Pinned second", is_pinned=True, position=2)
    first = make_resource("Pinned first", is_pinned=True, position=1)
    _views(popular, 50)
    page_cache().clear()
    assert _titles(forum) == [first.title, second.title, popular.title]


def test_resources_aimed_at_the_forum_come_before_general_ones(make_resource, forum):
    general = make_resource("For every forum")
    aimed = make_resource("For neurology readers", forums=[forum])
    _views(general, 40)
    _views(aimed, 2)
    assert _titles(forum) == [aimed.title, general.title]


def test_pinned_general_resources_still_lead_aimed_ones(make_resource, forum):
    aimed = make_resource("For neurology readers", forums=[forum])
    pinned = make_resource("Pinned for everyone", is_pinned=True)
    assert _titles(forum) == [pinned.title, aimed.title]


def test_the_rest_are_ranked_by_views_in_the_last_30_days(make_resource):
    steady = make_resource("Read steadily this month")
    faded = make_resource("Read a lot long ago")
    fresh = make_resource("Read a lot today")
    _views(steady, 3, days_ago=0)
    _views(steady, 3, days_ago=29)
    _views(faded, 500, days_ago=30)
    _views(fresh, 10)
    assert _titles() == [fresh.title, steady.title, faded.title]


def test_ties_go_to_the_newest(make_resource):
    older = make_resource("Older", published_at=timezone.now() - timedelta(days=9))
    newer = make_resource("Newer", published_at=timezone.now() - timedelta(days=2))
    assert _titles() == [newer.title, older.title]


def test_drafts_scheduled_and_other_forums_resources_are_left_out(make_resource, forum):
    sleep = ForumFactory(name="Sleep", slug="sleep")
    live = make_resource("Live and general")
    make_resource("A draft", is_published=False)
    make_resource(
        "Scheduled", is_published=True, published_at=timezone.now() + timedelta(days=2)
    )
    make_resource("Only for sleep", forums=[sleep])
    assert _titles(forum) == [live.title]


def test_the_forum_index_shows_resources_for_every_forum(make_resource, forum):
    sleep = ForumFactory(name="Sleep", slug="sleep")
    make_resource("Only for sleep", forums=[sleep])
    make_resource("Only for neurology", forums=[forum])
    make_resource("For every forum")
    assert len(_titles(None)) == 3


def test_shows_at_most_six(make_resource):
    for n in range(8):
        make_resource(f"Resource {n}")
    assert len(_titles()) == sidebar.SIDEBAR_SIZE == 6


def test_an_external_resource_links_through_our_counting_redirect(make_resource):
    make_resource(
        "NHS migraine guide",
        external_url="https://www.nhs.uk/conditions/migraine/",
        slug="nhs-migraine",
    )
    (teaser,) = get_sidebar(None)
    assert teaser["url"] == "/resources/nhs-migraine/visit/"
    assert teaser["host"] == "nhs.uk"


@pytest.mark.parametrize("count", [2, 12])
def test_sidebar_costs_one_query_on_a_miss_and_none_on_a_hit(
    make_resource, forum, count, django_assert_num_queries
):
    for n in range(count):
        resource = make_resource(f"Resource {n}", forums=[forum] if n % 2 else [])
        _views(resource, n)
    page_cache().clear()
    with django_assert_num_queries(1):
        missed = get_sidebar(forum)
    with django_assert_num_queries(0):
        hit = get_sidebar(forum)
    assert hit == missed
    assert len(hit) == min(count, 6)


def test_an_empty_sidebar_is_cached_too(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert get_sidebar(None) == []
    with django_assert_num_queries(0):
        assert get_sidebar(None) == []


def test_saving_a_resource_shows_at_once(make_resource, forum):
    resource = make_resource("Old title", forums=[forum])
    assert _titles(forum) == ["Old title"]
    assert _titles(None) == ["Old title"]
    resource.title = "New title"
    services.save_resource(resource=resource)
    assert _titles(forum) == ["New title"]
    assert _titles(None) == ["New title"]


def test_changing_a_resources_forums_shows_at_once(make_resource, forum):
    sleep = ForumFactory(name="Sleep", slug="sleep")
    resource = make_resource("Moves between forums", forums=[forum])
    assert _titles(forum) == [resource.title]
    services.save_resource(resource=resource, forums=[sleep])
    assert _titles(forum) == []
    assert _titles(sleep) == [resource.title]


def test_deleting_a_resource_shows_at_once(make_resource, forum):
    resource = make_resource("Soon gone")
    assert _titles(forum) == ["Soon gone"]
    services.delete_resources(resources=Resource.objects.filter(pk=resource.pk))
    assert _titles(forum) == []


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [
        (services.unpublish_resources, "is_published", False),
        (services.pin_resources, "is_pinned", True),
    ],
)
def test_bulk_actions_show_at_once(make_resource, staff, action, field, value):
    make_resource("Popular", slug="popular")
    target = make_resource("Target", slug="target")
    _views(Resource.objects.get(slug="popular"), 9)
    page_cache().clear()
    before = _titles()
    action(editor=staff, resources=Resource.objects.filter(pk=target.pk))
    assert getattr(Resource.objects.get(pk=target.pk), field) is value
    assert _titles() != before


def test_cache_is_cleared_again_when_the_transaction_commits(
    make_resource, django_capture_on_commit_callbacks
):
    resource = make_resource("Before")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        resource.title = "After"
        services.save_resource(resource=resource)
        # A reader caches the sidebar before the change commits...
        page_cache().set(sidebar._key(None), [{"title": "Before"}])
    for callback in callbacks:
        callback()
    # ...and the commit clears it again.
    assert _titles() == ["After"]


def test_cache_lasts_only_until_the_next_scheduled_publication(
    make_resource, monkeypatch
):
    make_resource("Live now")
    make_resource(
        "Goes live soon",
        published_at=timezone.now() + timedelta(seconds=90),
    )
    timeouts = []
    real_set = page_cache().set
    monkeypatch.setattr(
        page_cache(),
        "set",
        lambda key, value, timeout: (
            timeouts.append(timeout) or real_set(key, value, timeout)
        ),
    )
    get_sidebar(None)
    assert 60 <= timeouts[0] <= 91


@pytest.mark.parametrize("page", ["index", "forum", "thread"])
def test_forum_pages_show_the_sidebar(client, make_resource, thread, page):
    resource = make_resource("Simple habits for brain health")
    url = {
        "index": "/",
        "forum": thread.forum.get_absolute_url(),
        "thread": thread.get_absolute_url(),
    }[page]
    page = parse(client.get(url))
    link = _popular(page).get_by_role("link", "Simple habits for brain health")
    assert link["href"] == resource.get_absolute_url()
    page.one("aside.sidebar").get_by_role("heading", "Need help now?")


def test_thread_page_sidebar_is_the_threads_forums(client, make_resource, thread):
    sleep = ForumFactory(name="Sleep", slug="sleep")
    make_resource("Only for sleep", forums=[sleep])
    make_resource("For this forum", forums=[thread.forum])
    page = parse(client.get(thread.get_absolute_url()))
    links = _popular(page).select(".resource-teasers a")
    assert [link.text for link in links] == ["For this forum"]
    assert "Only for sleep" not in page.text


def test_anonymous_forum_pages_with_a_sidebar_write_nothing(
    client, make_resource, thread
):
    make_resource("Simple habits for brain health")
    page_cache().clear()
    with CaptureQueriesContext(connection) as queries:
        for url in ["/", thread.forum.get_absolute_url(), thread.get_absolute_url()]:
            client.get(url)
    writes = [
        q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")
    ]
    assert writes == []
    assert Thread.objects.count() == 1
