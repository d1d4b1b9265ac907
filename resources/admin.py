from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html

from core.admin import ReadOnlyAdmin
from core.text import VisibleTextMixin

from . import services
from .models import (
    IMAGE_ACCEPT,
    NOT_AN_IMAGE,
    POPULAR_DAYS,
    Resource,
    ResourceDailyViews,
)


class ResourceAdminForm(VisibleTextMixin, forms.ModelForm):
    class Meta:
        model = Resource
        fields = [
            "title",
            "slug",
            "summary",
            "body",
            "external_url",
            "image",
            "image_alt",
            "forums",
            "tags",
            "is_published",
            "published_at",
            "is_pinned",
            "position",
            "written_by",
            "medical_reviewer",
            "last_reviewed_on",
            "next_review_on",
        ]
        widgets = {
            "summary": forms.TextInput(attrs={"class": "vTextField summary-input"}),
            "forums": forms.CheckboxSelectMultiple,
            "image": forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
        }
        # Pillow's check comes first; say it as the model's check does.
        error_messages = {"image": {"invalid_image": NOT_AN_IMAGE}}


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("live", "Live"),
            ("scheduled", "Scheduled"),
            ("draft", "Draft"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "live":
            return queryset.filter(is_published=True, published_at__lte=now)
        if self.value() == "scheduled":
            return queryset.filter(is_published=True, published_at__gt=now)
        if self.value() == "draft":
            return queryset.filter(is_published=False)
        return queryset


# How far ahead the "review due soon" filter looks.
REVIEW_SOON_DAYS = 30


class ReviewFilter(admin.SimpleListFilter):
    """Resources whose medical review is overdue, due soon, or missing."""

    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue"),
            ("soon", f"Due within {REVIEW_SOON_DAYS} days"),
            ("never", "Not reviewed"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.review_overdue()
        if self.value() == "soon":
            return queryset.review_due_within(REVIEW_SOON_DAYS)
        if self.value() == "never":
            return queryset.never_reviewed()
        return queryset


class KindFilter(admin.SimpleListFilter):
    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [("article", "Article"), ("link", "External link")]

    def queryset(self, request, queryset):
        if self.value() == "article":
            return queryset.filter(external_url="")
        if self.value() == "link":
            return queryset.exclude(external_url="")
        return queryset


@admin.action(
    description="Publish selected resources (on their publish date)",
    permissions=["change"],
)
def publish_resources(modeladmin, request, queryset):
    count = services.publish_resources(editor=request.user, resources=queryset)
    modeladmin.message_user(request, f"Published {count} resource(s).")


@admin.action(description="Unpublish selected resources", permissions=["change"])
def unpublish_resources(modeladmin, request, queryset):
    count = services.unpublish_resources(editor=request.user, resources=queryset)
    modeladmin.message_user(request, f"Unpublished {count} resource(s).")


@admin.action(
    description="Pin selected resources to the top of the sidebar",
    permissions=["change"],
)
def pin_resources(modeladmin, request, queryset):
    count = services.pin_resources(editor=request.user, resources=queryset)
    modeladmin.message_user(request, f"Pinned {count} resource(s).")


@admin.action(description="Unpin selected resources", permissions=["change"])
def unpin_resources(modeladmin, request, queryset):
    count = services.unpin_resources(editor=request.user, resources=queryset)
    modeladmin.message_user(request, f"Unpinned {count} resource(s).")


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    form = ResourceAdminForm
    list_display = (
        "title",
        "kind",
        "status",
        "is_published",
        "published_at",
        "is_pinned",
        "position",
        "review",
        "recent_views",
        "total_views",
        "preview",
    )
    list_editable = ("position", "is_published")
    list_filter = (
        StatusFilter,
        KindFilter,
        ReviewFilter,
        "is_published",
        "is_pinned",
        "forums",
    )
    search_fields = ("title", "slug", "summary", "body", "external_url")
    date_hierarchy = "published_at"
    ordering = ("-is_pinned", "position", "-published_at")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("recent_views", "total_views", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary")}),
        (
            "Content: write an article or link to one, not both",
            {"fields": ("body", "external_url")},
        ),
        ("Image", {"fields": ("image", "image_alt")}),
        ("Where it appears", {"fields": ("forums", "tags")}),
        (
            "Publishing",
            {"fields": ("is_published", "published_at", "is_pinned", "position")},
        ),
        (
            "Medical review",
            {
                "fields": (
                    "written_by",
                    "medical_reviewer",
                    "last_reviewed_on",
                    "next_review_on",
                )
            },
        ),
        (
            "Readership",
            {"fields": ("recent_views", "total_views", "created_at", "updated_at")},
        ),
    )
    actions = [publish_resources, unpublish_resources, pin_resources, unpin_resources]

    class Media:
        js = ["resources/admin_resource.js"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_view_totals()
            .select_related("medical_reviewer")
        )

    @admin.display(description="medical review", ordering="next_review_on")
    def review(self, resource):
        if not resource.is_reviewed:
            return "Not reviewed"
        if resource.review_is_overdue:
            return f"Overdue since {resource.next_review_on:%d %b %Y}"
        if resource.next_review_on:
            return f"Due {resource.next_review_on:%d %b %Y}"
        return f"Reviewed {resource.last_reviewed_on:%d %b %Y}"

    @admin.display(description="kind")
    def kind(self, resource):
        return "External link" if resource.is_external else "Article"

    @admin.display(description="status")
    def status(self, resource):
        if resource.is_live:
            return "Live"
        return "Scheduled" if resource.is_scheduled else "Draft"

    @admin.display(
        description=f"views, last {POPULAR_DAYS} days",
        ordering="recent_view_count",
    )
    def recent_views(self, resource):
        return getattr(resource, "recent_view_count", 0)

    @admin.display(description="views, all time", ordering="total_view_count")
    def total_views(self, resource):
        return getattr(resource, "total_view_count", 0)

    @admin.display(description="page")
    def preview(self, resource):
        label = "View" if resource.is_live else "Preview"
        return format_html(
            '<a href="{}" aria-label="{} {}">{}</a>',
            resource.get_absolute_url(),
            label,
            resource.title,
            label,
        )

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        services.save_resource(
            resource=obj,
            forums=data.get("forums"),
            tags=data.get("tags"),
            editor=request.user,
        )

    def save_related(self, request, form, formsets, change):
        # save_resource has set the forums and tags; there are no inlines.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        services.delete_resources(
            resources=Resource.objects.filter(pk=obj.pk), editor=request.user
        )

    def delete_queryset(self, request, queryset):
        services.delete_resources(resources=queryset, editor=request.user)


@admin.register(ResourceDailyViews)
class ResourceDailyViewsAdmin(ReadOnlyAdmin):
    """Counts are evidence, not content: staff can read them, never edit them."""

    list_display = ("resource", "day", "view_count")
    list_select_related = ("resource",)
    search_fields = ("resource__title",)
    date_hierarchy = "day"
    ordering = ("-day", "-view_count")
