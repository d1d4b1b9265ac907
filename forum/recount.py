"""Count every stored counter afresh and repair the ones that drifted.

The services keep the counters exact step by step; this is the check and
the repair for anything that went around them (a restore from backup, a
manual SQL fix, a bug). Run by ``manage.py recount``.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .endorsements import counted_endorsements
from .models import Forum, HelpfulVote, MemberActivity, Reply, Thread


def _count(rows, aggregate, group: str):
    """Return aggregate over rows per group, for the outer row (0 if none)."""
    value = rows.order_by().values(group).annotate(n=aggregate).values("n")
    return Coalesce(Subquery(value), Value(0))


def member_activity_recount() -> dict:
    """Return expressions that count each member's activity afresh from posts.

    ``User.objects.annotate(**member_activity_recount())`` gives
    recounted_threads, recounted_replies and recounted_helpful: what
    MemberActivity should hold. Anonymous posts are nobody's in public.
    """
    threads = Thread.objects.visible().filter(author=OuterRef("pk"), is_anonymous=False)
    replies = Reply.objects.readable().filter(author=OuterRef("pk"), is_anonymous=False)
    return {
        "recounted_threads": _count(threads, Count("pk"), "author"),
        "recounted_replies": _count(replies, Count("pk"), "author"),
        "recounted_helpful": _count(replies, Sum("helpful_count"), "author"),
    }


def _repair(queryset, fields: dict) -> int:
    """Set each of fields to its recounted expression where they differ."""
    recounted = {f"new_{name}": expression for name, expression in fields.items()}
    differs = Q()
    for name in fields:
        differs |= ~Q(**{name: F(f"new_{name}")})
    changed = 0
    for row in queryset.annotate(**recounted).filter(differs).iterator():
        values = {name: getattr(row, f"new_{name}") for name in fields}
        queryset.model.objects.filter(pk=row.pk).update(**values)
        changed += 1
    return changed


@transaction.atomic
def recount_counters() -> dict[str, int]:
    """Repair every stored counter; return how many rows of each kind changed."""
    votes = HelpfulVote.objects.filter(reply=OuterRef("pk"))
    replies = Reply.objects.visible()
    report = {
        "replies": _repair(
            Reply.objects.all(),
            {
                "helpful_count": _count(
                    votes.filter(is_helpful=True), Count("pk"), "reply"
                ),
                "not_helpful_count": _count(
                    votes.filter(is_helpful=False), Count("pk"), "reply"
                ),
                "endorsement_count": counted_endorsements(),
            },
        ),
    }
    in_thread = replies.filter(thread=OuterRef("pk"))
    report["threads"] = _repair(
        Thread.objects.all(),
        {
            "reply_count": _count(in_thread, Count("pk"), "thread"),
            "helpful_count": _count(in_thread, Sum("helpful_count"), "thread"),
        },
    )
    in_forum = Thread.objects.visible().filter(forum=OuterRef("pk"))
    report["forums"] = _repair(
        Forum.objects.all(),
        {
            "thread_count": _count(in_forum, Count("pk"), "forum"),
            "members_only_count": _count(
                in_forum.filter(is_members_only=True), Count("pk"), "forum"
            ),
            "reply_count": _count(in_forum, Sum("reply_count"), "forum"),
        },
    )
    report["members"] = _repair_members()
    return report


def _repair_members() -> int:
    recounted = (
        get_user_model()
        .objects.annotate(**member_activity_recount())
        .annotate(
            stored_threads=Coalesce("forum_activity__thread_count", Value(0)),
            stored_replies=Coalesce("forum_activity__reply_count", Value(0)),
            stored_helpful=Coalesce("forum_activity__helpful_received", Value(0)),
        )
        .exclude(
            stored_threads=F("recounted_threads"),
            stored_replies=F("recounted_replies"),
            stored_helpful=F("recounted_helpful"),
        )
    )
    changed = 0
    for member in recounted.iterator():
        MemberActivity.objects.update_or_create(
            member_id=member.pk,
            defaults={
                "thread_count": member.recounted_threads,
                "reply_count": member.recounted_replies,
                "helpful_received": member.recounted_helpful,
            },
        )
        changed += 1
    return changed
