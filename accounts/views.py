from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .forms import TextSizeForm
from .preferences import TEXT_SIZE_COOKIE, TEXT_SIZE_MAX_AGE


def safe_next_url(request, url: str | None, fallback: str) -> str:
    """Return url if it points into this site, else fallback."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


@require_POST
def text_size(request):
    form = TextSizeForm(request.POST)
    next_url = safe_next_url(request, request.POST.get("next"), reverse("forum:index"))
    response = redirect(next_url)
    if form.is_valid():
        response.set_cookie(
            TEXT_SIZE_COOKIE,
            form.cleaned_data["size"],
            max_age=TEXT_SIZE_MAX_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response
