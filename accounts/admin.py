from allauth.account.admin import EmailAddressAdmin as AllauthEmailAddressAdmin
from allauth.account.models import EmailAddress
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import admin as auth_admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Exists, F, OuterRef, Subquery, Value, When
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.module_loading import import_string

from core.admin import ReadOnlyAdmin

from . import consent, services
from .forms import CredentialDecisionForm
from .models import (
    DEFAULT_DISCLAIMER,
    CredentialDecision,
    HealthDataConsent,
    ProfessionalCredential,
    ProfessionalDisclaimer,
    Sanction,
    User,
)

Status = ProfessionalCredential.Status


# --- Erasing a member at their request. --------------------------------------


class EraseMembersForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=(
            "Who asked, and how and when: e.g. “Asked by e-mail on 3 May”. "
            "Leave out their name and e-mail address: the audit log keeps "
            "this for good."
        ),
    )
    posts = forms.ChoiceField(
        label="Their questions and replies",
        choices=[
            ("keep", "Keep them, shown as written by “A former member”"),
            ("remove", "Remove them and erase their text"),
        ],
        widget=forms.RadioSelect,
    )


@admin.action(
    description="Erase selected members' personal data…", permissions=["delete"]
)
def erase_members(modeladmin, request, queryset):
    """Ask why and what becomes of their posts, then erase each member.

    The privacy app's service (settings.PRIVACY_ERASE_MEMBER) does the work
    and records it in the audit log: accounts sits below it.
    """
    erase = import_string(settings.PRIVACY_ERASE_MEMBER)
    members = list(queryset.order_by("pk"))
    confirmed = "confirm" in request.POST
    form = EraseMembersForm(request.POST if confirmed else None)
    if confirmed and form.is_valid():
        erased = 0
        for member in members:
            name = member.username
            try:
                erase(
                    staff=request.user,
                    member=member,
                    remove_posts=form.cleaned_data["posts"] == "remove",
                    reason=form.cleaned_data["reason"],
                )
            except (PermissionDenied, ValidationError) as error:
                reasons = " ".join(getattr(error, "messages", [str(error)]))
                modeladmin.message_user(
                    request, f"Left {name} unchanged: {reasons}", messages.WARNING
                )
                continue
            erased += 1
        if erased:
            modeladmin.message_user(
                request,
                f"Erased {erased} member(s); the audit log records it.",
                messages.SUCCESS,
            )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Erase members' personal data",
        "opts": modeladmin.model._meta,
        "members": members,
        "form": form,
        "action": "erase_members",
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "privacy/admin/erase_members.html", context)


# --- Consent to holding health data (accounts.consent). ---------------------


class HealthConsentFilter(admin.SimpleListFilter):
    title = "health data consent"
    parameter_name = "consent"

    def lookups(self, request, model_admin):
        return consent.Status.choices

    def queryset(self, request, queryset):
        current = consent.current_version()
        given = Exists(HealthDataConsent.objects.filter(member=OuterRef("pk")))
        match self.value():
            case consent.Status.CURRENT:
                return queryset.filter(health_consent_version=current)
            case consent.Status.OUTDATED:
                return queryset.filter(health_consent_version__isnull=False).exclude(
                    health_consent_version=current
                )
            case consent.Status.WITHDRAWN:
                return queryset.filter(given, health_consent_version__isnull=True)
            case consent.Status.NONE:
                return queryset.filter(~given, health_consent_version__isnull=True)
        return queryset


class HealthDataConsentInline(admin.TabularInline):
    """The member's consents, newest first: evidence, so nobody edits it."""

    model = HealthDataConsent
    extra = 0
    can_delete = False
    fields = ("version", "given_at", "given_via", "withdrawn_at")
    readonly_fields = fields
    ordering = ("-given_at", "-id")
    verbose_name_plural = "health data consent history"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(HealthDataConsent)
class HealthDataConsentAdmin(ReadOnlyAdmin):
    list_display = ("given_at", "member", "version", "given_via", "withdrawn_at")
    list_filter = ("version", "given_via", ("withdrawn_at", admin.EmptyFieldListFilter))
    list_select_related = ("member",)
    search_fields = ("member__username",)
    date_hierarchy = "given_at"
    ordering = ("-given_at", "-id")


@admin.register(User)
class UserAdmin(auth_admin.UserAdmin):
    list_display = (
        "username",
        "email",
        "is_medical_professional",
        "is_staff",
        "is_active",
        "date_joined",
        "health_consent",
    )
    list_filter = (
        "is_medical_professional",
        "is_staff",
        "is_active",
        "date_joined",
        HealthConsentFilter,
    )
    inlines = [HealthDataConsentInline]
    readonly_fields = (
        "is_medical_professional",
        "professional_title",
        "last_login",
        "date_joined",
    )
    fieldsets = (
        *auth_admin.UserAdmin.fieldsets,
        (
            "Professional badge",
            {
                "fields": ("is_medical_professional", "professional_title"),
                "description": (
                    "Set only by approving or revoking a professional credential."
                ),
            },
        ),
    )
    ordering = ("-date_joined",)
    actions = [erase_members]

    def get_queryset(self, request):
        latest = HealthDataConsent.objects.filter(member=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(
                consent_given_at=Subquery(latest.values("given_at")[:1]),
                consent_withdrawn_at=Subquery(latest.values("withdrawn_at")[:1]),
            )
        )

    @admin.display(description="health data consent")
    def health_consent(self, user) -> str:
        given_at = getattr(user, "consent_given_at", None)
        withdrawn_at = getattr(user, "consent_withdrawn_at", None)
        status = consent.status_of(user, ever_given=given_at is not None)
        version = user.health_consent_version
        if status == consent.Status.CURRENT:
            return f"Current wording (v{version}), given {_day(given_at)}"
        if status == consent.Status.OUTDATED:
            return f"Older wording (v{version}), given {_day(given_at)}"
        if status == consent.Status.WITHDRAWN:
            return f"Withdrawn {_day(withdrawn_at)}".strip()
        return "None"


def _day(moment) -> str:
    return date_format(timezone.localtime(moment), "j M Y") if moment else ""


# allauth registers its own admin on import; this replaces it.
admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(AllauthEmailAddressAdmin):
    """allauth's, with its action kept from staff who may only view."""

    @admin.action(
        description="Mark selected e-mail addresses as verified",
        permissions=["change"],
    )
    def make_verified(self, request, queryset):
        return super().make_verified(request, queryset)


# --- Professional credentials. ----------------------------------------------

# The three staff decisions: the status each leads to, whether the member
# must be given a reason, and the words on buttons and messages.
DECISIONS = {
    "approve": {
        "status": Status.APPROVED,
        "reason_required": False,
        "verb": "Approve",
        "done": "Approved",
    },
    "reject": {
        "status": Status.REJECTED,
        "reason_required": True,
        "verb": "Reject",
        "done": "Rejected",
    },
    "revoke": {
        "status": Status.REVOKED,
        "reason_required": True,
        "verb": "Revoke",
        "done": "Revoked",
    },
}


def _apply_decision(decision: str, *, reviewer, credential, note: str):
    if decision == "approve":
        return services.approve_credential(
            reviewer=reviewer, credential=credential, note=note
        )
    if decision == "reject":
        return services.reject_credential(
            reviewer=reviewer, credential=credential, reason=note
        )
    return services.revoke_credential(
        reviewer=reviewer, credential=credential, reason=note
    )


def _activity_counts(member) -> dict[str, int]:
    # What the member has posted comes from the app that stores it, named in
    # settings: accounts sits below the forum and imports none of it.
    counts = {"thread_count": 0, "reply_count": 0}
    if path := getattr(settings, "MEMBER_ACTIVITY_COUNTS", ""):
        counts |= import_string(path)(member)
    return counts


def _member_history(credential: ProfessionalCredential) -> str:
    member = credential.user
    context = {
        "member": member,
        **_activity_counts(member),
        "earlier": member.credentials.exclude(pk=credential.pk).select_related(
            "reviewed_by"
        ),
    }
    return render_to_string("accounts/admin/_member_history.html", context)


def _decide_selected(modeladmin, request, queryset, decision: str):
    """Ask for a note, then apply decision to each credential that allows it.

    Return the confirmation page, or None once done (the admin then goes
    back to the list).
    """
    spec = DECISIONS[decision]
    credentials = list(queryset.select_related("user").order_by("created_at", "id"))
    ready = [
        c for c in credentials if services.can_decide(request.user, c, spec["status"])
    ]
    confirmed = "confirm" in request.POST
    form = CredentialDecisionForm(
        request.POST if confirmed else None, reason_required=spec["reason_required"]
    )
    if confirmed and ready and form.is_valid():
        done = 0
        for credential in ready:
            try:
                _apply_decision(
                    decision,
                    reviewer=request.user,
                    credential=credential,
                    note=form.cleaned_data["note"],
                )
            except ValidationError:
                continue  # Decided by someone else meanwhile.
            done += 1
        modeladmin.message_user(
            request, f"{spec['done']} {done} application(s).", messages.SUCCESS
        )
        if done < len(credentials):
            modeladmin.message_user(
                request,
                f"Left {len(credentials) - done} unchanged: their status does not "
                "allow it, or they are your own.",
                messages.WARNING,
            )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": f"{spec['verb']} professional credentials",
        "opts": modeladmin.model._meta,
        "decision": decision,
        "spec": spec,
        "action": f"{decision}_credentials",
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "form": form,
        "ready": [(c, _member_history(c)) for c in ready],
        "unchanged": [c for c in credentials if c not in ready],
        "credentials": credentials,
    }
    return TemplateResponse(request, "accounts/admin/credential_decision.html", context)


@admin.action(description="Approve selected applications…", permissions=["change"])
def approve_credentials(modeladmin, request, queryset):
    return _decide_selected(modeladmin, request, queryset, "approve")


@admin.action(description="Reject selected applications…", permissions=["change"])
def reject_credentials(modeladmin, request, queryset):
    return _decide_selected(modeladmin, request, queryset, "reject")


@admin.action(description="Revoke selected credentials…", permissions=["change"])
def revoke_credentials(modeladmin, request, queryset):
    return _decide_selected(modeladmin, request, queryset, "revoke")


class CredentialDecisionInline(admin.TabularInline):
    model = CredentialDecision
    extra = 0
    can_delete = False
    fields = ("decision", "decided_by", "decided_at", "note")
    readonly_fields = fields
    ordering = ("decided_at", "id")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ProfessionalCredential)
class ProfessionalCredentialAdmin(admin.ModelAdmin):
    """The verification queue: pending applications first, oldest first.

    Nothing here is edited in place; status changes only through the
    approve, reject and revoke actions, which call accounts.services.
    """

    list_display = (
        "user",
        "profession",
        "specialty",
        "licence_number",
        "region",
        "status",
        "created_at",
        "member_since",
        "reviewed_by",
        "reviewed_at",
    )
    list_filter = ("status", "profession")
    list_select_related = ("user", "reviewed_by")
    search_fields = ("user__username", "user__email", "licence_number")
    date_hierarchy = "created_at"
    ordering = (
        Case(When(status=Status.PENDING, then=Value(0)), default=Value(1)).asc(),
        Case(When(status=Status.PENDING, then=F("created_at"))).asc(),
        "-created_at",
    )
    fieldsets = (
        ("Member", {"fields": ("user_link", "member_history")}),
        (
            "Application",
            {
                "fields": (
                    "profession",
                    "specialty",
                    "badge_title",
                    "licence_number",
                    "licensing_body",
                    "region",
                    "register_link",
                    "note",
                    "created_at",
                )
            },
        ),
        (
            "Decision",
            {"fields": ("status", "reviewed_by", "reviewed_at", "review_note")},
        ),
    )
    readonly_fields = (
        "user_link",
        "member_history",
        "profession",
        "specialty",
        "badge_title",
        "licence_number",
        "licensing_body",
        "region",
        "register_link",
        "note",
        "created_at",
        "status",
        "reviewed_by",
        "reviewed_at",
        "review_note",
    )
    inlines = [CredentialDecisionInline]
    actions = [approve_credentials, reject_credentials, revoke_credentials]
    change_form_template = "accounts/admin/credential_change_form.html"

    def has_add_permission(self, request):
        # Members apply on the site; staff only decide.
        return False

    def has_delete_permission(self, request, obj=None):
        # The record of who was verified, by whom and when, is kept.
        return False

    def get_urls(self):
        decide = self.admin_site.admin_view(self.decide_view)
        return [
            path(
                "<int:pk>/decide/<slug:decision>/",
                decide,
                name="accounts_professionalcredential_decide",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk, decision):
        """Approve, reject or revoke one credential from its change page."""
        if decision not in DECISIONS:
            raise Http404
        if not self.has_change_permission(request):
            raise PermissionDenied
        queryset = self.get_queryset(request).filter(pk=pk)
        if not queryset.exists():
            raise Http404
        response = _decide_selected(self, request, queryset, decision)
        return response or redirect("admin:accounts_professionalcredential_change", pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        credential = self.get_object(request, object_id)
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "decisions": [
                (key, spec["verb"])
                for key, spec in DECISIONS.items()
                if credential
                and services.can_decide(request.user, credential, spec["status"])
            ],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="member since", ordering="user__date_joined")
    def member_since(self, credential):
        return credential.user.date_joined.date()

    @admin.display(description="member")
    def user_link(self, credential):
        url = reverse("admin:accounts_user_change", args=[credential.user_id])
        return format_html(
            '<a href="{}">{}</a> ({})', url, credential.user, credential.user.email
        )

    @admin.display(description="history")
    def member_history(self, credential):
        return _member_history(credential)

    @admin.display(description="badge would read")
    def badge_title(self, credential):
        return credential.title

    @admin.display(description="workplace or register link")
    def register_link(self, credential):
        if not credential.register_url:
            return "–"
        return format_html(
            '<a href="{0}" rel="noopener noreferrer" target="_blank">{0}</a>',
            credential.register_url,
        )


@admin.register(CredentialDecision)
class CredentialDecisionAdmin(ReadOnlyAdmin):
    """The audit log of staff decisions: read, never edited."""

    list_display = ("credential", "decision", "decided_by", "decided_at", "note")
    list_filter = ("decision",)
    list_select_related = ("credential__user", "decided_by")
    search_fields = (
        "credential__user__username",
        "credential__user__email",
        "credential__licence_number",
        "decided_by__username",
    )
    date_hierarchy = "decided_at"
    ordering = ("-decided_at",)


@admin.register(ProfessionalDisclaimer)
class ProfessionalDisclaimerAdmin(admin.ModelAdmin):
    """The one notice above professionals' replies; saved through a service."""

    list_display = ("__str__", "updated_at", "updated_by")
    fields = ("text", "updated_at", "updated_by")
    readonly_fields = ("updated_at", "updated_by")

    def has_add_permission(self, request):
        return (
            super().has_add_permission(request)
            and not ProfessionalDisclaimer.objects.exists()
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def get_changeform_initial_data(self, request):
        return {"text": DEFAULT_DISCLAIMER}

    def save_model(self, request, obj, form, change):
        saved = services.update_professional_disclaimer(
            editor=request.user, text=form.cleaned_data["text"]
        )
        obj.pk, obj.updated_at, obj.updated_by = (
            saved.pk,
            saved.updated_at,
            saved.updated_by,
        )


class SanctionForm(forms.ModelForm):
    """A new sanction, or the reason for lifting one early."""

    lift_reason = forms.CharField(
        label="Lift it early, because",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            "Fill this in to end a suspension or ban now; the member is told "
            "and may write again."
        ),
    )

    class Meta:
        model = Sanction
        fields = ("member", "kind", "ends_at", "reason")

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            kind, ends_at = cleaned.get("kind"), cleaned.get("ends_at")
            if kind == Sanction.Kind.SUSPENSION and (
                ends_at is None or ends_at <= timezone.now()
            ):
                self.add_error("ends_at", "A suspension needs an end in the future.")
            elif kind != Sanction.Kind.SUSPENSION and ends_at is not None:
                self.add_error("ends_at", "Only a suspension has an end.")
        return cleaned


@admin.register(Sanction)
class SanctionAdmin(admin.ModelAdmin):
    """Warnings, suspensions and bans; given and lifted through the services."""

    form = SanctionForm
    list_display = ("created_at", "member", "kind", "ends_at", "issued_by", "lifted_at")
    list_filter = ("kind", ("lifted_at", admin.EmptyFieldListFilter))
    list_select_related = ("member", "issued_by")
    search_fields = ("member__username", "reason")
    autocomplete_fields = ("member",)
    date_hierarchy = "created_at"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("member", "kind", "ends_at", "reason")
        fields = [
            "member",
            "kind",
            "ends_at",
            "reason",
            "issued_by",
            "created_at",
            "lifted_at",
            "lifted_by",
        ]
        if obj.lifted_at is None and obj.kind != Sanction.Kind.WARNING:
            fields.append("lift_reason")
        return fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return (
            "member",
            "kind",
            "ends_at",
            "reason",
            "issued_by",
            "created_at",
            "lifted_at",
            "lifted_by",
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            reason = form.cleaned_data.get("lift_reason", "")
            if reason.strip():
                services.lift_sanction(
                    moderator=request.user, sanction=obj, reason=reason
                )
            return
        saved = services.sanction_member(
            moderator=request.user,
            member=form.cleaned_data["member"],
            kind=form.cleaned_data["kind"],
            reason=form.cleaned_data["reason"],
            until=form.cleaned_data["ends_at"],
        )
        obj.pk, obj.created_at, obj.issued_by = (
            saved.pk,
            saved.created_at,
            saved.issued_by,
        )
