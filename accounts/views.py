from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .forms import ContrastForm, TextSizeForm
from .preferences import CONTRAST_COOKIE, PREFERENCE_MAX_AGE, TEXT_SIZE_COOKIE


def safe_next_url(request, url: str | None, fallback: str) -> str:
    """Return url if it points into this site, else fallback."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


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
