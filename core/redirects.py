"""Redirects that only ever lead back into this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request, url: str | None, fallback: str) -> str:
    """Return url if it points into this site, else fallback."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback
