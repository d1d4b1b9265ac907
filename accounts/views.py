import functools

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.views import SignupView as AllauthSignupView
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.ratelimit import over_limit
from core.redirects import safe_next_url

from . import consent, services
from .forms import (
    ContrastForm,
    CredentialApplicationForm,
    HealthConsentForm,
    TextSizeForm,
)
from .models import HealthDataConsent, ProfessionalCredential
from .preferences import CONTRAST_COOKIE, PREFERENCE_MAX_AGE, TEXT_SIZE_COOKIE

# What a re-application starts from: the member's last answers, not the note.
REAPPLY_FIELDS = tuple(
    name for name in CredentialApplicationForm.Meta.fields if name != "note"
)


def _remember_preference(request, form, cookie: str, field: str):
    """Store a valid reading preference in a cookie and go back where we were."""
    next_url = safe_next_url(request, request.POST.get("next"), reverse("forum:index"))
    response = redirect(next_url)
    if form.is_valid():
        response.set_cookie(
            cookie,
            form.cleaned_data[field],
            max_age=PREFERENCE_MAX_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response


@require_POST
def text_size(request):
    form = TextSizeForm(request.POST)
    return _remember_preference(request, form, TEXT_SIZE_COOKIE, "size")


@require_POST
def contrast(request):
    form = ContrastForm(request.POST)
    return _remember_preference(request, form, CONTRAST_COOKIE, "contrast")


@login_required
def verification(request):
    credentials = list(request.user.credentials.all())
    latest = credentials[0] if credentials else None
    form, status = None, 200
    if request.method == "POST":
        form = CredentialApplicationForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                services.apply_for_verification(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    "Thank you. Your application is with our staff; we will "
                    "e-mail you when they have decided.",
                )
                return redirect("accounts:verification")
        if form.has_error(NON_FIELD_ERRORS, "open_application"):
            status = 409
    elif latest is None or not latest.is_open:
        initial = {name: getattr(latest, name) for name in REAPPLY_FIELDS if latest}
        form = CredentialApplicationForm(initial=initial, user=request.user)
    context = {"form": form, "latest": latest, "earlier": credentials[1:]}
    return render(request, "accounts/credential_form.html", context, status=status)


@login_required
@require_POST
def verification_withdraw(request, pk):
    credential = get_object_or_404(ProfessionalCredential, pk=pk)
    if credential.user_id != request.user.pk:
        raise PermissionDenied
    if services.can_withdraw_application(request.user, credential):
        services.withdraw_application(user=request.user, credential=credential)
        messages.success(
            request, "Your application is withdrawn. You can apply again at any time."
        )
    else:
        messages.error(
            request, "This application is no longer waiting for review, so it stays."
        )
    return redirect("accounts:verification")


@never_cache
def admin_login(request, extra_context=None):
    """Send staff through the site's log-in, where its limits apply.

    Replaces the admin's own log-in form, which had none; the admin's next
    page is kept.
    """
    admin_index = reverse("admin:index")
    next_url = safe_next_url(
        request, request.GET.get("next") or request.POST.get("next"), admin_index
    )
    if request.user.is_authenticated:
        if admin.site.has_permission(request):
            return redirect(next_url)
        # Signed in, but not staff: the site's log-in would send them back.
        raise PermissionDenied
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


SIGNUP_LIMITED = (
    "Several accounts have been made from your connection in the last hour. "
    "Please try again later; what you typed is kept below (type your "
    "password again then)."
)


class SignupView(AllauthSignupView):
    """Allauth's sign-up, limited per client address with the form kept.

    settings.SIGNUP_RATE_LIMIT is (sign-ups, window in seconds) per address,
    counting every attempt, as a spammer's scripted sign-ups are. Allauth's
    own limit ("signup" in ACCOUNT_RATE_LIMITS) stays behind it, higher.
    """

    def post(self, request, *args, **kwargs):
        limit, window = settings.SIGNUP_RATE_LIMIT
        address = get_account_adapter().get_client_ip(request)
        if over_limit(f"signup:{address}", limit, window):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, SIGNUP_LIMITED)
            context = self.get_context_data(form=form)
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)


# --- Consent to holding health data (accounts.consent). ----------------------

# The fields of a refused post form that are not the member's: never carried.
_NOT_DRAFT = {"csrfmiddlewaretoken"}
# The fields a draft's preview shows, with what to call them.
DRAFT_PREVIEW = {"title": "Title", "body": "Your text"}


def _draft_of(post) -> list[tuple[str, str]]:
    """Return what a refused form sent, field by field, to send on after consent."""
    prefix = f"{HealthConsentForm.prefix}-"
    return [
        (name, value)
        for name, values in post.lists()
        if name not in _NOT_DRAFT and not name.startswith(prefix)
        for value in values
    ]


def _consent_page(request, form, *, draft=(), status=200):
    member = request.user
    latest = consent.latest_consent(member)
    context = {
        "form": form,
        "wording": form.consent_wording,
        "status": consent.status_of(member, ever_given=latest is not None),
        "latest": latest,
        "draft": draft,
        "draft_preview": [
            (DRAFT_PREVIEW[name], value)
            for name, value in draft
            if name in DRAFT_PREVIEW and value.strip()
        ],
    }
    return render(request, "accounts/health_consent.html", context, status=status)


def ask_for_health_consent(request):
    """Ask a member for consent before they write, then carry on.

    A page asked for (a form to fill in) sends them to the consent page and
    back. A form sent is kept: the consent page carries what they typed and,
    once they agree, the browser sends it on to where it was going.
    """
    back = request.get_full_path()
    if request.method == "POST":
        form = HealthConsentForm(initial={"next": back})
        return _consent_page(request, form, draft=_draft_of(request.POST), status=403)
    query = urlencode({"next": back})
    return redirect(f"{reverse('accounts:health-consent')}?{query}")


def health_consent_required(view):
    """Send a signed-in member without current consent to give it first.

    Suspended and banned members pass, to be told of their restriction by
    the view; visitors pass, to be asked to log in by it.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_restricted
            and not consent.has_current_consent(user)
        ):
            return ask_for_health_consent(request)
        return view(request, *args, **kwargs)

    return wrapped


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def health_consent(request):
    if request.method != "POST":
        form = HealthConsentForm(initial={"next": request.GET.get("next", "")})
        return _consent_page(request, form)
    form = HealthConsentForm(request.POST)
    draft = _draft_of(request.POST)
    if not form.is_valid():
        return _consent_page(request, form, draft=draft, status=400)
    consent.give_health_consent(
        member=request.user,
        version=form.cleaned_data["consent_version"],
        via=HealthDataConsent.Via.CONSENT_PAGE,
    )
    messages.success(request, "Thank you. Your consent is recorded.")
    next_url = safe_next_url(request, form.cleaned_data["next"], "")
    if draft and next_url:
        # The browser sends this same request, what they typed with it, on
        # to where their form was going (a 307 keeps the method and body).
        return HttpResponseRedirect(next_url, preserve_request=True)
    return redirect(next_url or "accounts:health-consent")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def health_consent_withdraw(request):
    member = request.user
    if not consent.can_give_health_consent(member):
        raise PermissionDenied
    if request.method == "POST":
        if consent.withdraw_health_consent(member=member):
            messages.success(
                request,
                "Your consent is withdrawn. You can no longer ask, reply or edit.",
            )
        elif consent.latest_consent(member):
            messages.info(request, "Your consent was already withdrawn.")
        else:
            messages.info(request, "You had not given consent, so nothing changed.")
        return redirect("accounts:health-consent")
    latest = consent.latest_consent(member)
    context = {
        "status": consent.status_of(member, ever_given=latest is not None),
        "latest": latest,
    }
    return render(request, "accounts/health_consent_withdraw.html", context)
