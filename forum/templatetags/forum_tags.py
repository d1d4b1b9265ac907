from django import template

from .. import services

register = template.Library()


@register.filter
def can_vote(user, reply) -> bool:
    """Return whether user may vote on reply (see services.can_vote)."""
    return services.can_vote(user, reply)
