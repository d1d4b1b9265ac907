from django.shortcuts import get_object_or_404, render

from core.pagecache import anonymous_page_cache

from .models import SitePage


@anonymous_page_cache
def page(request, slug):
    """Show one of the footer's pages.

    It is stored for anonymous readers under the "site" scope, which every
    change saved in the admin expires, so an edit shows at once.
    """
    site_page = get_object_or_404(SitePage, slug=slug)
    return render(request, "sitepages/page.html", {"page": site_page})
