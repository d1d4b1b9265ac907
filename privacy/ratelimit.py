"""Fixed-window limits on how often a member may export or try to delete.

The limits are in settings.PRIVACY_RATE_LIMITS; the counting is core's
(core/ratelimit.py), as for posting and voting.
"""

from django.conf import settings

from core.ratelimit import over_limit


def is_rate_limited(user, action: str) -> bool:
    """Count one action by user and return whether it exceeds the limit."""
    limit, window = settings.PRIVACY_RATE_LIMITS[action]
    return over_limit(f"privacy:{action}:{user.pk}", limit, window)
