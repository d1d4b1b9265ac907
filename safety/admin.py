from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from core.admin import ReadOnlyAdmin
from forum.models import Reply, Thread

from . import services
from .forms import RedactionForm, SafetyPatternForm
from .models import CrisisLine, Redaction, SafetyPattern, ThreadFlag
from .patterns import find_personal_data, read, search
from .screening import post_text

# Questions a pattern's page lists as matching now.
MATCHES_SHOWN = 20


@admin.register(SafetyPattern)
class SafetyPatternAdmin(admin.ModelAdmin):
    """Staff's emergency signs and crisis language, in words rather than code."""

    form = SafetyPatternForm
    list_display = ("name", "kind", "is_active", "position", "flag_count", "updated_at")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "phrases", "message")
    ordering = ("kind", "position", "name")
    readonly_fields = ("matching_now", "updated_at")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(flag_count=Count("flags"))

    def get_fields(self, request, obj=None):
        fields = [*self.form.Meta.fields]
        return [*fields, "matching_now", "updated_at"] if obj else fields

    @admin.display(description="posts flagged", ordering="flag_count")
    def flag_count(self, pattern):
        return pattern.flag_count

    @admin.display(description="questions it matches now")
    def matching_now(self, pattern):
        """List the newest questions flagged with pattern, and what matched."""
        flags = list(
            pattern.flags.select_related("thread", "reply").order_by("-thread_id")[
                :MATCHES_SHOWN
            ]
        )
        if not flags:
            return "None yet. Saving works every question out again in the background."
        rows = []
        for flag in flags:
            post = flag.reply or flag.thread
            text = post.body if flag.reply else post_text(post.title, post.body)
            found = search(pattern.lines, read(text))
            rows.append(
                (
                    reverse("admin:forum_thread_change", args=[flag.thread_id]),
                    flag.thread.title,
                    " (a reply)" if flag.reply else "",
                    found.excerpt if found else "no longer matches",
                )
            )
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", '<li><a href="{}">{}</a>{}: “{}”</li>', rows),
        )

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        # A pattern's flags are the site's to keep and go with it.
        perms_needed.discard(ThreadFlag._meta.verbose_name)
        return deleted, counts, perms_needed, protected

    def save_model(self, request, obj, form, change):
        services.save_pattern(editor=request.user, pattern=obj)
        self.message_user(
            request,
            "Saved. Every question is being checked against it again; the "
            "pages it shows on change within a few minutes.",
        )

    def delete_model(self, request, obj):
        services.delete_patterns(
            editor=request.user, patterns=SafetyPattern.objects.filter(pk=obj.pk)
        )

    def delete_queryset(self, request, queryset):
        services.delete_patterns(editor=request.user, patterns=queryset)


@admin.register(CrisisLine)
class CrisisLineAdmin(admin.ModelAdmin):
    """The crisis lines shown beside crisis language, grouped by region."""

    list_display = (
        "name",
        "region",
        "phone",
        "text_number",
        "hours",
        "position",
        "is_active",
    )
    list_filter = ("region", "is_active")
    search_fields = ("name", "region", "description")
    ordering = ("position", "region", "name")
    fields = (
        "region",
        "name",
        "description",
        "phone",
        "text_number",
        "text_keyword",
        "url",
        "hours",
        "position",
        "is_active",
    )

    def save_model(self, request, obj, form, change):
        services.save_crisis_line(editor=request.user, line=obj)

    def delete_model(self, request, obj):
        services.delete_crisis_lines(
            editor=request.user, lines=CrisisLine.objects.filter(pk=obj.pk)
        )

    def delete_queryset(self, request, queryset):
        services.delete_crisis_lines(editor=request.user, lines=queryset)


class KeptWithTheirPostAdmin(ReadOnlyAdmin):
    """Rows staff read but never change, deleted only with their post.

    Deleting a question in the admin deletes these with it, so staff who
    may delete posts need not hold a permission that nothing else uses.
    """

    actions = None

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("forum.delete_thread") or request.user.has_perm(
            "forum.delete_reply"
        )


@admin.register(ThreadFlag)
class ThreadFlagAdmin(KeptWithTheirPostAdmin):
    """Which posts show a banner or crisis lines: kept by the site, read by staff."""

    list_display = ("thread", "pattern", "kind", "in_reply", "created_at")
    list_filter = ("pattern__kind", "pattern")
    list_select_related = ("thread", "pattern")
    search_fields = ("thread__title",)
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")

    @admin.display(description="kind", ordering="pattern__kind")
    def kind(self, flag):
        return flag.pattern.get_kind_display()

    @admin.display(description="in a reply", boolean=True)
    def in_reply(self, flag):
        return flag.reply_id is not None


def _found_in(post: "Thread | Reply") -> list[tuple[str, str]]:
    """Return the personal data in post and its versions, as form choices."""
    is_thread = isinstance(post, Thread)
    texts = [(post_text(post.title, post.body) if is_thread else post.body, "")]
    texts += [
        (post_text(r.title, r.body) if is_thread else r.body, " (an earlier version)")
        for r in post.revisions.all()
    ]
    choices: dict[str, str] = {}
    for text, where in texts:
        for item in find_personal_data(text):
            label = f"{item.label.capitalize()}: {item.text}{where}"
            choices.setdefault(item.text, label)
    return list(choices.items())


@admin.register(Redaction)
class RedactionAdmin(KeptWithTheirPostAdmin):
    """Personal data staff removed from posts: what was done, never the text."""

    list_display = (
        "created_at",
        "post_link",
        "staff",
        "passages",
        "in_post",
        "in_versions",
        "reason",
    )
    list_select_related = ("staff", "thread", "reply__thread")
    search_fields = ("reason", "staff__username")
    date_hierarchy = "created_at"
    fields = (
        "created_at",
        "post_link",
        "staff",
        "reason",
        "passages",
        "in_post",
        "in_versions",
    )
    readonly_fields = fields

    def get_urls(self):
        view = self.admin_site.admin_view(self.redact_view)
        return [
            path("post/<str:kind>/<int:pk>/", view, name="safety_redaction_redact"),
            *super().get_urls(),
        ]

    @admin.display(description="post")
    def post_link(self, redaction):
        post = redaction.post
        kind = "reply" if redaction.reply_id else "thread"
        label = f"Reply #{post.pk}" if redaction.reply_id else f"Question #{post.pk}"
        url = reverse(f"admin:forum_{kind}_change", args=[post.pk])
        return format_html('<a href="{}">{}</a>', url, label)

    def redact_view(self, request, kind, pk):
        models = {"thread": Thread, "reply": Reply}
        if kind not in models:
            raise Http404
        post = get_object_or_404(models[kind].objects.select_related("author"), pk=pk)
        if not services.can_redact(request.user, post):
            raise PermissionDenied
        change_url = reverse(f"admin:forum_{kind}_change", args=[post.pk])
        form = RedactionForm(request.POST or None, found=_found_in(post))
        if request.method == "POST" and form.is_valid():
            try:
                replaced = services.redact_post(
                    staff=request.user,
                    post=post,
                    passages=form.cleaned_data["passages"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    f"Removed: {replaced.in_post} place(s) in the post and "
                    f"{replaced.in_versions} in its earlier versions now read "
                    f"“{services.REDACTED}”.",
                    messages.SUCCESS,
                )
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Remove personal data",
            "post": post,
            "kind": kind,
            "post_text": post_text(post.title, post.body)
            if kind == "thread"
            else post.body,
            "version_count": post.revisions.count(),
            "form": form,
            "change_url": change_url,
            "replacement": services.REDACTED,
        }
        return TemplateResponse(request, "admin/safety/redact.html", context)
