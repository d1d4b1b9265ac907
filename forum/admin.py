from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.text import Truncator
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.models import Tag

from core.admin import ReadOnlyAdmin

from . import services
from .models import Forum, HelpfulVote, Reply, Thread


class RemovedFilter(admin.SimpleListFilter):
    title = "visibility"
    parameter_name = "removed"

    def lookups(self, request, model_admin):
        return [("no", "Visible"), ("yes", "Removed")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(removed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(removed_at__isnull=True)
        return queryset


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "position",
        "thread_count",
        "reply_count",
        "last_activity_at",
    )
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("thread_count", "reply_count", "last_activity_at")
    search_fields = ("name",)
    ordering = ("position", "name")


class ReplyInline(admin.TabularInline):
    model = Reply
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("author", "excerpt", "created_at", "helpful_count", "removed_at")
    readonly_fields = fields
    ordering = ("created_at",)

    def has_add_permission(self, request, obj=None):
        # Replies are posted on the site, where the thread's rules apply.
        return False

    @admin.display(description="reply")
    def excerpt(self, reply):
        return Truncator(reply.body).chars(120)


@admin.action(description="Pin selected threads", permissions=["change"])
def pin_threads(modeladmin, request, queryset):
    for thread in queryset:
        services.set_thread_flags(moderator=request.user, thread=thread, is_pinned=True)
    modeladmin.message_user(request, f"Pinned {queryset.count()} thread(s).")


@admin.action(description="Unpin selected threads", permissions=["change"])
def unpin_threads(modeladmin, request, queryset):
    for thread in queryset:
        services.set_thread_flags(
            moderator=request.user, thread=thread, is_pinned=False
        )
    modeladmin.message_user(request, f"Unpinned {queryset.count()} thread(s).")


@admin.action(
    description="Lock selected threads (no new replies or votes)",
    permissions=["change"],
)
def lock_threads(modeladmin, request, queryset):
    for thread in queryset:
        services.set_thread_flags(moderator=request.user, thread=thread, is_locked=True)
    modeladmin.message_user(request, f"Locked {queryset.count()} thread(s).")


@admin.action(description="Unlock selected threads", permissions=["change"])
def unlock_threads(modeladmin, request, queryset):
    for thread in queryset:
        services.set_thread_flags(
            moderator=request.user, thread=thread, is_locked=False
        )
    modeladmin.message_user(request, f"Unlocked {queryset.count()} thread(s).")


@admin.action(
    description="Remove selected threads (hidden from readers)", permissions=["change"]
)
def remove_threads(modeladmin, request, queryset):
    for thread in queryset:
        services.remove_thread(moderator=request.user, thread=thread)
    modeladmin.message_user(request, f"Removed {queryset.count()} thread(s).")


@admin.action(description="Restore selected threads", permissions=["change"])
def restore_threads(modeladmin, request, queryset):
    for thread in queryset:
        services.restore_thread(moderator=request.user, thread=thread)
    modeladmin.message_user(request, f"Restored {queryset.count()} thread(s).")


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "forum",
        "author",
        "created_at",
        "reply_count",
        "helpful_count",
        "is_pinned",
        "is_locked",
        "is_visible",
    )
    list_filter = ("forum", "is_pinned", "is_locked", RemovedFilter)
    list_select_related = ("forum", "author")
    search_fields = ("title", "body", "author__username", "author__email")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
    autocomplete_fields = ("author",)
    fields = (
        "forum",
        "author",
        "title",
        "body",
        "tags",
        "is_pinned",
        "is_locked",
        "slug",
        "created_at",
        "last_activity_at",
        "reply_count",
        "helpful_count",
        "removed_at",
    )
    readonly_fields = (
        "forum",
        "author",
        "slug",
        "created_at",
        "last_activity_at",
        "reply_count",
        "helpful_count",
        "removed_at",
        "is_pinned",
        "is_locked",
    )
    inlines = [ReplyInline]
    actions = [
        pin_threads,
        unpin_threads,
        lock_threads,
        unlock_threads,
        remove_threads,
        restore_threads,
    ]

    def has_add_permission(self, request):
        # Questions are asked on the site, which keeps the forum's counts.
        return False

    @admin.display(description="visible", boolean=True)
    def is_visible(self, thread):
        return thread.removed_at is None


@admin.action(
    description="Remove selected replies (hidden from readers)", permissions=["change"]
)
def remove_replies(modeladmin, request, queryset):
    for reply in queryset:
        services.remove_reply(moderator=request.user, reply=reply)
    modeladmin.message_user(request, f"Removed {queryset.count()} reply(ies).")


@admin.action(description="Restore selected replies", permissions=["change"])
def restore_replies(modeladmin, request, queryset):
    for reply in queryset:
        services.restore_reply(moderator=request.user, reply=reply)
    modeladmin.message_user(request, f"Restored {queryset.count()} reply(ies).")


@admin.register(Reply)
class ReplyAdmin(admin.ModelAdmin):
    list_display = (
        "excerpt",
        "thread",
        "author",
        "created_at",
        "helpful_count",
        "is_visible",
    )
    list_filter = (RemovedFilter, "thread__forum")
    list_select_related = ("thread", "author")
    search_fields = ("body", "author__username", "thread__title")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
    fields = (
        "thread",
        "author",
        "body",
        "created_at",
        "helpful_count",
        "not_helpful_count",
        "removed_at",
    )
    readonly_fields = (
        "thread",
        "author",
        "created_at",
        "helpful_count",
        "not_helpful_count",
        "removed_at",
    )
    actions = [remove_replies, restore_replies]

    def has_add_permission(self, request):
        return False

    @admin.display(description="reply")
    def excerpt(self, reply):
        return Truncator(reply.body).chars(80)

    @admin.display(description="visible", boolean=True)
    def is_visible(self, reply):
        return reply.removed_at is None


@admin.register(HelpfulVote)
class HelpfulVoteAdmin(ReadOnlyAdmin):
    """Votes are evidence, not content: staff can read them, never edit them."""

    list_display = ("reply", "voter", "is_helpful", "created_at", "updated_at")
    list_filter = ("is_helpful",)
    list_select_related = ("reply__author", "reply__thread", "voter")
    search_fields = ("voter__username", "reply__author__username")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)


# taggit registers its own admin on import; this replaces it.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    """taggit's, with merging kept from staff who may only view tags."""

    @admin.action(description="Merge selected tags", permissions=["change"])
    def render_tag_form(self, request, queryset):
        return super().render_tag_form(request, queryset)

    def merge_tags_view(self, request):
        # taggit's own view checks only that the user is staff.
        if not self.has_change_permission(request):
            raise PermissionDenied
        return super().merge_tags_view(request)
