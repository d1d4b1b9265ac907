import difflib

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, slugify
from django.views.decorators.http import require_POST
from taggit.admin import TagAdmin as TaggitTagAdmin
from taggit.forms import MergeTagsForm, TagField
from taggit.models import Tag

from accounts.models import Sanction
from accounts.services import sanction_member
from core.admin import ReadOnlyAdmin

from . import services, visibility
from .models import (
    Endorsement,
    Forum,
    HelpfulVote,
    Reply,
    Report,
    Revision,
    TagSynonym,
    Thread,
)
from .queue import open_queue
from .tags import (
    merge_tags,
    normalise_tag_name,
    rename_tag,
    resolve_tag_names,
    split_tag_input,
)


def _text(post: "Thread | Reply | Revision", *, with_title: bool) -> list[str]:
    lines = [post.title, ""] if with_title else []
    return lines + post.body.splitlines()


class RevisionHistoryMixin:
    """A post's earlier versions on its change page, each restorable by staff.

    Every change of a post's text goes through forum.services, which keeps
    the version it replaces, including changes saved on this page.
    """

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_restore_revision"
        view = self.admin_site.admin_view(require_POST(self.restore_revision_view))
        return [
            path("<path:object_id>/revisions/<int:id>/restore/", view, name=name),
            *super().get_urls(),
        ]

    def restore_revision_view(self, request, object_id, id):
        post = self.get_object(request, unquote(object_id))
        if post is None or not self.has_change_permission(request, post):
            raise PermissionDenied
        revision = get_object_or_404(post.revisions, pk=id)
        services.restore_revision(moderator=request.user, revision=revision)
        self.message_user(
            request,
            "The earlier version is restored; the text it replaced is kept "
            "in the history.",
        )
        return redirect(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", post.pk
        )

    @admin.display(description="history")
    def history(self, post):
        return self._history(post, can_restore=True)

    @admin.display(description="history")
    def history_read_only(self, post):
        return self._history(post, can_restore=False)

    def _history(self, post, *, can_restore: bool):
        if post.pk is None:
            return "-"
        with_title = isinstance(post, Thread)
        revisions = list(post.revisions.select_related("editor"))
        newer = [post, *revisions]
        versions = [
            {
                "revision": revision,
                "diff": list(
                    difflib.unified_diff(
                        _text(revision, with_title=with_title),
                        _text(next_version, with_title=with_title),
                        "this version",
                        "the next version",
                        lineterm="",
                    )
                ),
                "restore_url": reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}"
                    "_restore_revision",
                    args=[post.pk, revision.pk],
                ),
            }
            for revision, next_version in zip(revisions, newer, strict=False)
        ]
        html = render_to_string(
            "admin/forum/_revisions.html",
            {"versions": versions, "can_restore": can_restore},
        )
        # The admin turns line breaks into <br>; the template marks its own.
        return mark_safe(html.replace("\n", ""))

    def _history_field(self, request, obj=None) -> str:
        """Staff who may only view posts see the history without restoring."""
        if self.has_change_permission(request, obj):
            return "history"
        return "history_read_only"

    def get_fields(self, request, obj=None):
        name = self._history_field(request, obj)
        fields = [
            name if f == "history" else f for f in super().get_fields(request, obj)
        ]
        if not self.has_change_permission(request, obj):
            # A reason for an edit they cannot make.
            fields.remove("edit_reason")
        return fields

    def get_readonly_fields(self, request, obj=None):
        name = self._history_field(request, obj)
        return [
            name if f == "history" else f
            for f in super().get_readonly_fields(request, obj)
        ]


class EditReasonForm(forms.ModelForm):
    """A post's admin form, with why staff change its text (kept with the version)."""

    edit_reason = forms.CharField(
        label="Reason for editing",
        required=False,
        max_length=200,
        help_text=(
            "Why you change the text, e.g. 'Removed a phone number'. Kept with "
            "the earlier version and in the audit log."
        ),
    )


class TagNamesField(TagField):
    """taggit's field, reading names by forum.tags' rule and staff synonyms."""

    def clean(self, value) -> list[str]:
        value = forms.CharField.clean(self, value)
        return resolve_tag_names(split_tag_input(value))


class ThreadAdminForm(EditReasonForm):
    tags = TagNamesField(
        required=False,
        help_text="Topics, separated by commas. Saved in lower case, with hyphens "
        "between words; the synonyms staff keep apply.",
    )


def _edit_reason(form) -> str:
    return form.cleaned_data.get("edit_reason", "").strip() or "Edited in the admin"


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
    fields = (
        "author",
        "is_anonymous",
        "excerpt",
        "created_at",
        "helpful_count",
        "removed_at",
    )
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


@admin.action(
    description="Show selected threads to signed-in members only",
    permissions=["change"],
)
def members_only_threads(modeladmin, request, queryset):
    for thread in queryset:
        visibility.set_members_only(
            member=request.user, thread=thread, members_only=True
        )
    modeladmin.message_user(
        request, f"{queryset.count()} thread(s) are for signed-in members only now."
    )


@admin.action(description="Show selected threads to everyone", permissions=["change"])
def public_threads(modeladmin, request, queryset):
    for thread in queryset:
        visibility.set_members_only(
            member=request.user, thread=thread, members_only=False
        )
    modeladmin.message_user(
        request, f"Everyone can read the {queryset.count()} selected thread(s) now."
    )


@admin.register(Thread)
class ThreadAdmin(RevisionHistoryMixin, admin.ModelAdmin):
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
    list_filter = (
        "forum",
        "is_pinned",
        "is_locked",
        "is_members_only",
        "is_anonymous",
        RemovedFilter,
        "held_for",
    )
    list_select_related = ("forum", "author")
    search_fields = ("title", "body", "author__username", "author__email")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
    autocomplete_fields = ("author",)
    form = ThreadAdminForm
    fields = (
        "forum",
        "author",
        "title",
        "body",
        "edit_reason",
        "tags",
        "is_pinned",
        "is_locked",
        "is_members_only",
        # Staff see who asked anonymously (the author above); readers never do.
        "is_anonymous",
        "slug",
        "created_at",
        "last_activity_at",
        "reply_count",
        "helpful_count",
        "edited_at",
        "removed_at",
        "is_removed_by_author",
        "held_for",
        "outcome",
        "outcome_at",
        "outcome_edited_at",
        "history",
    )
    readonly_fields = (
        "outcome",
        "outcome_at",
        "outcome_edited_at",
        "forum",
        "author",
        "slug",
        "created_at",
        "last_activity_at",
        "reply_count",
        "helpful_count",
        "edited_at",
        "removed_at",
        "is_removed_by_author",
        "held_for",
        "is_pinned",
        "is_locked",
        "is_members_only",
        "is_anonymous",
        "history",
    )
    inlines = [ReplyInline]
    actions = [
        pin_threads,
        unpin_threads,
        lock_threads,
        unlock_threads,
        remove_threads,
        restore_threads,
        members_only_threads,
        public_threads,
    ]

    def has_add_permission(self, request):
        # Questions are asked on the site, which keeps the forum's counts.
        return False

    def save_model(self, request, obj, form, change):
        if change and {"title", "body"} & set(form.changed_data):
            # Through the service, which keeps the version being replaced.
            services.edit_thread(
                editor=request.user,
                thread=obj,
                title=obj.title,
                body=obj.body,
                reason=_edit_reason(form),
            )
        else:
            super().save_model(request, obj, form, change)

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
class ReplyAdmin(RevisionHistoryMixin, admin.ModelAdmin):
    list_display = (
        "excerpt",
        "thread",
        "author",
        "created_at",
        "helpful_count",
        "is_visible",
    )
    list_filter = (RemovedFilter, "held_for", "is_anonymous", "thread__forum")
    list_select_related = ("thread", "author")
    search_fields = ("body", "author__username", "thread__title")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
    form = EditReasonForm
    fields = (
        "thread",
        "author",
        "is_anonymous",
        "body",
        "edit_reason",
        "created_at",
        "helpful_count",
        "not_helpful_count",
        "endorsement_count",
        "helped_most_at",
        "edited_at",
        "removed_at",
        "is_removed_by_author",
        "held_for",
        "history",
    )
    readonly_fields = (
        "endorsement_count",
        "helped_most_at",
        "thread",
        "author",
        "is_anonymous",
        "created_at",
        "helpful_count",
        "not_helpful_count",
        "edited_at",
        "removed_at",
        "is_removed_by_author",
        "held_for",
        "history",
    )
    actions = [remove_replies, restore_replies]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if change and "body" in form.changed_data:
            # Through the service, which keeps the version being replaced.
            services.edit_reply(
                editor=request.user,
                reply=obj,
                body=obj.body,
                reason=_edit_reason(form),
            )
        else:
            super().save_model(request, obj, form, change)

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


@admin.register(Endorsement)
class EndorsementAdmin(ReadOnlyAdmin):
    """Endorsements are a professional's word: staff read them, never edit them.

    One whose endorser has lost the badge stays listed but no longer counts.
    """

    list_display = ("reply", "endorser", "is_counted", "created_at")
    list_filter = ("endorser__is_medical_professional",)
    list_select_related = ("reply__author", "reply__thread", "endorser")
    search_fields = ("endorser__username", "reply__author__username")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)

    @admin.display(description="counts", boolean=True)
    def is_counted(self, endorsement):
        return endorsement.endorser.is_medical_professional


# taggit registers its own admin on import; this replaces it.
admin.site.unregister(Tag)


class TagForm(forms.ModelForm):
    """A tag's name, normalised as members' tags are (forum.tags)."""

    class Meta:
        model = Tag
        fields = ("name",)

    def clean_name(self) -> str:
        name = normalise_tag_name(self.cleaned_data["name"])
        if not slugify(name, allow_unicode=True):
            raise ValidationError("Use letters or numbers in the name.")
        others = Tag.objects.filter(name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(
                "Another tag has this name. To join the two, tick both in the "
                "list of tags and choose \u201cMerge selected tags\u201d."
            )
        return name


class TagSynonymForm(forms.ModelForm):
    """A synonym's name, normalised as members' tags are (forum.tags)."""

    class Meta:
        model = TagSynonym
        fields = ("name", "tag")
        help_texts = {
            "name": "What members type, such as \u201cmigraines\u201d. Saved in "
            "lower case, with hyphens between words. Questions already tagged with it "
            "keep that tag until staff merge the two."
        }

    def clean_name(self) -> str:
        name = normalise_tag_name(self.cleaned_data["name"])
        if not name:
            raise ValidationError("Give the synonym a name.")
        return name


class TagSynonymInline(admin.TabularInline):
    model = TagSynonym
    form = TagSynonymForm
    extra = 1
    verbose_name_plural = "synonyms: names members type that get this tag"


@admin.register(Tag)
class TagAdmin(TaggitTagAdmin):
    """taggit's, with names normalised and merges and renames through forum.tags.

    A tag's posts are not listed inline (a popular tag has thousands); its
    page on the site lists them.
    """

    form = TagForm
    inlines = [TagSynonymInline]
    list_display = ("name", "slug", "thread_count")
    readonly_fields = ("slug", "page")
    fields = ("name", "slug", "page")
    prepopulated_fields = {}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                visible_threads=Count(
                    "thread", filter=Q(thread__removed_at__isnull=True), distinct=True
                )
            )
        )

    @admin.display(description="visible questions", ordering="visible_threads")
    def thread_count(self, tag):
        return tag.visible_threads

    @admin.display(description="page on the site")
    def page(self, tag):
        if not tag.pk or not tag.slug:
            return "-"
        url = reverse("forum:tag", kwargs={"slug": tag.slug})
        return format_html('<a href="{}">{}</a>', url, url)

    def save_model(self, request, obj, form, change):
        if change and "name" in form.changed_data:
            # The service keeps the old name as a synonym and the new slug.
            renamed = rename_tag(staff=request.user, tag=obj, name=obj.name)
            obj.name, obj.slug = renamed.name, renamed.slug
        else:
            super().save_model(request, obj, form, change)

    @admin.action(description="Merge selected tags", permissions=["change"])
    def render_tag_form(self, request, queryset):
        return super().render_tag_form(request, queryset)

    def merge_tags_view(self, request):
        # taggit's own view checks only that the user is staff, and deletes
        # every post's tag when the name kept is one of those merged.
        if not self.has_change_permission(request):
            raise PermissionDenied
        ids = request.session.get("selected_tag_ids", "").split(",")
        merging = Tag.objects.filter(pk__in=[i for i in ids if i.isdigit()])
        form = MergeTagsForm(request.POST or None)
        if request.method == "POST" and form.is_valid() and merging:
            kept = merge_tags(
                staff=request.user, tags=merging, into=form.cleaned_data["new_tag_name"]
            )
            request.session.pop("selected_tag_ids", None)
            self.message_user(
                request,
                f"The tags are merged into \u201c{kept.name}\u201d. Their old names "
                "are kept as synonyms, so new questions get this tag.",
                messages.SUCCESS,
            )
            return redirect("admin:taggit_tag_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Merge tags",
            "form": form,
            "merging": merging,
        }
        return TemplateResponse(request, "admin/forum/merge_tags.html", context)


@admin.register(TagSynonym)
class TagSynonymAdmin(admin.ModelAdmin):
    """Names members type that staff map to one tag ("migraines" → migraine)."""

    list_display = ("name", "tag")
    list_select_related = ("tag",)
    search_fields = ("name", "tag__name")
    autocomplete_fields = ("tag",)
    ordering = ("name",)
    form = TagSynonymForm


class QueueActionForm(forms.Form):
    """What staff do to a reported post from the queue, and why."""

    action = forms.ChoiceField(label="Action", choices=services.QUEUE_ACTIONS.items())
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown to the post's author, and kept in the audit log.",
    )


class AuthorActionForm(forms.Form):
    """What staff do to a reported post's author from the queue, and why."""

    kind = forms.ChoiceField(label="Action", choices=Sanction.Kind.choices)
    until = forms.DateTimeField(
        label="Suspended until",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Only for a suspension.",
    )
    reason = forms.CharField(
        label="Reason",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Shown to the member, and kept in the audit log.",
    )


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    """Every report, and the queue where staff work the open ones."""

    list_display = ("created_at", "reason", "post_link", "reporter", "status")
    list_filter = ("status", "reason")
    list_select_related = ("reporter", "thread", "reply__thread", "closed_by")
    search_fields = ("note", "reporter__username")
    date_hierarchy = "created_at"
    fields = (
        "created_at",
        "reporter",
        "reason",
        "note",
        "thread",
        "reply",
        "status",
        "closed_at",
        "closed_by",
    )
    readonly_fields = fields

    def get_urls(self):
        opts = self.opts
        queue = self.admin_site.admin_view(self.queue_view)
        act = self.admin_site.admin_view(require_POST(self.act_view))
        return [
            path("queue/", queue, name=f"{opts.app_label}_{opts.model_name}_queue"),
            path(
                "queue/<str:kind>/<int:pk>/",
                act,
                name=f"{opts.app_label}_{opts.model_name}_act",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "queue_url": reverse("admin:forum_report_queue"),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description="post")
    def post_link(self, report):
        post = report.post
        label = (
            f"Reply in “{post.thread.title}”"
            if report.reply_id
            else f"Question “{post.title}”"
        )
        return format_html('<a href="{}">{}</a>', post.get_absolute_url(), label)

    def queue_view(self, request):
        if not services.can_work_queue(request.user):
            raise PermissionDenied
        items, total = open_queue()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Moderation queue",
            "items": items,
            "total": total,
            "post_form": QueueActionForm(),
            "author_form": AuthorActionForm(),
        }
        return TemplateResponse(request, "admin/forum/report/queue.html", context)

    def act_view(self, request, kind, pk):
        if not services.can_work_queue(request.user):
            raise PermissionDenied
        models = {"reply": Reply, "thread": Thread}
        if kind not in models:
            raise Http404
        post = get_object_or_404(models[kind].objects.select_related("author"), pk=pk)
        back = reverse("admin:forum_report_queue")
        try:
            if "kind" in request.POST:
                self._act_on_author(request, post)
            else:
                self._act_on_post(request, post)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        except PermissionDenied as error:
            self.message_user(request, str(error), messages.ERROR)
        return redirect(back)

    def _act_on_post(self, request, post):
        form = QueueActionForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        action = form.cleaned_data["action"]
        services.act_on_post(
            moderator=request.user,
            post=post,
            action=action,
            reason=form.cleaned_data["reason"],
        )
        self.message_user(
            request,
            f"Done: {services.QUEUE_ACTIONS[action].lower()}. Whom it concerns "
            "has been told.",
        )

    def _act_on_author(self, request, post):
        form = AuthorActionForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        sanction = sanction_member(
            moderator=request.user,
            member=post.author,
            kind=form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"],
            until=form.cleaned_data["until"],
        )
        self.message_user(
            request,
            f"{sanction.get_kind_display()} given to {post.author}; they have "
            "been told why. Close the reports when you are done with the post.",
        )


def _form_errors(form) -> list[str]:
    return [
        f"{form.fields[name].label if name in form.fields else 'Form'}: {message}"
        for name, errors in form.errors.items()
        for message in errors
    ]
