"""What every app's sitemap shares: addresses on settings.SITE_URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class SiteSitemap(Sitemap):
    """A sitemap whose addresses are the pages' canonical ones.

    Django builds them from the request's host; the pages' canonical links
    name settings.SITE_URL, and a sitemap should list exactly those.
    """

    def get_urls(self, page=1, site=None, protocol=None):
        address = urlsplit(settings.SITE_URL)
        return self._urls(page, address.scheme, address.netloc + address.path)


class StaticPagesSitemap(SiteSitemap):
    """Pages with no object of their own, by URL name."""

    def __init__(self, names: list[str]):
        self.names = names

    def items(self) -> list[str]:
        return self.names

    def location(self, name: str) -> str:
        return reverse(name)
