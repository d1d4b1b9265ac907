from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from core import pagecache

from .. import services

register = template.Library()


@register.filter
def can_vote(user, reply) -> bool:
    """Return whether user may vote on reply (see services.can_vote)."""
    return services.can_vote(user, reply)


# The largest unit that fits, in seconds, with its singular and plural.
_AGO_UNITS = (
    (365 * 86400, "year", "years"),
    (30 * 86400, "month", "months"),
    (7 * 86400, "week", "weeks"),
    (86400, "day", "days"),
    (3600, "hour", "hours"),
    (60, "minute", "minutes"),
)


@register.filter
def ago(moment: datetime | None, now: datetime | None = None) -> str:
    """Say how long ago moment was, in one unit: "3 days ago", "just now".

    Plainer than Django's naturaltime ("3 days, 4 hours ago"), which readers
    do not need in a list, and a tenth of its cost on a page of 25 rows.
    The exact time is in the <time> element's datetime attribute.
    """
    if moment is None:
        return ""
    seconds = ((now or timezone.now()) - moment).total_seconds()
    for size, one, many in _AGO_UNITS:
        if seconds >= size:
            count = int(seconds // size)
            return f"{count} {one if count == 1 else many} ago"
    return "just now"


@register.simple_tag(takes_context=True)
def thread_replies(context, states) -> str:
    """Render a thread page's replies, reusing each one's stored HTML.

    states are rows of ReplyQuerySet.states_for_thread_page(). A reply's
    HTML is the same for every reader who sees it in the same state, so the
    key holds that state: its helpful count, the reader's own vote, whether
    the reader may vote on it, and the page's address (the vote form returns
    there). Badges and the disclaimer change with the site's version, which
    every fragment's key includes. Only replies not stored are loaded.
    """
    request, user, thread = context["request"], context["user"], context["thread"]
    reply_template = context.template.engine.get_template("forum/_reply.html")
    page_url = context["page_url"]
    member = bool(user.is_authenticated and user.is_active)

    def key_parts(state) -> tuple:
        return (
            "reply",
            state.pk,
            state.helpful_count,
            state.my_vote,
            # What services.can_vote decides for a visible reply.
            user.is_authenticated,
            member and state.author_id == user.pk,
            member,
            thread.is_locked,
            page_url,
        )

    def render(states) -> list[str]:
        replies = (
            thread.replies.select_related("author")
            .with_vote_of(user)
            .in_bulk([state.pk for state in states])
        )
        html = []
        for state in states:
            reply = replies.get(state.pk)
            if reply is None:  # Removed since the page's query.
                html.append("")
                continue
            # Stored for every reader: the CSRF token is filled in per request.
            with context.push(reply=reply, csrf_token=pagecache.CSRF_PLACEHOLDER):
                html.append(reply_template.render(context))
        return html

    # Only template output, escaped as it was rendered, is joined here.
    return mark_safe(pagecache.render_fragments(request, states, key_parts, render))
