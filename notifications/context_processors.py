"""What this app adds to pages it does not own: the bell and Follow buttons.

``bell`` is a template context processor (settings.TEMPLATES); the
``*_context`` functions are page context hooks that the forum's views call
through core.hooks (settings.PAGE_CONTEXT_HOOKS). All of them add nothing
for an anonymous reader, whose pages are stored and shared.
"""

import functools
from dataclasses import dataclass

from django.db.models import Q
from taggit.models import Tag

from .models import Follow
from .unread import unread_count

# The member page lists this many of a member's newest follows.
FOLLOWING_SHOWN = 50


def _member(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def bell(request) -> dict:
    """Give a member's pages their unread count, read only if a page shows it."""
    member = _member(request)
    if member is None:
        return {}
    # Called by the template when it first shows the count, then remembered.
    return {
        "notifications_unread": functools.cache(functools.partial(unread_count, member))
    }


@dataclass(frozen=True)
class FollowButton:
    """A Follow or Unfollow button for one thread, forum or tag."""

    kind: str  # "thread", "forum" or "tag": the form field it posts
    target_id: int
    is_following: bool
    follow_label: str
    unfollow_label: str

    @property
    def dom_id(self) -> str:
        return f"follow-{self.kind}-{self.target_id}"

    @property
    def label(self) -> str:
        return self.unfollow_label if self.is_following else self.follow_label


def follow_button(kind: str, target, is_following: bool) -> FollowButton:
    """Return the button for target, a Thread, Forum or taggit Tag."""
    if kind == "thread":
        labels = ("Follow this thread", "Unfollow this thread")
    elif kind == "forum":
        labels = (
            f"Follow new questions in {target.name}",
            f"Stop following new questions in {target.name}",
        )
    else:
        labels = (
            f"Follow new questions tagged {target.name}",
            f"Stop following new questions tagged {target.name}",
        )
    return FollowButton(kind, target.pk, is_following, *labels)


def thread_detail_context(request, *, thread, **objects) -> dict:
    """Give a member the thread page's Follow / Unfollow button: one query."""
    member = _member(request)
    if member is None:
        return {}
    is_following = Follow.objects.filter(member=member, thread=thread).exists()
    return {"follow_buttons": [follow_button("thread", thread, is_following)]}


def forum_detail_context(request, *, forum, tag: str = "", **objects) -> dict:
    """Give a member buttons to follow the forum and the tag it is filtered by."""
    member = _member(request)
    if member is None:
        return {}
    found_tag = Tag.objects.filter(name__iexact=tag).first() if tag else None
    targets = Q(forum=forum) | (Q(tag=found_tag) if found_tag else Q())
    followed = set(
        Follow.objects.filter(targets, member=member).values_list("forum_id", "tag_id")
    )
    buttons = [follow_button("forum", forum, any(f == forum.pk for f, _ in followed))]
    if found_tag is not None:
        is_following = any(t == found_tag.pk for _, t in followed)
        buttons.insert(0, follow_button("tag", found_tag, is_following))
    return {"follow_buttons": buttons}


def tag_detail_context(request, *, tag, **objects) -> dict:
    """Give a member the tag page's Follow / Unfollow button: one query."""
    member = _member(request)
    if member is None:
        return {}
    is_following = Follow.objects.filter(member=member, tag=tag).exists()
    return {"follow_buttons": [follow_button("tag", tag, is_following)]}


def member_detail_context(request, *, member, **objects) -> dict:
    """Give members, on their own page only, what they follow: one query."""
    viewer = _member(request)
    if viewer is None or viewer.pk != member.pk:
        return {}
    follows = list(
        Follow.objects.filter(member=member)
        # A thread staff removed is no longer something to hear about.
        .filter(Q(thread__isnull=True) | Q(thread__removed_at__isnull=True))
        .select_related("thread", "forum", "tag")
        .order_by("-created_at", "-id")[: FOLLOWING_SHOWN + 1]
    )
    return {
        "following": [_following_item(f) for f in follows[:FOLLOWING_SHOWN]],
        "following_more": len(follows) > FOLLOWING_SHOWN,
        "following_shown": FOLLOWING_SHOWN,
        "show_following": True,
    }


def _following_item(follow: Follow) -> dict:
    kind = "thread" if follow.thread_id else "forum" if follow.forum_id else "tag"
    target = getattr(follow, kind)
    return {
        "follow": follow,
        "kind": kind,
        "target": target,
        "button": follow_button(kind, target, True),
    }
