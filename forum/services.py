"""Every write to the forum goes through here: one transaction per action.

Services own the rules (a locked thread takes no reply, nobody votes on their
own reply) and keep the stored counters exact by changing them with F()
expressions in the same transaction as the rows they count.
"""

import functools
import re
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from accounts.consent import require_health_consent
from accounts.models import User
from core.audit import record
from core.pagecache import scope, touch

from . import related, signals, tasks
from .models import (
    Forum,
    HelpfulVote,
    Hold,
    MemberActivity,
    PostToken,
    RelatedThread,
    Reply,
    Report,
    Revision,
    Thread,
)
from .tags import resolve_tag_names

# --- Permission predicates, shared by services, views and templates. -------


def _is_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _may_write(user) -> bool:
    """Return whether user may write at all: a member neither suspended nor banned.

    Suspended and banned members read everything but post, reply, vote,
    report and edit nothing (accounts.models.User.is_restricted).
    """
    return _is_member(user) and not user.is_restricted


def can_post_thread(user, forum: Forum) -> bool:
    """Return whether user may ask a question in forum."""
    return _may_write(user)


def can_reply(user, thread: Thread) -> bool:
    """Return whether user may reply to thread."""
    return _may_write(user) and not thread.is_locked and not thread.is_removed


def can_vote(user, reply: Reply) -> bool:
    """Return whether user may vote on reply: never their own, never locked."""
    thread = reply.thread
    return (
        _may_write(user)
        and reply.author_id != user.pk
        and not reply.is_removed
        and not thread.is_removed
        and not thread.is_locked
    )


def can_moderate(user, model: type[Thread] | type[Reply]) -> bool:
    """Return whether user may pin, lock, remove and restore posts of model.

    Staff need the admin's change permission for that kind of post; "view"
    lets them read the admin, never act in it.
    """
    return (
        _is_member(user)
        and user.is_staff
        and user.has_perm(f"forum.change_{model._meta.model_name}")
    )


def _edit_window_open(post: "Thread | Reply") -> bool:
    """Return whether post is young enough for its author to edit it."""
    kind = "reply" if isinstance(post, Reply) else "thread"
    window = timedelta(seconds=settings.FORUM_EDIT_WINDOWS[kind])
    return timezone.now() - post.created_at <= window


def _thread_of(post: "Thread | Reply") -> Thread:
    return post.thread if isinstance(post, Reply) else post


def can_edit(user, post: "Thread | Reply") -> bool:
    """Return whether user may edit post.

    Staff who may change that kind of post always may. Its author may while
    the edit window (settings.FORUM_EDIT_WINDOWS) is open, unless the post
    or its thread is removed or the thread is locked.
    """
    if can_moderate(user, type(post)):
        return True
    thread = _thread_of(post)
    return (
        _may_write(user)
        and post.author_id == user.pk
        and not post.is_removed
        and not thread.is_removed
        and not thread.is_locked
        and _edit_window_open(post)
    )


def can_delete(user, post: "Thread | Reply") -> bool:
    """Return whether user may delete post as its author (staff remove instead).

    Authors may delete their own visible posts at any time, locked or not:
    taking back what they shared is always theirs to do.
    """
    return (
        _is_member(user)
        and post.author_id == user.pk
        and not post.is_removed
        and not _thread_of(post).is_removed
    )


# --- Posting. ---------------------------------------------------------------


def is_new_member(user) -> bool:
    """Return whether user joined too recently for their links to show at once.

    A member is new for their first day (settings.FORUM_NEW_MEMBER_SECONDS
    after joining); staff and verified professionals never are. Spammers
    sign up to post links at once, so a day's wait costs them their point
    and costs a real member, whose link staff release, little.
    """
    if user.is_staff or user.is_medical_professional:
        return False
    age = timezone.now() - user.date_joined
    return age < timedelta(seconds=settings.FORUM_NEW_MEMBER_SECONDS)


# An address written out, which readers copy even where it is not a link.
_WRITTEN_ADDRESS = re.compile(r"(?i)\b(?:https?://|www\.)\S")


def holds_links(author: User, post: "Thread | Reply") -> bool:
    """Return whether post, just written by author, waits for review for its links."""
    return is_new_member(author) and (
        "<a " in post.body_html or bool(_WRITTEN_ADDRESS.search(post.body))
    )


class AlreadyPosted(Exception):
    """The member already posted with this form's token: post is what they posted."""

    def __init__(self, post: "Thread | Reply"):
        super().__init__("This was already posted.")
        self.post = post


def posted_with(member: User, token: str) -> "Thread | Reply | None":
    """Return what member posted with a form carrying token, if anything."""
    if not token:
        return None
    earlier = (
        PostToken.objects.select_related("thread", "reply__thread")
        .filter(member=member, token=token)
        .first()
    )
    return earlier.post if earlier else None


def _record_token(member: User, token: str, post: "Thread | Reply") -> None:
    """Remember that post came from the form carrying token, or refuse it.

    Called inside the posting transaction: if the same form was posted
    first (a double tap racing itself), the unique constraint refuses this
    row and AlreadyPosted rolls this post back.
    """
    if not token:
        return
    try:
        with transaction.atomic():
            PostToken.objects.create(
                member=member,
                token=token,
                **{"reply" if isinstance(post, Reply) else "thread": post},
            )
    except IntegrityError:
        earlier = posted_with(member, token)
        if earlier is None:
            raise
        raise AlreadyPosted(earlier) from None


@transaction.atomic
def post_thread(
    *,
    author: User,
    forum: Forum,
    title: str,
    body: str,
    tags: Iterable[str] = (),
    token: str = "",
    members_only: bool = False,
    anonymous: bool = False,
) -> Thread:
    """Open a new thread in forum and count it there.

    token, the question form's own, makes posting it again raise AlreadyPosted.
    members_only keeps it from visitors (forum.visibility); anonymous shows
    it as "Anonymous member" and leaves it out of its author's public page
    and counts.
    """
    if not can_post_thread(author, forum):
        raise PermissionDenied("You cannot ask a question here.")
    require_health_consent(author)
    if earlier := posted_with(author, token):
        raise AlreadyPosted(earlier)
    now = timezone.now()
    thread = Thread(
        forum=forum,
        author=author,
        title=title.strip(),
        body=body.strip(),
        created_at=now,
        last_activity_at=now,
        is_members_only=members_only,
        is_anonymous=anonymous,
    )
    thread.full_clean(exclude=["slug", "body_html", "tags"])
    thread.save()
    _record_token(author, token, thread)
    if tags:
        # Normalised and mapped to staff's synonyms however they arrive (the
        # form does it too, to show the member what they will get).
        thread.tags.set(resolve_tag_names(tags))
    Forum.objects.filter(pk=forum.pk).update(
        thread_count=F("thread_count") + 1,
        members_only_count=F("members_only_count") + int(members_only),
        last_activity_at=now,
    )
    _shift_member(author.pk, thread_count=int(not anonymous))
    touch(scope("lists"), *_member_pages(thread))
    _relate_later(thread)
    signals.post_written.send(sender=Thread, post=thread, created=True)
    if holds_links(author, thread):
        thread = _remove_thread(thread, by_author=False, held_for=Hold.LINKS)
        signals.post_held.send(sender=Thread, post=thread, held_for=Hold.LINKS)
    else:
        signals.thread_posted.send(sender=Thread, thread=thread)
    return thread


@transaction.atomic
def post_reply(
    *,
    author: User,
    thread: Thread,
    body: str,
    token: str = "",
    anonymous: bool = False,
) -> Reply:
    """Add a reply to thread, counted on the thread and its forum.

    token, the reply form's own, makes posting it again raise AlreadyPosted.
    anonymous shows it as "Anonymous member"; an anonymous question's asker
    always replies to it anonymously, which would otherwise name them.
    """
    if earlier := posted_with(author, token):
        raise AlreadyPosted(earlier)
    # Lock the thread row: a reply must not slip in while staff lock it.
    thread = (
        Thread.objects.select_for_update(of=("self",))
        .select_related("author")
        .get(pk=thread.pk)
    )
    if not can_reply(author, thread):
        raise PermissionDenied(
            "This thread is locked." if thread.is_locked else "You cannot reply here."
        )
    require_health_consent(author)
    now = timezone.now()
    anonymous = anonymous or (thread.is_anonymous and thread.author_id == author.pk)
    reply = Reply(
        thread=thread,
        author=author,
        body=body.strip(),
        created_at=now,
        is_anonymous=anonymous,
    )
    reply.full_clean(exclude=["body_html"])
    reply.save()
    _record_token(author, token, reply)
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1, last_activity_at=now
    )
    Forum.objects.filter(pk=thread.forum_id).update(
        reply_count=F("reply_count") + 1, last_activity_at=now
    )
    _shift_member(author.pk, reply_count=int(not anonymous))
    # The thread author's page shows the thread's response count.
    touch(scope("lists"), scope("thread", thread.pk), *_member_pages(reply, thread))
    signals.post_written.send(sender=Reply, post=reply, created=True)
    if holds_links(author, reply):
        reply = _remove_reply(reply, by_author=False, held_for=Hold.LINKS)
        signals.post_held.send(sender=Reply, post=reply, held_for=Hold.LINKS)
    else:
        signals.reply_posted.send(sender=Reply, reply=reply)
    return reply


# --- Helpful votes. ---------------------------------------------------------


def _lock_reply(reply: Reply) -> Reply:
    """Lock reply's thread, then reply, and return reply as it now stands.

    Thread before reply, as every service that takes both does: the rules
    (locked thread, removed reply) and the counts are read from rows that
    cannot change until the caller commits, so a vote racing a moderator
    either lands first and is counted out with the reply, or sees the
    removal and is refused.
    """
    thread = Thread.objects.select_for_update().get(pk=reply.thread_id)
    reply = (
        Reply.objects.select_for_update(of=("self",))
        .select_related("author")
        .get(pk=reply.pk)
    )
    reply.thread = thread
    return reply


def _shift_counts(reply: Reply, *, helpful: int, not_helpful: int) -> None:
    Reply.objects.filter(pk=reply.pk).update(
        helpful_count=F("helpful_count") + helpful,
        not_helpful_count=F("not_helpful_count") + not_helpful,
    )
    if helpful:
        Thread.objects.filter(pk=reply.thread_id).update(
            helpful_count=F("helpful_count") + helpful
        )
        if not reply.is_anonymous:
            _shift_member(reply.author_id, helpful_received=helpful)
    # The thread page shows the counts, the lists the thread's helpful total,
    # the author's page their total and the reply's count.
    touch(scope("lists"), scope("thread", reply.thread_id), *_member_pages(reply))


@transaction.atomic
def cast_helpful_vote(*, voter: User, reply: Reply, is_helpful: bool) -> HelpfulVote:
    """Record voter's verdict on reply, or change it.

    Idempotent: casting the same verdict twice changes nothing. A changed
    verdict moves one count from one side to the other. The rules are
    checked on the locked rows (see _lock_reply).
    """
    reply = _lock_reply(reply)
    if not can_vote(voter, reply):
        raise PermissionDenied("You cannot vote on this reply.")
    vote = HelpfulVote.objects.filter(reply=reply, voter=voter).first()
    if vote is None:
        vote = HelpfulVote.objects.create(
            reply=reply, voter=voter, is_helpful=is_helpful
        )
        _shift_counts(reply, helpful=int(is_helpful), not_helpful=int(not is_helpful))
    elif vote.is_helpful != is_helpful:
        vote.is_helpful = is_helpful
        vote.save(update_fields=["is_helpful", "updated_at"])
        step = 1 if is_helpful else -1
        _shift_counts(reply, helpful=step, not_helpful=-step)
    else:
        return vote  # The same verdict again: nothing happened.
    if is_helpful:
        signals.helpful_vote_cast.send(sender=HelpfulVote, vote=vote, reply=reply)
    return vote


@transaction.atomic
def withdraw_helpful_vote(*, voter: User, reply: Reply) -> None:
    """Take back voter's vote on reply; withdrawing no vote changes nothing."""
    reply = _lock_reply(reply)
    if not can_vote(voter, reply):
        raise PermissionDenied("You cannot vote on this reply.")
    vote = HelpfulVote.objects.filter(reply=reply, voter=voter).first()
    if vote is None:
        return
    vote.delete()
    if vote.is_helpful:
        _shift_counts(reply, helpful=-1, not_helpful=0)
    else:
        _shift_counts(reply, helpful=0, not_helpful=-1)


def record_verdict(
    *, voter: User, reply: Reply, verdict: bool | None
) -> HelpfulVote | None:
    """Cast or change voter's vote on reply, or withdraw it (verdict None)."""
    if verdict is None:
        withdraw_helpful_vote(voter=voter, reply=reply)
        return None
    return cast_helpful_vote(voter=voter, reply=reply, is_helpful=verdict)


# --- Moderation. ------------------------------------------------------------


def _require_moderator(user, model: type[Thread] | type[Reply]) -> None:
    if not can_moderate(user, model):
        raise PermissionDenied("Only staff who may change posts can moderate them.")


@transaction.atomic
def remove_thread(*, moderator: User, thread: Thread, reason: str = "") -> Thread:
    """Hide thread from readers; restore_thread brings it back intact."""
    _require_moderator(moderator, Thread)
    thread = _remove_thread(thread, by_author=False)
    record(actor=moderator, action="thread.remove", target=thread, reason=reason)
    signals.post_moderated.send(
        moderator=moderator, sender=Thread, post=thread, action="remove", reason=reason
    )
    return thread


def _remove_thread(thread: Thread, *, by_author: bool, held_for: str = "") -> Thread:
    """Take thread out of sight and out of every count, in the caller's atomic.

    held_for (a Hold) says it waits for review rather than being removed;
    a removal of a held thread turns the hold into a removal.
    """
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.removed_at is not None and thread.held_for and not held_for:
        thread.held_for = ""
        thread.is_removed_by_author = by_author
        thread.save(update_fields=["held_for", "is_removed_by_author"])
    if thread.removed_at is None:
        thread.removed_at = timezone.now()
        thread.is_removed_by_author = by_author
        thread.held_for = held_for
        thread.save(update_fields=["removed_at", "is_removed_by_author", "held_for"])
        Forum.objects.filter(pk=thread.forum_id).update(
            thread_count=F("thread_count") - 1,
            members_only_count=F("members_only_count") - int(thread.is_members_only),
            reply_count=F("reply_count") - thread.reply_count,
        )
        _shift_thread_members(thread, -1)
        # Members' pages count only replies in visible threads.
        touch(scope("lists"), scope("members"), scope("thread", thread.pk))
        _touch_pages_listing(thread)
    return thread


@transaction.atomic
def restore_thread(*, moderator: User, thread: Thread, reason: str = "") -> Thread:
    """Show a removed or held thread to readers again."""
    _require_moderator(moderator, Thread)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.removed_at is not None:
        held_for = thread.held_for
        thread.removed_at = None
        thread.is_removed_by_author = False
        thread.held_for = ""
        thread.save(update_fields=["removed_at", "is_removed_by_author", "held_for"])
        Forum.objects.filter(pk=thread.forum_id).update(
            thread_count=F("thread_count") + 1,
            members_only_count=F("members_only_count") + int(thread.is_members_only),
            reply_count=F("reply_count") + thread.reply_count,
        )
        _shift_thread_members(thread, 1)
        record(actor=moderator, action="thread.restore", target=thread, reason=reason)
        # Members' pages count only replies in visible threads.
        touch(scope("lists"), scope("members"), scope("thread", thread.pk))
        _touch_pages_listing(thread)
        if held_for == Hold.LINKS:
            # Held as it was posted: its followers hear of it only now, and
            # only now does it join other threads' related questions.
            signals.thread_posted.send(sender=Thread, thread=thread)
            _relate_later(thread)
        # Its author hears that it shows again (a held post: that it is out).
        signals.post_moderated.send(
            moderator=moderator,
            sender=Thread,
            post=thread,
            action="restore",
            reason=reason,
        )
    return thread


@transaction.atomic
def remove_reply(*, moderator: User, reply: Reply, reason: str = "") -> Reply:
    """Hide reply from readers and take it out of the thread's counts."""
    _require_moderator(moderator, Reply)
    reply = _remove_reply(reply, by_author=False)
    record(actor=moderator, action="reply.remove", target=reply, reason=reason)
    signals.post_moderated.send(
        moderator=moderator, sender=Reply, post=reply, action="remove", reason=reason
    )
    return reply


def _remove_reply(reply: Reply, *, by_author: bool, held_for: str = "") -> Reply:
    """Take reply out of sight and out of every count, in the caller's atomic.

    held_for (a Hold) says it waits for review rather than being removed;
    a removal of a held reply turns the hold into a removal.
    """
    reply = _lock_reply(reply)
    if reply.removed_at is not None and reply.held_for and not held_for:
        reply.held_for = ""
        reply.is_removed_by_author = by_author
        reply.save(update_fields=["held_for", "is_removed_by_author"])
    if reply.removed_at is None:
        reply.removed_at = timezone.now()
        reply.is_removed_by_author = by_author
        reply.held_for = held_for
        reply.save(update_fields=["removed_at", "is_removed_by_author", "held_for"])
        Thread.objects.filter(pk=reply.thread_id).update(
            reply_count=F("reply_count") - 1,
            helpful_count=F("helpful_count") - reply.helpful_count,
        )
        _shift_forum_replies(reply, -1)
        touch(scope("lists"), scope("members"), scope("thread", reply.thread_id))
    return reply


@transaction.atomic
def restore_reply(*, moderator: User, reply: Reply, reason: str = "") -> Reply:
    """Show a removed or held reply again, with the votes it had."""
    _require_moderator(moderator, Reply)
    reply = _lock_reply(reply)
    if reply.removed_at is not None:
        held_for = reply.held_for
        reply.removed_at = None
        reply.is_removed_by_author = False
        reply.held_for = ""
        reply.save(update_fields=["removed_at", "is_removed_by_author", "held_for"])
        Thread.objects.filter(pk=reply.thread_id).update(
            reply_count=F("reply_count") + 1,
            helpful_count=F("helpful_count") + reply.helpful_count,
        )
        _shift_forum_replies(reply, 1)
        record(actor=moderator, action="reply.restore", target=reply, reason=reason)
        touch(scope("lists"), scope("members"), scope("thread", reply.thread_id))
        if held_for == Hold.LINKS:
            # Held as it was posted: the thread's followers hear of it now.
            signals.reply_posted.send(sender=Reply, reply=reply)
        # Its author hears that it shows again (a held post: that it is out).
        signals.post_moderated.send(
            moderator=moderator,
            sender=Reply,
            post=reply,
            action="restore",
            reason=reason,
        )
    return reply


def _shift_forum_replies(reply: Reply, step: int) -> None:
    # A removed thread's replies are already out of its forum's count, and
    # out of their authors' counts.
    if reply.thread.removed_at is None:
        Forum.objects.filter(pk=reply.thread.forum_id).update(
            reply_count=F("reply_count") + step
        )
        if not reply.is_anonymous:
            _shift_member(
                reply.author_id,
                reply_count=step,
                helpful_received=step * reply.helpful_count,
            )


# --- Member counters. -------------------------------------------------------


def _member_pages(*posts: "Thread | Reply") -> list[str]:
    """Return the page cache scopes of posts' authors' pages, anonymous ones left out.

    An anonymous post is on no member page, and expiring its author's page
    when it changes would name them to anyone watching which pages the
    cache serves afresh.
    """
    return [
        scope("member", post.author.username) for post in posts if not post.is_anonymous
    ]


def _shift_member(user_id: int, **steps: int) -> None:
    """Move a member's stored counters by steps, never below zero."""
    changes = {
        field: Greatest(F(field) + step, Value(0)) if step < 0 else F(field) + step
        for field, step in steps.items()
        if step
    }
    if not changes:
        return
    rows = MemberActivity.objects.filter(pk=user_id)
    if not rows.update(**changes):
        # A member's first post makes their row; a race to make it is a no-op.
        MemberActivity.objects.bulk_create(
            [MemberActivity(member_id=user_id)], ignore_conflicts=True
        )
        rows.update(**changes)


def _shift_thread_members(thread: Thread, step: int) -> None:
    """Take a removed thread's posts out of their authors' counters, or back."""
    if not thread.is_anonymous:
        _shift_member(thread.author_id, thread_count=step)
    per_author = (
        thread.replies.visible()
        .filter(is_anonymous=False)
        .values("author")
        .annotate(replies=Count("pk"), helpful=Sum("helpful_count"))
        .order_by()
    )
    for row in per_author:
        _shift_member(
            row["author"],
            reply_count=step * row["replies"],
            helpful_received=step * (row["helpful"] or 0),
        )


@transaction.atomic
def set_thread_flags(
    *,
    moderator: User,
    thread: Thread,
    is_pinned: bool | None = None,
    is_locked: bool | None = None,
    reason: str = "",
) -> Thread:
    """Pin or unpin, lock or unlock a thread."""
    _require_moderator(moderator, Thread)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    fields = []
    if is_pinned is not None:
        thread.is_pinned = is_pinned
        fields.append("is_pinned")
        action = "thread.pin" if is_pinned else "thread.unpin"
        record(actor=moderator, action=action, target=thread, reason=reason)
    if is_locked is not None:
        changed = is_locked != thread.is_locked
        thread.is_locked = is_locked
        fields.append("is_locked")
        action = "thread.lock" if is_locked else "thread.unlock"
        record(actor=moderator, action=action, target=thread, reason=reason)
        if changed and reason:
            # A lock with a reason is a moderation decision its author hears of.
            signals.post_moderated.send(
                moderator=moderator,
                sender=Thread,
                post=thread,
                action="lock" if is_locked else "unlock",
                reason=reason,
            )
    if fields:
        thread.save(update_fields=fields)
        touch(scope("lists"), scope("thread", thread.pk))
    return thread


# --- Edits, history and authors' own deletions. ----------------------------


def _keep_version(post: "Thread | Reply", *, editor: User, reason: str) -> None:
    """Store post's text as it stands, before an edit replaces it."""
    Revision.objects.create(
        **{"reply" if isinstance(post, Reply) else "thread": post},
        title=post.title if isinstance(post, Thread) else "",
        body=post.body,
        editor=editor,
        reason=reason.strip(),
    )


def _rewrite_thread(
    thread: Thread, *, editor: User, title: str, body: str, reason: str
) -> bool:
    """Replace thread's text, keeping the old as a revision; True if it changed."""
    title, body = title.strip(), body.strip()
    if (title, body) == (thread.title, thread.body):
        return False
    _keep_version(thread, editor=editor, reason=reason)
    retitled = title != thread.title
    thread.title, thread.body, thread.edited_at = title, body, timezone.now()
    thread.full_clean(exclude=["slug", "body_html", "tags"])
    # save() renders and sanitises the Markdown again, and the slug; on
    # PostgreSQL the search trigger rebuilds the vector (UPDATE OF title, body).
    thread.save(update_fields=["title", "body", "edited_at"])
    if retitled:
        _touch_pages_listing(thread)
        _relate_later(thread)
    signals.post_written.send(sender=Thread, post=thread, created=False)
    return True


def _rewrite_reply(reply: Reply, *, editor: User, body: str, reason: str) -> bool:
    """Replace reply's text, keeping the old as a revision; True if it changed."""
    body = body.strip()
    if body == reply.body:
        return False
    _keep_version(reply, editor=editor, reason=reason)
    reply.body, reply.edited_at = body, timezone.now()
    reply.full_clean(exclude=["body_html"])
    reply.save(update_fields=["body", "edited_at"])
    signals.post_written.send(sender=Reply, post=reply, created=False)
    return True


@transaction.atomic
def edit_thread(
    *, editor: User, thread: Thread, title: str, body: str, reason: str = ""
) -> Thread:
    """Change thread's title and body; the version replaced is kept."""
    thread = (
        Thread.objects.select_for_update(of=("self",))
        .select_related("author")
        .get(pk=thread.pk)
    )
    if not can_edit(editor, thread):
        raise PermissionDenied("You cannot edit this question.")
    if editor.pk == thread.author_id:
        require_health_consent(editor)
    old_title = thread.title
    if _rewrite_thread(thread, editor=editor, title=title, body=body, reason=reason):
        touch(scope("thread", thread.pk))
        if thread.title != old_title:
            # Lists show the title, and so do the pages of everyone who
            # replied ("Re: ...") and of the author.
            touch(scope("lists"), scope("members"))
        if editor.pk == thread.author_id and holds_links(editor, thread):
            thread = _remove_thread(thread, by_author=False, held_for=Hold.LINKS)
            signals.post_held.send(sender=Thread, post=thread, held_for=Hold.LINKS)
    return thread


@transaction.atomic
def edit_reply(*, editor: User, reply: Reply, body: str, reason: str = "") -> Reply:
    """Change reply's body; the version replaced is kept."""
    reply = _lock_reply(reply)
    if not can_edit(editor, reply):
        raise PermissionDenied("You cannot edit this reply.")
    if editor.pk == reply.author_id:
        require_health_consent(editor)
    if _rewrite_reply(reply, editor=editor, body=body, reason=reason):
        # The author's page shows an excerpt of the reply.
        touch(scope("thread", reply.thread_id), *_member_pages(reply))
        if editor.pk == reply.author_id and holds_links(editor, reply):
            reply = _remove_reply(reply, by_author=False, held_for=Hold.LINKS)
            signals.post_held.send(sender=Reply, post=reply, held_for=Hold.LINKS)
    return reply


@transaction.atomic
def restore_revision(*, moderator: User, revision: Revision) -> "Thread | Reply":
    """Bring back revision's text; the current text is kept as a revision first."""
    if revision.reply_id:
        _require_moderator(moderator, Reply)
        post = _lock_reply(revision.reply)
        _rewrite_reply(
            post,
            editor=moderator,
            body=revision.body,
            reason=f"Restored the version of {revision.edited_at:%Y-%m-%d %H:%M}",
        )
        thread_id = post.thread_id
    else:
        _require_moderator(moderator, Thread)
        post = Thread.objects.select_for_update().get(pk=revision.thread_id)
        _rewrite_thread(
            post,
            editor=moderator,
            title=revision.title,
            body=revision.body,
            reason=f"Restored the version of {revision.edited_at:%Y-%m-%d %H:%M}",
        )
        thread_id = post.pk
    record(
        actor=moderator,
        action=f"{'reply' if revision.reply_id else 'thread'}.restore_version",
        target=post,
        reason=f"The version of {revision.edited_at:%Y-%m-%d %H:%M}",
    )
    # A restore is rare: expire everything that may show the post's text.
    touch(scope("lists"), scope("members"), scope("thread", thread_id))
    return post


@transaction.atomic
def delete_own_thread(*, author: User, thread: Thread) -> Thread:
    """Remove author's own thread, as staff removal does; staff can restore it."""
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if not can_delete(author, thread):
        raise PermissionDenied("You can delete only your own questions.")
    return _remove_thread(thread, by_author=True)


@transaction.atomic
def delete_own_reply(*, author: User, reply: Reply) -> Reply:
    """Remove author's own reply, as staff removal does; staff can restore it."""
    reply = _lock_reply(reply)
    if not can_delete(author, reply):
        raise PermissionDenied("You can delete only your own replies.")
    return _remove_reply(reply, by_author=True)


# --- Reports and the moderation queue. -------------------------------------


class AlreadyReported(Exception):
    """The member already reported this post: report is their earlier one."""

    def __init__(self, report: Report):
        super().__init__("You already reported this.")
        self.report = report


def can_report(user, post: "Thread | Reply") -> bool:
    """Return whether user may report post: a visible post not their own."""
    return (
        _may_write(user)
        and post.author_id != user.pk
        and not post.is_removed
        and not _thread_of(post).is_removed
    )


def can_work_queue(user) -> bool:
    """Return whether user may read and act on the moderation queue."""
    return _is_member(user) and user.is_staff and user.has_perm("forum.change_report")


def _post_field(post: "Thread | Reply") -> str:
    return "reply" if isinstance(post, Reply) else "thread"


def _lock_post(post: "Thread | Reply") -> "Thread | Reply":
    if isinstance(post, Reply):
        return _lock_reply(post)
    return (
        Thread.objects.select_for_update(of=("self",))
        .select_related("author")
        .get(pk=post.pk)
    )


def report_of(member: User, post: "Thread | Reply") -> Report | None:
    """Return member's report of post, if they made one."""
    if not member.is_authenticated:
        return None
    return Report.objects.filter(reporter=member, **{_post_field(post): post}).first()


@transaction.atomic
def report_post(
    *, reporter: User, post: "Thread | Reply", reason: str, note: str = ""
) -> Report:
    """Record reporter's report of post, once, and hold post if enough did.

    A post with settings.FORUM_REPORT_HOLD_THRESHOLD open reports is hidden
    until staff look at it; its author is told (signals.post_held).
    """
    post = _lock_post(post)
    if not can_report(reporter, post):
        raise PermissionDenied("You cannot report this.")
    if earlier := report_of(reporter, post):
        raise AlreadyReported(earlier)
    report = Report(
        reporter=reporter,
        reason=reason,
        note=note.strip(),
        **{_post_field(post): post},
    )
    report.full_clean(exclude=["thread", "reply"])
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        # The same member's second tap, racing the first.
        raise AlreadyReported(report_of(reporter, post)) from None
    signals.post_reported.send(sender=Report, report=report)
    # Members' reports hide a post; the site's own flags never do.
    open_reports = post.reports.open().filter(reporter__isnull=False).count()
    if open_reports >= settings.FORUM_REPORT_HOLD_THRESHOLD:
        if isinstance(post, Reply):
            post = _remove_reply(post, by_author=False, held_for=Hold.REPORTS)
        else:
            post = _remove_thread(post, by_author=False, held_for=Hold.REPORTS)
        signals.post_held.send(sender=type(post), post=post, held_for=Hold.REPORTS)
    return report


@transaction.atomic
def flag_post(*, post: "Thread | Reply", reason: str, note: str = "") -> Report | None:
    """Put post in the moderation queue for something the site noticed itself.

    A report with no reporter (crisis language, safety.services), made once
    per post: flagging a post flagged before, open or closed, returns None.
    It is worked like a member's report, tells the managers at once if
    someone may be in danger, and never counts towards hiding the post.
    """
    field = _post_field(post)
    if Report.objects.filter(reporter__isnull=True, **{field: post}).exists():
        return None
    report = Report(reporter=None, reason=reason, note=note.strip(), **{field: post})
    report.full_clean(exclude=["reporter", "thread", "reply"])
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        return None  # Flagged by another request at the same moment.
    signals.post_reported.send(sender=Report, report=report)
    return report


def _require_queue(user) -> None:
    if not can_work_queue(user):
        raise PermissionDenied("Only staff who may handle reports can do this.")


@transaction.atomic
def close_reports(
    *, moderator: User, post: "Thread | Reply", outcome: str, reason: str = ""
) -> int:
    """Close post's open reports as resolved or dismissed; return how many.

    Dismissing them releases a post the reports held, since staff found
    nothing wrong with it. Reporters are told the outcome.
    """
    _require_queue(moderator)
    if outcome not in (Report.Status.RESOLVED, Report.Status.DISMISSED):
        raise ValueError(f"Not an outcome: {outcome!r}")
    post = _lock_post(post)
    reports = list(
        post.reports.open().select_for_update(of=("self",)).select_related("reporter")
    )
    if not reports:
        return 0
    now = timezone.now()
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(
        status=outcome, closed_at=now, closed_by=moderator
    )
    for report in reports:
        report.status, report.closed_at, report.closed_by = outcome, now, moderator
    action = "resolve" if outcome == Report.Status.RESOLVED else "dismiss"
    record(
        actor=moderator,
        action=f"{_post_field(post)}.reports_{action}",
        target=post,
        reason=reason,
    )
    if outcome == Report.Status.DISMISSED and post.held_for == Hold.REPORTS:
        if isinstance(post, Reply):
            restore_reply(moderator=moderator, reply=post, reason=reason)
        else:
            restore_thread(moderator=moderator, thread=post, reason=reason)
    signals.reports_closed.send(
        sender=Report, post=post, reports=reports, outcome=outcome, reason=reason
    )
    return len(reports)


# What staff may do to a post from the queue, and what it does to its reports.
QUEUE_ACTIONS = {
    "remove": "Remove the post",
    "restore": "Show the post again",
    "lock": "Lock the thread",
    "unlock": "Unlock the thread",
    "resolve": "Resolve the reports",
    "dismiss": "Dismiss the reports",
}


@transaction.atomic
def act_on_post(
    *, moderator: User, post: "Thread | Reply", action: str, reason: str
) -> "Thread | Reply":
    """Do one of QUEUE_ACTIONS to post, with a reason the audit log keeps.

    Removing a post or locking its thread resolves its open reports; showing
    it again dismisses them. Everyone concerned hears of it.
    """
    _require_queue(moderator)
    if action not in QUEUE_ACTIONS:
        raise ValueError(f"Not a queue action: {action!r}")
    if not reason.strip():
        raise ValidationError("Say why, for the record and for whom it concerns.")
    is_reply = isinstance(post, Reply)
    if action == "remove":
        if is_reply:
            post = remove_reply(moderator=moderator, reply=post, reason=reason)
        else:
            post = remove_thread(moderator=moderator, thread=post, reason=reason)
        outcome = Report.Status.RESOLVED
    elif action == "restore":
        if is_reply:
            post = restore_reply(moderator=moderator, reply=post, reason=reason)
        else:
            post = restore_thread(moderator=moderator, thread=post, reason=reason)
        outcome = Report.Status.DISMISSED
    elif action in ("lock", "unlock"):
        set_thread_flags(
            moderator=moderator,
            thread=_thread_of(post),
            is_locked=action == "lock",
            reason=reason,
        )
        outcome = Report.Status.RESOLVED
    else:
        outcome = (
            Report.Status.RESOLVED if action == "resolve" else Report.Status.DISMISSED
        )
    close_reports(moderator=moderator, post=post, outcome=outcome, reason=reason)
    return post


# --- Related questions (forum.related). ------------------------------------


@transaction.atomic
def relate_thread(*, thread: Thread) -> list[int]:
    """Work out and store thread's related questions; return their pks, in order.

    Run by a task after a question is posted or retitled, and for every
    thread by ``manage.py relate_threads``; running it again changes nothing
    unless the forum did. Its page is expired only when the list changed.
    """
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    found = related.find_related(thread)
    stored = list(
        RelatedThread.objects.filter(thread=thread)
        .order_by("position")
        .values_list("related_id", "score")
    )
    if stored == found:
        return [pk for pk, _ in found]
    RelatedThread.objects.filter(thread=thread).delete()
    RelatedThread.objects.bulk_create(
        RelatedThread(thread=thread, related_id=pk, score=points, position=position)
        for position, (pk, points) in enumerate(found)
    )
    touch(scope("thread", thread.pk))
    return [pk for pk, _ in found]


def _relate_later(thread: Thread) -> None:
    """Queue the working out of thread's related questions, once committed.

    Posting stays fast; a queue that cannot be written to is logged by the
    task module and leaves the list as it was until the daily command.
    """
    transaction.on_commit(
        functools.partial(tasks.queue_relating, thread.pk), robust=True
    )


def _touch_pages_listing(thread: Thread) -> None:
    """Expire the pages whose related questions show thread (its title, at all)."""
    listing = RelatedThread.objects.filter(related=thread).values_list(
        "thread_id", flat=True
    )
    touch(*(scope("thread", pk) for pk in listing))
