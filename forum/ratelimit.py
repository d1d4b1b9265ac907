"""Fixed-window limits on how often a member may post, vote, edit or report."""

from django.conf import settings

from core.ratelimit import over_limit


def is_rate_limited(user, action: str) -> bool:
    """Count one action by user and return whether it exceeds the limit.

    settings.FORUM_RATE_LIMITS names each action's (limit, window in seconds).
    """
    limit, window = settings.FORUM_RATE_LIMITS[action]
    return over_limit(f"{action}:{user.pk}", limit, window)
