"""Admin pieces that every app uses."""

from django.contrib import admin


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
