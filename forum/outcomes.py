"""What happened next: the asker's outcome, and the replies that helped most.

Other forums leave a reader at the last reply, never knowing whether the
advice worked. Here the asker, and only the asker, can add what happened
next to their own question (what their doctor said, what helped), edit it
later, and mark up to HELPED_MOST_LIMIT replies as the ones that helped
them most. The outcome shows under the question and in search results, and
lists can be narrowed to questions that have one. The text is Markdown,
sanitised once, at save (Thread.save), as every post is.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.pagecache import scope, touch

from . import signals
from .models import OUTCOME_MAX_LENGTH, Reply, Thread
from .services import _lock_reply, _may_write

HELPED_MOST_LIMIT = 3


def can_share_outcome(user, thread: Thread) -> bool:
    """Return whether user may write or edit thread's outcome: its asker only.

    Not on a removed question, nor a locked one, which takes nothing new.
    """
    return (
        _may_write(user)
        and thread.author_id == user.pk
        and not thread.is_removed
        and not thread.is_locked
    )


def can_mark_helped(user, reply: Reply) -> bool:
    """Return whether user may mark reply as one that helped them most.

    The asker, once they have shared an outcome, on a visible reply by
    someone else.
    """
    thread = reply.thread
    return (
        can_share_outcome(user, thread)
        and thread.outcome_at is not None
        and reply.author_id != user.pk
        and not reply.is_removed
    )


@transaction.atomic
def share_outcome(*, asker: User, thread: Thread, text: str) -> Thread:
    """Add what happened next to asker's own thread, or replace it.

    The first outcome sets outcome_at, which lists and search filter on;
    later ones set outcome_edited_at. ValidationError for empty or overlong
    text, PermissionDenied for anyone but the asker.
    """
    thread = (
        Thread.objects.select_for_update(of=("self",))
        .select_related("author")
        .get(pk=thread.pk)
    )
    if not can_share_outcome(asker, thread):
        raise PermissionDenied("Only the member who asked can say what happened next.")
    text = text.strip()
    if not text:
        raise ValidationError("Write what happened next.", code="required")
    if len(text) > OUTCOME_MAX_LENGTH:
        raise ValidationError(
            f"Keep it to {OUTCOME_MAX_LENGTH:,} characters.", code="max_length"
        )
    if text == thread.outcome:
        return thread
    now = timezone.now()
    first = thread.outcome_at is None
    if first:
        thread.outcome_at = now
    else:
        thread.outcome_edited_at = now
    thread.outcome = text
    # save() renders and sanitises the Markdown into outcome_html.
    thread.save(update_fields=["outcome", "outcome_at", "outcome_edited_at"])
    # Lists mark and filter questions with an outcome; the page shows it.
    touch(scope("lists"), scope("thread", thread.pk))
    if first:
        signals.outcome_shared.send(sender=Thread, thread=thread)
    return thread


@transaction.atomic
def mark_helped_most(*, asker: User, reply: Reply, helped: bool = True) -> Reply:
    """Mark reply as one that helped asker most, or take the mark back.

    At most HELPED_MOST_LIMIT visible replies of a thread carry the mark
    (ValidationError beyond it); marking twice changes nothing. The thread's
    row is locked first (_lock_reply), so two marks at once are counted in
    turn.
    """
    reply = _lock_reply(reply)
    if not can_mark_helped(asker, reply):
        raise PermissionDenied("Only the member who asked can mark what helped.")
    if helped == (reply.helped_most_at is not None):
        return reply
    if helped:
        marked = reply.thread.replies.visible().helped_most().count()
        if marked >= HELPED_MOST_LIMIT:
            raise ValidationError(
                f"You can mark up to {HELPED_MOST_LIMIT} replies as helping "
                "most. Take the mark off one of them first.",
                code="too_many",
            )
    reply.helped_most_at = timezone.now() if helped else None
    reply.save(update_fields=["helped_most_at"])
    touch(scope("thread", reply.thread_id))
    return reply
