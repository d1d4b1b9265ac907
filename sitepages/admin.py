from django.contrib import admin

from .models import SitePage


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    """Staff edit the footer's pages; the set of pages itself is fixed.

    Saving a page writes a LogEntry, which expires every stored page
    (core.pagecache.AdminChangesExpirePagesMiddleware), the footer's own
    pages among them.
    """

    list_display = ("title", "slug", "updated_at")
    fields = ("slug", "title", "body")

    def get_readonly_fields(self, request, obj=None):
        return ("slug",) if obj is not None else ()

    def has_add_permission(self, request):
        # Only to bring back a page that is missing; never a sixth.
        return super().has_add_permission(request) and SitePage.objects.count() < len(
            SitePage.Slug
        )

    def has_delete_permission(self, request, obj=None):
        # The footer links to every page.
        return False
