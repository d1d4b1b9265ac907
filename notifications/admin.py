"""Staff's view of e-mail choices and digests.

Failed e-mail sends are under "Tasks" (django_tasks_db's own admin): each
failed attempt with its traceback, and the retry queued after it.
"""

from django.contrib import admin

from .models import DigestSent, EmailPreference


@admin.register(EmailPreference)
class EmailPreferenceAdmin(admin.ModelAdmin):
    list_display = ["member", "kind", "delivery"]
    list_filter = ["kind", "delivery"]
    list_select_related = ["member"]
    search_fields = ["member__username", "member__email"]
    autocomplete_fields = ["member"]
    ordering = ["member__username", "kind"]


@admin.register(DigestSent)
class DigestSentAdmin(admin.ModelAdmin):
    list_display = ["member", "day", "sent_at", "notification_count"]
    list_select_related = ["member"]
    search_fields = ["member__username", "member__email"]
    date_hierarchy = "day"
    ordering = ["-day", "member__username"]
    readonly_fields = ["member", "day", "created_at", "sent_at", "notification_count"]

    def has_add_permission(self, request):
        return False
