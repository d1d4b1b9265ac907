"""Each member's count of unread notifications, kept in the cache.

The bell in the header shows it on every page a member sees, so it is read
from the page cache and counted only when the cache has lost it. Whatever
creates or reads notifications calls ``forget_unread_counts`` once its
transaction commits; the next page counts afresh.
"""

from collections.abc import Iterable

from core.cache import page_cache
from core.db import primary_reads

from .models import Notification

# Long enough that most pages find the count stored; a count that a missed
# forget left stale corrects itself within this time.
UNREAD_TIMEOUT = 10 * 60


def _key(member_id: int) -> str:
    return f"notifications:unread:{member_id}"


def unread_count(member) -> int:
    """Return how many notifications member has not read, from the cache if kept."""
    key = _key(member.pk)
    count = page_cache().get(key)
    if count is None:
        # Stored: read from the primary (core/db.py).
        with primary_reads():
            count = Notification.objects.filter(recipient=member).unread().count()
        page_cache().set(key, count, UNREAD_TIMEOUT)
    return count


def forget_unread_counts(member_ids: Iterable[int]) -> None:
    """Drop the stored counts of these members; call it after a commit."""
    page_cache().delete_many([_key(pk) for pk in member_ids])
