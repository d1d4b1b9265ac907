from django import template

register = template.Library()


@register.inclusion_tag("accounts/_avatar.html")
def avatar(user, size: str = "md") -> dict:
    """Render a member's generated avatar: initials on a colour of their own."""
    return {"member": user, "size": size}


@register.inclusion_tag("accounts/_author.html")
def author_line(user, when=None) -> dict:
    """Render avatar, public name and badge for the author of a post."""
    return {"member": user, "when": when}
