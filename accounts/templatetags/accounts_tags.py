from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def avatar(user, size: str = "md") -> str:
    """Render a member's generated avatar: initials on a colour of their own.

    One span, built here rather than from a template: lists show one per row.
    """
    return format_html(
        '<span class="avatar avatar-{} avatar-c{}" aria-hidden="true">{}</span>',
        size,
        user.avatar_colour,
        user.initials,
    )


@register.inclusion_tag("accounts/_author.html")
def author_line(user, when=None) -> dict:
    """Render avatar, public name and badge for the author of a post."""
    return {"member": user, "when": when}
