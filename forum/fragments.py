"""The replies of a thread page, each one's HTML reused across readers."""

from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from core import pagecache

from . import services
from .endorsements import endorsers_of
from .models import Reply, Thread
from .templatetags.forum_tags import ago


def thread_replies_html(
    request,
    thread: Thread,
    states,
    *,
    page_url: str,
    professional_disclaimer: str,
    loaded: dict[int, Reply] | None = None,
) -> SafeString:
    """Render a thread page's replies, reusing each one's stored HTML.

    states are rows of ReplyQuerySet.states_for_thread_page(). A reply's
    HTML is the same for every reader who sees it in the same state, so the
    key holds that state: its helpful count, when it was last edited (its
    text), the reader's own vote, whether the reader may vote on it, edit it,
    delete it or report it (its Edit, Delete and Report links), the page's
    address (the vote form returns there), who endorses it and whether the
    reader did or may, and the asker's mark. Badges and the disclaimer
    change with the site's version, which every fragment's key includes.
    Only replies not stored are loaded, in one query, here in the view's time
    rather than from a template tag; they are added to loaded, if given, for
    the rest of the page to reuse (forum.structured_data).
    """
    user = request.user
    member = bool(user.is_authenticated and user.is_active)
    # Who endorses each reply that has endorsements: one query for the page,
    # none when no reply on it is endorsed (the stored counts say).
    endorsers = endorsers_of(state.pk for state in states if state.endorsement_count)

    def may_change(state) -> tuple[bool, bool]:
        """Return whether the reader may edit and delete the reply."""
        if not member:
            # Nobody signed out may do either; building a reply to ask the
            # services would be the dearest part of a visitor's key.
            return False, False
        # The reply as far as services.can_edit and can_delete read it: a
        # visible reply of this thread.
        reply = Reply(
            pk=state.pk,
            thread=thread,
            author_id=state.author_id,
            created_at=state.created_at,
        )
        return services.can_edit(user, reply), services.can_delete(user, reply)

    def key_parts(state) -> tuple:
        return (
            "reply",
            state.pk,
            state.helpful_count,
            state.edited_at,
            # The "edited 5 minutes ago" mark, which ages.
            ago(state.edited_at),
            *may_change(state),
            state.my_vote,
            # What services.can_vote decides for a visible reply.
            user.is_authenticated,
            member and state.author_id == user.pk,
            member,
            # May they write at all (services.can_vote and can_report)?
            member and user.is_restricted,
            thread.is_locked,
            page_url,
            # Its endorsers (names, and the line's count) and whether the
            # reader endorsed it or may (forum.endorsements.can_endorse).
            [endorser.pk for endorser in endorsers.get(state.pk, ())],
            state.my_endorsement,
            member and user.is_medical_professional,
            # The asker's "helped most" mark and button (forum.outcomes).
            state.helped_most_at,
            member and user.pk == thread.author_id and thread.outcome_at is not None,
        )

    def render(states) -> list[str]:
        replies = (
            thread.replies.select_related("author")
            .with_vote_of(user)
            .with_endorsement_of(user)
            .in_bulk([state.pk for state in states])
        )
        if loaded is not None:
            loaded.update(replies)
        template = get_template("forum/_reply.html").template
        # Everything the reply template reads, and nothing per reader that
        # its key does not name: the CSRF token is filled in per request.
        context = Context(
            {
                "request": request,
                "user": user,
                "thread": thread,
                "page_url": page_url,
                "professional_disclaimer": professional_disclaimer,
                "csrf_token": pagecache.CSRF_PLACEHOLDER,
                # What the vote box reads when it is sent alone, named here
                # so that no reply pays for a failed lookup.
                "next_url": "",
                "limited": False,
            },
            autoescape=True,
        )
        html = []
        for state in states:
            reply = replies.get(state.pk)
            if reply is None:  # Removed since the page's query.
                html.append("")
                continue
            reply.endorsers = endorsers.get(reply.pk, [])
            with context.push(reply=reply):
                html.append(template.render(context))
        return html

    # Only template output, escaped as it was rendered, is joined here.
    return mark_safe(pagecache.render_fragments(request, states, key_parts, render))
