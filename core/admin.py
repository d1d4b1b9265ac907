"""Admin pieces that every app uses."""

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from .models import AuditEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record staff may read and search but never add, change or delete.

    For rows that are evidence rather than content (votes, decisions, view
    counts): the services write them, and the admin only shows them.
    """

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The audit log: staff read and filter it; nobody changes it."""

    list_display = (
        "created_at",
        "actor_username",
        "action",
        "target_repr",
        "target_link",
        "reason",
    )
    list_filter = (
        "action",
        ("actor", admin.RelatedOnlyFieldListFilter),
        "created_at",
    )
    search_fields = ("actor_username", "action", "target_repr", "reason")
    date_hierarchy = "created_at"
    list_select_related = ("content_type",)
    fields = (
        "created_at",
        "actor_username",
        "action",
        "content_type",
        "object_id",
        "target_repr",
        "reason",
    )
    readonly_fields = fields

    @admin.display(description="now")
    def target_link(self, entry):
        """Link to the changed object's admin page, where it reads as it does today."""
        try:
            url = reverse(
                f"admin:{entry.content_type.app_label}_{entry.content_type.model}_change",
                args=[entry.object_id],
            )
        except NoReverseMatch:
            return "-"
        return format_html('<a href="{}">Open</a>', url)
