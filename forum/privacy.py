"""What the forum holds about one member: exported, and erased on request.

Called by the privacy app, which gathers every app's part of a member's
data and erases all of it in one transaction. The forum's part: the
member's questions (with what happened next) and replies with every earlier
version, the helpful votes and endorsements they gave, the reports they
made, their activity counts, and the tokens their post forms carried.
"""

from django.conf import settings
from django.db.models import Prefetch, Q

from core.pagecache import scope, touch

from .endorsements import counted_endorsements
from .models import (
    Endorsement,
    HelpfulVote,
    MemberActivity,
    PostToken,
    Reply,
    Report,
    Revision,
    Thread,
)
from .services import _remove_reply, _remove_thread

# What an erased question is called where staff still list it (the admin).
ERASED_TITLE = "Question deleted by its author"
ERASED_SLUG = "deleted"


def post_count(member) -> int:
    """Return how many questions and replies member wrote, removed ones too."""
    return (
        Thread.objects.filter(author=member).count()
        + Reply.objects.filter(author=member).count()
    )


# --- Export. ----------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _removed_by(post, member) -> str | None:
    if post.removed_at is None:
        return None
    if post.held_for:
        return "hidden until staff review it"
    return "you" if post.is_removed_by_author else "staff"


def _versions(post, member) -> list[dict]:
    """Return post's earlier versions, newest first, as the member may read them."""
    return [
        {
            **({"title": revision.title} if revision.thread_id else {}),
            "text": revision.body,
            "replaced_at": revision.edited_at,
            "replaced_by": "you" if revision.editor_id == member.pk else "staff",
            "reason": revision.reason,
        }
        for revision in post.revisions.all()
    ]


def _question_named(thread: Thread, member) -> dict:
    """Name the question a reply or vote belongs to, without others' hidden text.

    A question its author deleted, or staff removed, is no longer public:
    only the member's own questions keep their title here.
    """
    shown = thread.author_id == member.pk or thread.removed_at is None
    return {
        "id": thread.pk,
        "title": thread.title if shown else None,
        "address": _absolute(thread.get_absolute_url()) if shown else None,
    }


def export_member(member) -> dict:
    """Return everything the forum holds about member, as plain data."""
    revisions = Prefetch("revisions", queryset=Revision.objects.order_by("-edited_at"))
    threads = (
        Thread.objects.filter(author=member)
        .select_related("forum")
        .prefetch_related("tags", revisions)
        .order_by("created_at", "pk")
    )
    replies = (
        Reply.objects.filter(author=member)
        .select_related("thread")
        .prefetch_related(revisions)
        .order_by("created_at", "pk")
    )
    votes = (
        HelpfulVote.objects.filter(voter=member)
        .select_related("reply__thread")
        .order_by("created_at", "pk")
    )
    reports = (
        Report.objects.filter(reporter=member)
        .select_related("thread", "reply__thread")
        .order_by("created_at", "pk")
    )
    endorsements = (
        Endorsement.objects.filter(endorser=member)
        .select_related("reply__thread")
        .order_by("created_at", "pk")
    )
    activity = MemberActivity.objects.filter(member=member).first()
    return {
        "forum_activity": {
            "questions": activity.thread_count if activity else 0,
            "replies": activity.reply_count if activity else 0,
            "helpful_votes_received": activity.helpful_received if activity else 0,
        },
        "questions": [
            {
                "id": thread.pk,
                "forum": thread.forum.name,
                "title": thread.title,
                "text": thread.body,
                "tags": sorted(tag.name for tag in thread.tags.all()),
                "address": _absolute(thread.get_absolute_url()),
                "anonymous": thread.is_anonymous,
                "members_only": thread.is_members_only,
                "asked_at": thread.created_at,
                "edited_at": thread.edited_at,
                "removed_at": thread.removed_at,
                "removed_by": _removed_by(thread, member),
                "responses": thread.reply_count,
                "earlier_versions": _versions(thread, member),
                "what_happened_next": thread.outcome or None,
                "what_happened_next_shared_at": thread.outcome_at,
            }
            for thread in threads
        ],
        "replies": [
            {
                "id": reply.pk,
                "question": _question_named(reply.thread, member),
                "text": reply.body,
                "anonymous": reply.is_anonymous,
                "replied_at": reply.created_at,
                "edited_at": reply.edited_at,
                "removed_at": reply.removed_at,
                "removed_by": _removed_by(reply, member),
                "helpful_votes": reply.helpful_count,
                "not_helpful_votes": reply.not_helpful_count,
                "marked_by_the_asker_as_helping_most": reply.helped_most_at,
                "earlier_versions": _versions(reply, member),
            }
            for reply in replies
        ],
        "helpful_votes_given": [
            {
                "reply_id": vote.reply_id,
                "question": _question_named(vote.reply.thread, member),
                "helpful": vote.is_helpful,
                "voted_at": vote.created_at,
                "changed_at": vote.updated_at,
            }
            for vote in votes
        ],
        "endorsements_given": [
            {
                "reply_id": endorsement.reply_id,
                "question": _question_named(endorsement.reply.thread, member),
                "endorsed_at": endorsement.created_at,
            }
            for endorsement in endorsements
        ],
        "reports_made": [
            {
                "about": "reply" if report.reply_id else "question",
                "reply_id": report.reply_id,
                "question": _question_named(_reported_thread(report), member),
                "reason": report.get_reason_display(),
                "note": report.note,
                "reported_at": report.created_at,
                "status": report.get_status_display(),
                "closed_at": report.closed_at,
            }
            for report in reports
        ],
    }


def _reported_thread(report: Report) -> Thread:
    return report.reply.thread if report.reply_id else report.thread


# --- Erasure. ---------------------------------------------------------------


def erase_member(member, *, remove_posts: bool) -> None:
    """Erase what the forum holds about member, in the caller's transaction.

    The helpful votes member gave stay, and still count: they are no longer
    anyone's. Their posts stay under "a former member", or, with
    remove_posts, are removed as an author's own deletion removes them
    (every counter kept exact) and their text, with every earlier version,
    is erased. Reports they made keep their reason but lose their note. The
    endorsements they gave go, since each names them, and stop counting.
    """
    threads = Thread.objects.filter(author=member)
    replies = Reply.objects.filter(author=member)
    endorsed = Reply.objects.filter(endorsements__endorser=member)
    shown_on = {
        *threads.values_list("pk", flat=True),
        *replies.values_list("thread_id", flat=True),
        *endorsed.values_list("thread_id", flat=True),
    }
    # An endorsement names its professional: it goes, and stops counting.
    endorsed_ids = list(endorsed.values_list("pk", flat=True))
    Endorsement.objects.filter(endorser=member).delete()
    Reply.objects.filter(pk__in=endorsed_ids).update(
        endorsement_count=counted_endorsements()
    )
    if remove_posts:
        for reply in replies.filter(removed_at__isnull=True).order_by("pk"):
            _remove_reply(reply, by_author=True)
        for thread in threads.filter(removed_at__isnull=True).order_by("pk"):
            _remove_thread(thread, by_author=True)
        # A post hidden for review has no text left to review: it is the
        # author's deletion now. Posts staff removed stay staff's removals.
        for posts in (threads, replies):
            posts.exclude(held_for="").update(held_for="", is_removed_by_author=True)
        Revision.objects.filter(
            Q(thread__author=member) | Q(reply__author=member)
        ).update(title="", body="", reason="")
        # On PostgreSQL the search trigger empties the thread's search vector.
        threads.update(
            title=ERASED_TITLE,
            slug=ERASED_SLUG,
            body="",
            body_html="",
            outcome="",
            outcome_html="",
        )
        replies.update(body="", body_html="")
    Report.objects.filter(reporter=member).update(note="")
    PostToken.objects.filter(member=member).delete()
    # Every list and page that showed the member's name or posts.
    touch(
        scope("lists"),
        scope("members"),
        *(scope("thread", pk) for pk in sorted(shown_on)),
    )
