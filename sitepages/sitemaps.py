"""The footer's pages in sitemap.xml: about, guidelines, privacy, terms, contact."""

from datetime import datetime

from django.db.models import Max

from core.sitemaps import SiteSitemap

from .models import SitePage


class SitePageSitemap(SiteSitemap):
    def items(self):
        return SitePage.objects.only("slug", "updated_at").order_by("slug")

    def lastmod(self, page: SitePage) -> datetime:
        return page.updated_at

    def get_latest_lastmod(self) -> datetime | None:
        return SitePage.objects.aggregate(latest=Max("updated_at"))["latest"]
