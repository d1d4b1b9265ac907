from django import template

from forum.models import Forum

from ..sidebar import get_sidebar

register = template.Library()


@register.inclusion_tag("resources/_popular.html")
def popular_resources(forum=None) -> dict:
    """Render the Popular Resources sidebar for forum's pages, or for all."""
    # Pages without a forum pass an empty string for the missing variable.
    return {"resources": get_sidebar(forum if isinstance(forum, Forum) else None)}
