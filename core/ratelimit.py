"""Fixed-window counters for how often someone may do something.

The counters live in the default cache, a table in the database
(core/cache.py), so they hold across web processes and neither Redis
eviction nor a Redis outage or restart resets them.
"""

from django.core.cache import cache


def over_limit(key: str, limit: int, window: int) -> bool:
    """Count one action under key and return whether it exceeds limit per window."""
    key = f"ratelimit:{key}"
    if cache.add(key, 1, timeout=window):
        return False
    try:
        count = cache.incr(key)
    except ValueError:
        # The window expired between add() and incr(): start a new one.
        cache.set(key, 1, timeout=window)
        return False
    return count > limit
