"""The Popular Resources sidebar, kept in the cache.

A sidebar costs one query when the cache misses and none when it hits. Each
forum has its own entry (the forum index has one more), holding plain
dictionaries rather than model instances so that a deploy which changes the
model never unpickles stale objects. Entries are cleared whenever staff
change a resource (see services) and expire on their own after a few
minutes, so that readership keeps the order fresh, or sooner when a
scheduled resource is about to go live.
"""

from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone

from core import pagecache
from core.cache import page_cache
from core.db import primary_reads
from forum.models import Forum

from .models import Resource

SIDEBAR_SIZE = 6
SIDEBAR_TIMEOUT = 10 * 60
# With nothing to show there is nothing to learn the next publication from.
EMPTY_SIDEBAR_TIMEOUT = 60


def _key(forum_id: int | None) -> str:
    return f"resources:sidebar:{forum_id or 'all'}"


def get_sidebar(forum: Forum | None) -> list[dict]:
    """Return the sidebar's teasers for forum's pages (None: the forum index)."""
    key = _key(forum.pk if forum else None)
    teasers = page_cache().get(key)
    if teasers is None:
        now = timezone.now()
        # The next scheduled publication rides along in the same query.
        upcoming = Resource.objects.filter(is_published=True, published_at__gt=now)
        # Stored for every reader: read from the primary (core/db.py).
        with primary_reads():
            resources = list(
                Resource.objects.for_sidebar(forum).annotate(
                    next_published_at=Subquery(
                        upcoming.order_by("published_at").values("published_at")[:1]
                    )
                )[:SIDEBAR_SIZE]
            )
        teasers = [_teaser(resource) for resource in resources]
        page_cache().set(key, teasers, _timeout(resources, now))
    return teasers


def _teaser(resource: Resource) -> dict:
    return {
        "title": resource.title,
        "summary": resource.summary,
        "url": resource.link_url,
        "host": resource.external_host,
    }


def _timeout(resources: list[Resource], now) -> int:
    if not resources:
        return EMPTY_SIDEBAR_TIMEOUT
    upcoming = resources[0].next_published_at
    if upcoming is None:
        return SIDEBAR_TIMEOUT
    return max(1, min(SIDEBAR_TIMEOUT, int((upcoming - now).total_seconds()) + 1))


def clear_sidebar_cache() -> None:
    """Forget every cached sidebar now, and again when the transaction commits.

    The second pass drops a sidebar that a reader cached from the old rows
    while the change was still uncommitted.
    """
    _delete_sidebars()
    transaction.on_commit(_delete_sidebars, robust=True)
    # Every page carries a sidebar.
    pagecache.touch(pagecache.scope("site"))


def _delete_sidebars() -> None:
    forum_ids = Forum.objects.values_list("pk", flat=True)
    page_cache().delete_many([_key(None), *(_key(pk) for pk in forum_ids)])
