from django import template
from django.utils.safestring import mark_safe

from config import pagecache

from .. import services

register = template.Library()


@register.filter
def can_vote(user, reply) -> bool:
    """Return whether user may vote on reply (see services.can_vote)."""
    return services.can_vote(user, reply)


@register.simple_tag(takes_context=True)
def thread_replies(context, replies) -> str:
    """Render a thread page's replies, reusing each one's stored HTML.

    A reply's HTML is the same for every reader who sees it in the same
    state, so the key holds that state: its helpful count, the reader's own
    vote, whether the reader may vote, and the page's address (the vote
    form returns there). Badges and the disclaimer change with the site's
    version, which every fragment's key includes.
    """
    request, user, thread = context["request"], context["user"], context["thread"]
    reply_template = context.template.engine.get_template("forum/_reply.html")
    path = request.get_full_path()

    def key_parts(reply) -> tuple:
        return (
            "reply",
            reply.pk,
            reply.helpful_count,
            getattr(reply, "my_vote", None),
            user.is_authenticated,
            services.can_vote(user, reply),
            thread.is_locked,
            path,
        )

    def render(reply) -> str:
        with context.push(reply=reply):
            return reply_template.render(context)

    # Only template output, escaped as it was rendered, is joined here.
    return mark_safe(pagecache.render_fragments(request, replies, key_parts, render))
