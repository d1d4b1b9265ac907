"""Site-wide views: health checks for load balancers and the error pages."""

import logging
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from . import outage
from .cache import page_cache

logger = logging.getLogger(__name__)

# How long a client should wait before retrying while the database is away.
RETRY_AFTER_SECONDS = 30


def _check_database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return error.__class__.__name__
    return None


def _check_cache() -> str | None:
    try:
        page_cache().set("healthz", "ok", timeout=10)
        if page_cache().get("healthz") != "ok":
            return "cache did not return the value it was given"
    # Any failure of the cache backend, whatever its kind, fails the check.
    except Exception as error:
        return error.__class__.__name__
    return None


@never_cache
@require_safe
def healthz(request):
    """Report whether the database and the cache answer; 503 if the database fails.

    The cache holds only what the database can rebuild, so the site serves
    without it: a failing cache is reported, as "degraded", with a 200.
    """
    problems = {"database": _check_database(), "cache": _check_cache()}
    body = {name: problem or "ok" for name, problem in problems.items()}
    if problems["database"]:
        body["status"] = "unavailable"
    elif problems["cache"]:
        body["status"] = "degraded"
    else:
        body["status"] = "ok"
    return JsonResponse(body, status=503 if problems["database"] else 200)


@require_safe
def robots_txt(request):
    """Tell crawlers which pages are not for search results, and the sitemap.

    Forms, account pages and search results are personal or endless; the
    template lists them. Everything else is public and may be indexed. The
    admin is not named: its address may be kept private (DJANGO_ADMIN_URL),
    and its pages tell crawlers not to index them anyway.
    """
    context = {"sitemap_url": settings.SITE_URL + reverse("sitemap")}
    return render(request, "robots.txt", context, content_type="text/plain")


def _sent_back(name: str) -> bool:
    # The page carries a fresh CSRF token, and no page echoes a password.
    return name != "csrfmiddlewaretoken" and "password" not in name.lower()


def _is_typed(value: str) -> bool:
    # Words or a long value were written by the member; a short single token
    # (an id, a choice, an address to return to) only travels with them.
    return len(value) > 40 or any(char.isspace() for char in value)


def sent_fields(request) -> list[dict]:
    """Return the fields of the form a member sent, to offer them again.

    Only for a form post that passed the CSRF check: text that another site
    made a browser post is never offered back for the member to send.
    """
    if (
        request is None
        or request.method != "POST"
        or not getattr(request, "csrf_processing_done", False)
    ):
        return []
    return [
        {
            "name": name,
            "label": name.replace("_", " ").capitalize(),
            "value": value,
            "is_typed": _is_typed(value),
        }
        for name, values in request.POST.lists()
        if _sent_back(name)
        for value in values
    ]


def service_unavailable(request=None):
    """Render the calm maintenance page without touching the database.

    A form the member sent comes back in it, with a fresh CSRF token, so that
    "Try again" sends it again to the same address and the text can be copied.
    """
    fields = sent_fields(request)
    context = {"was_post": request is not None and request.method == "POST"}
    if fields:
        context |= {
            "fields": fields,
            "has_typed": any(field["is_typed"] for field in fields),
            "action": request.get_full_path(),
            "csrf_token": get_token(request),
        }
    response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # What the member typed, and their token, are for this response only.
    add_never_cache_headers(response)
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Answer 503 when the database is unreachable, 500 for anything else.

    Neither page reads the database or the request's user, so both render
    even when whatever broke the request is still broken.
    """
    # Lost or refused connections mean the database is away; other database
    # errors (integrity, programming) are bugs and stay 500s.
    error = sys.exception()
    if isinstance(error, OperationalError | InterfaceError):
        logger.error("Database unavailable while serving %s", request.path)
        outage.note_database_error(error)
        return service_unavailable(request)
    return HttpResponse(render_to_string(template_name), status=500)


def csrf_failure(request, reason=""):
    """Explain a rejected form in plain words; never show the technical reason."""
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception):
    return render(request, "400.html", status=400)


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)
