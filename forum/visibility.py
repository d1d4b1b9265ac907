"""Questions for signed-in members only: who may choose, and what visitors see.

An asker may keep their question from visitors and search engines, when
asking (services.post_thread) or at any time from the question's page;
staff may change it in the admin. Signed-in members read such a question
as any other. A visitor who opens its address gets a teaser, the title and
the first lines (TEASER_LENGTH characters of the question as plain text),
with an invitation to log in or join, marked noindex. Nothing else shows it
to visitors: the forum and tag lists, search, related and similar questions
(ThreadQuerySet.public) and the feeds and sitemap leave it out, and a
member's page lists it only as "a question for members only", without its
title, forum or topics. Its page carries no QAPage data for anyone.

The lists leave it out, rather than list its title with a label, because a
health question's title is often the very thing its asker wants kept from
search engines and the people around them; the teaser, reachable only from
a link someone shares, is marked noindex.

The page cache stores pages for readers without a session only, so a
visitor is served the teaser and a member never is (core.pagecache).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F

from accounts.models import User
from core.audit import record
from core.pagecache import scope, touch
from core.text import html_to_text

from .models import Forum, Thread
from .services import _is_member, _touch_pages_listing, can_moderate

# How much of the question a visitor reads before being asked to sign in.
TEASER_LENGTH = 200


def can_set_members_only(user, thread: Thread) -> bool:
    """Return whether user may choose who reads thread: its asker, or staff.

    The asker may at any time, even while suspended, locked or removed:
    deciding who reads what they shared is always theirs to do.
    """
    return _is_member(user) and (
        thread.author_id == user.pk or can_moderate(user, Thread)
    )


@transaction.atomic
def set_members_only(*, member: User, thread: Thread, members_only: bool) -> Thread:
    """Show thread to signed-in members only, or to everyone again.

    Setting what it already is changes nothing. A change by staff, rather
    than by the asker, is recorded in the audit log.
    """
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if not can_set_members_only(member, thread):
        raise PermissionDenied("Only its asker or staff can change who reads it.")
    if thread.is_members_only == members_only:
        return thread
    thread.is_members_only = members_only
    thread.save(update_fields=["is_members_only"])
    if not thread.is_removed:
        # The forum's count of visible members-only threads.
        step = 1 if members_only else -1
        Forum.objects.filter(pk=thread.forum_id).update(
            members_only_count=F("members_only_count") + step
        )
    if member.pk != thread.author_id:
        action = "thread.members_only" if members_only else "thread.public"
        record(actor=member, action=action, target=thread)
    # Visitors' lists and member pages, its own page (teaser or whole), and
    # the pages that suggest it as a related question.
    touch(scope("lists"), scope("members"), scope("thread", thread.pk))
    _touch_pages_listing(thread)
    return thread


def teaser(thread: Thread) -> str:
    """Return the first lines of thread's question that visitors may read.

    At most TEASER_LENGTH characters, ended at a word with an ellipsis.
    """
    text = html_to_text(thread.body_html)
    if len(text) <= TEASER_LENGTH:
        return text
    cut = text[: TEASER_LENGTH - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "\u2026"
