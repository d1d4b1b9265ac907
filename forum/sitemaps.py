"""The forum's part of sitemap.xml: forums, public questions and their tags.

Questions for members only are left out, and so are topics only they carry.

Each section costs two queries a page of up to Sitemap.limit addresses (a
count and the page), and two in the sitemap index (a count and the latest
change), whatever the forum's size.
"""

from datetime import datetime

from django.db.models import Max
from django.urls import reverse
from taggit.models import Tag

from core.sitemaps import SiteSitemap

from .models import Forum, Thread


class ForumSitemap(SiteSitemap):
    def items(self):
        return Forum.objects.only("slug", "last_activity_at").order_by("pk")

    def lastmod(self, forum: Forum) -> datetime | None:
        return forum.last_activity_at

    def get_latest_lastmod(self) -> datetime | None:
        return Forum.objects.aggregate(latest=Max("last_activity_at"))["latest"]


def _later(*moments: datetime | None) -> datetime | None:
    return max((moment for moment in moments if moment), default=None)


class ThreadSitemap(SiteSitemap):
    """Every question a visitor can read; removed, held and members-only left out."""

    def items(self):
        return (
            Thread.objects.visible()
            .public()
            .only("slug", "last_activity_at", "edited_at")
            .order_by("pk")
        )

    def lastmod(self, thread: Thread) -> datetime | None:
        # A new reply or an edit of the question itself.
        return _later(thread.last_activity_at, thread.edited_at)

    def get_latest_lastmod(self) -> datetime | None:
        latest = (
            Thread.objects.visible()
            .public()
            .aggregate(active=Max("last_activity_at"), edited=Max("edited_at"))
        )
        return _later(*latest.values())


class TagSitemap(SiteSitemap):
    """Every topic with at least one visible question."""

    def items(self):
        return (
            # One join to the tags' threads, kept to visible ones, for both
            # the filter and the latest activity.
            Tag.objects.filter(
                thread__isnull=False,
                thread__removed_at__isnull=True,
                thread__is_members_only=False,
            )
            .annotate(last_activity_at=Max("thread__last_activity_at"))
            .only("slug")
            .order_by("pk")
        )

    def location(self, tag: Tag) -> str:
        return reverse("forum:tag", kwargs={"slug": tag.slug})

    def lastmod(self, tag: Tag) -> datetime | None:
        return tag.last_activity_at

    def get_latest_lastmod(self) -> datetime | None:
        latest = Thread.objects.visible().public().filter(tags__isnull=False)
        return latest.aggregate(latest=Max("last_activity_at"))["latest"]
