"""The resources' part of sitemap.xml: every published article page."""

from datetime import datetime

from django.db.models import Max

from core.sitemaps import SiteSitemap

from .models import Resource


class ResourceSitemap(SiteSitemap):
    """Published resources, newest first (resource_published_idx).

    A resource that links to another site has a page here too, which says
    what it is and links out.
    """

    def items(self):
        return (
            Resource.objects.published()
            .only("slug", "updated_at")
            .order_by("-published_at", "-id")
        )

    def lastmod(self, resource: Resource) -> datetime:
        return resource.updated_at

    def get_latest_lastmod(self) -> datetime | None:
        latest = Resource.objects.published().aggregate(latest=Max("updated_at"))
        return latest["latest"]
