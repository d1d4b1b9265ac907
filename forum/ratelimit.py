"""Fixed-window limits on how often a member may post or vote."""

from django.conf import settings
from django.core.cache import cache


def is_rate_limited(user, action: str) -> bool:
    """Count one action by user and return whether it exceeds the limit.

    The counter lives in the default cache, a table in the database
    (core/cache.py), so it holds across web processes and neither Redis
    eviction nor a Redis outage or restart resets it.
    """
    limit, window = settings.FORUM_RATE_LIMITS[action]
    key = f"ratelimit:{action}:{user.pk}"
    if cache.add(key, 1, timeout=window):
        return False
    try:
        count = cache.incr(key)
    except ValueError:
        # The window expired between add() and incr(): start a new one.
        cache.set(key, 1, timeout=window)
        return False
    return count > limit
