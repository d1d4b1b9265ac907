import os
from contextlib import contextmanager
from importlib import import_module

import pytest

from core import pagecache
from core.cache import page_cache
from forum import services

from .factories import ForumFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# made beside it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
    }
    # One process shares its memory cache, so the page cache is safe here,
    # as it is with Redis in production.
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture(autouse=True)
def _clear_cache():
    # The default cache is a database table: each test's rollback or flush
    # empties it.
    page_cache().clear()
    yield
    page_cache().clear()


@pytest.fixture
def rendered_pages(settings):
    """Measure pages as views render them, not as the page cache serves them."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def expires(monkeypatch):
    """Check which page cache scopes a block of code expires.

    ``with expires("thread", "lists"): ...`` fails unless the block touched
    exactly those kinds of scope (any instance of "thread"); pass
    exactly=False to require at least them. Yields the scopes touched.
    """

    @contextmanager
    def check(*kinds: str, exactly: bool = True):
        touched: list[str] = []
        real = pagecache._new_versions

        def record(scopes):
            touched.extend(scopes)
            real(scopes)

        monkeypatch.setattr(pagecache, "_new_versions", record)
        try:
            yield touched
        finally:
            monkeypatch.setattr(pagecache, "_new_versions", real)
        found = {name.split(":", 1)[0] for name in touched}
        if exactly:
            assert found == set(kinds), f"expired {sorted(found)}"
        else:
            assert set(kinds) <= found, f"expired {sorted(found)}"

    return check


@pytest.fixture
def user(db):
    return UserFactory(username="anxious_reader")


@pytest.fixture
def other_user(db):
    return UserFactory(username="helpful_neighbour")


@pytest.fixture
def staff(db):
    return UserFactory(username="moderator", is_staff=True, is_superuser=True)


@pytest.fixture
def forum(db):
    return ForumFactory(name="Neurology", slug="neurology")


@pytest.fixture
def thread(forum, user):
    return services.post_thread(
        author=user,
        forum=forum,
        title="Eyelid twitching for three weeks",
        body="My left eyelid has twitched on and off for three weeks.",
        tags=["twitching"],
    )


@pytest.fixture
def reply(thread, other_user):
    return services.post_reply(
        author=other_user, thread=thread, body="Mine stopped once I slept more."
    )


@pytest.fixture
def site_pages(db):
    """The footer's pages, as sitepages' data migration writes them.

    A transactional test (one that commits, as the migration and outage
    tests do) empties every table when it ends, data migrations' rows too;
    this puts the pages back for the tests that read them.
    """
    from django.apps import apps

    from sitepages.models import SitePage

    if not SitePage.objects.exists():
        first_pages = import_module("sitepages.migrations.0002_first_pages")
        first_pages.add_pages(apps, None)
    return {page.slug: page for page in SitePage.objects.all()}


@pytest.fixture
def dummy_tasks(settings):
    """Record enqueued tasks without running them: what a request queued."""
    from django.tasks import task_backends

    settings.TASKS = {
        "default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}
    }
    backend = task_backends["default"]
    backend.results.clear()
    return backend
