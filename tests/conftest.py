import os
import warnings
from contextlib import contextmanager
from importlib import import_module
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

from core import pagecache
from core.cache import page_cache
from forum import services

from .factories import ForumFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# made beside it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Deal the tests to pytest-xdist's workers a module at a time.

    ``make test`` runs ``-n 2``, and pyproject.toml asks for ``--dist
    loadgroup``: each xdist group goes to one worker whole. Every module is
    a group, so its module fixtures (the seeded demo community, a
    redis-server, a PostgreSQL cluster) are built once, and a worker is not
    left waiting for its next test one at a time (dealt singly, the suite's
    many quick tests ran slower on two workers than on one); the browser
    tests are one group (tests/e2e/conftest.py), one Chromium at a time.
    Then the groups are ordered for the scheduler: the browser tests first,
    then modules that share a fixture, then the rest, largest first.
    """
    result = yield
    if getattr(config.option, "loadgroup", False):  # in xdist's workers
        groups: dict[str, list[pytest.Item]] = {}
        for item in items:
            groups.setdefault(_group(item), []).append(item)

        def order(name):
            tests = groups[name]
            return (name != "e2e", not any(map(_shares_a_fixture, tests)), -len(tests))

        items[:] = [item for name in sorted(groups, key=order) for item in groups[name]]
        for name, tests in groups.items():
            for item in tests:
                _join_group(item, name)
    return result


def _group(item) -> str:
    names = {
        str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
        for mark in item.iter_markers("xdist_group")
    }
    return "_".join(sorted(names)) or item.nodeid.split("::")[0]


def _shares_a_fixture(item) -> bool:
    """Whether the test uses a class, module or package fixture of the suite's."""
    info = getattr(item, "_fixtureinfo", None)
    return any(
        definitions[-1].scope in ("class", "module", "package")
        and definitions[-1].baseid.startswith("tests")
        for definitions in (info.name2fixturedefs.values() if info else ())
    )


def _join_group(item, name: str) -> None:
    """Give the test the ``@group`` suffix that xdist's scheduler reads.

    pytest-xdist 3.8.0 sets it by assigning ``item._nodeid``, which pytest
    9.2 no longer reads (its node ids are structured now), so the groups
    were silently ignored (pytest-dev/pytest-xdist#1386); it also only sees
    marks, and modules are grouped here without one. Where xdist added the
    suffix itself, this leaves the id alone.
    """
    suffix = f"@{name}"
    if item.nodeid.endswith(suffix):
        return
    grouped = item.nodeid + suffix
    if hasattr(item, "_id"):
        from _pytest.nodeid import NodeId

        item._id = NodeId.parse(grouped)
    else:
        item._nodeid = grouped
    if item.nodeid != grouped:
        warnings.warn(
            f"cannot put {item.nodeid} in its xdist group: a module's tests "
            "may be split between workers, and the browser tests too",
            pytest.PytestWarning,
            stacklevel=1,
        )


def _own_redis_database():
    """Give this xdist worker a Redis database of its own, if REDIS_URL is set.

    The page cache is the process's memory under test unless REDIS_URL names
    a Redis, and the suite empties it before and after every test (flushdb):
    two workers sharing one Redis database would empty it under each other.
    Worker gwN uses database N past the one REDIS_URL names.
    """
    import django.test.signals  # noqa: F401  (connects the handler used below)
    from django.conf import settings
    from django.core.signals import setting_changed

    from tests.ports import worker_number

    pages, number = settings.CACHES.get("pages", {}), worker_number()
    location = pages.get("LOCATION")
    if not number or "redis" not in pages.get("BACKEND", "").lower():
        return
    if not isinstance(location, str) or "," in location:
        return
    url = urlsplit(location)
    query = dict(parse_qsl(url.query))
    if url.scheme == "unix":
        query["db"] = str(int(query.get("db", 0)) + number)
        url = url._replace(query=urlencode(query))
    else:
        url = url._replace(path=f"/{int(url.path.strip('/') or 0) + number}")
    pages["LOCATION"] = urlunsplit(url)
    # Django's own handler (django.test.signals) then rebuilds the caches.
    setting_changed.send(
        sender=None, setting="CACHES", value=settings.CACHES, enter=True
    )


_own_redis_database()


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
    """The footer's pages, as sitepages' data migrations write them.

    A transactional test (one that commits, as the migration and outage
    tests do) empties every table when it ends, data migrations' rows too;
    this puts the pages back for the tests that read them.
    """
    from django.apps import apps

    from sitepages.models import SitePage

    if not SitePage.objects.exists():
        first_pages = import_module("sitepages.migrations.0002_first_pages")
        first_pages.add_pages(apps, None)
        privacy_page = import_module(
            "sitepages.migrations.0003_privacy_export_and_deletion"
        )
        privacy_page.describe_export_and_deletion(apps, None)
        reflowed = import_module("sitepages.migrations.0004_reflow_pages")
        reflowed.reflow_pages(apps, None)
    return {page.slug: page for page in SitePage.objects.all()}


@pytest.fixture
def starting_set(db):
    """The patterns and crisis lines the data migration ships.

    A transactional test empties every table when it ends, data migrations'
    rows too; this puts them back for the tests that read them.
    """
    from safety.models import SafetyPattern
    from safety.screening import forget_cached

    if not SafetyPattern.objects.exists():
        migration = import_module("safety.migrations.0002_starting_set")
        from django.apps import apps

        migration.add_starting_set(apps, None)
    forget_cached()
    return {pattern.name: pattern for pattern in SafetyPattern.objects.all()}


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
