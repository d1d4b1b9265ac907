"""The moderation queue: open reports, grouped by the post they are about.

Read by the admin's queue page (forum.admin.ReportAdmin.queue_view). Posts
where someone may be in danger come first, then the most reported, then the
longest waiting. A page of the queue costs the same few queries whatever
its size: one for the groups, one each for their threads, replies and
reports.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Case, Count, IntegerField, Max, Min, Q, When

from .models import Reply, Report, Thread

QUEUE_PAGE_SIZE = 30


@dataclass
class QueueItem:
    """One post with open reports, and what staff need to decide on it."""

    post: "Thread | Reply"
    report_count: int
    has_danger: bool
    first_reported_at: datetime
    reports: list[Report] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return "reply" if isinstance(self.post, Reply) else "thread"

    @property
    def thread(self) -> Thread:
        return self.post.thread if isinstance(self.post, Reply) else self.post

    @property
    def reasons(self) -> list[tuple[str, int]]:
        """Each reason given, with how many gave it, most given first."""
        counts: dict[str, int] = {}
        for report in self.reports:
            label = report.get_reason_display()
            counts[label] = counts.get(label, 0) + 1
        return sorted(counts.items(), key=lambda item: -item[1])


def open_queue(limit: int = QUEUE_PAGE_SIZE) -> tuple[list[QueueItem], int]:
    """Return the first limit posts with open reports, and how many there are."""
    groups = (
        Report.objects.open()
        .values("thread_id", "reply_id")
        .annotate(
            report_count=Count("id"),
            has_danger=Max(
                Case(
                    When(reason=Report.Reason.DANGER, then=1),
                    default=0,
                    output_field=IntegerField(),
                )
            ),
            first_reported_at=Min("created_at"),
        )
        .order_by("-has_danger", "-report_count", "first_reported_at", "thread_id")
    )
    total = groups.count()
    groups = list(groups[:limit])
    thread_ids = [g["thread_id"] for g in groups if g["thread_id"]]
    reply_ids = [g["reply_id"] for g in groups if g["reply_id"]]
    threads = Thread.objects.select_related("author", "forum").in_bulk(thread_ids)
    replies = Reply.objects.select_related(
        "author", "thread__forum", "thread__author"
    ).in_bulk(reply_ids)
    items = {}
    for group in groups:
        if group["reply_id"]:
            post, key = replies[group["reply_id"]], ("reply", group["reply_id"])
        else:
            post, key = threads[group["thread_id"]], ("thread", group["thread_id"])
        items[key] = QueueItem(
            post=post,
            report_count=group["report_count"],
            has_danger=bool(group["has_danger"]),
            first_reported_at=group["first_reported_at"],
        )
    if items:
        reports = (
            Report.objects.open()
            .filter(Q(thread_id__in=thread_ids) | Q(reply_id__in=reply_ids))
            .select_related("reporter")
            .order_by("created_at", "id")
        )
        for report in reports:
            key = (
                ("reply", report.reply_id)
                if report.reply_id
                else (
                    "thread",
                    report.thread_id,
                )
            )
            items[key].reports.append(report)
    return list(items.values()), total
