"""Site-wide views: health checks for load balancers and the error pages."""

import logging
import sys

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

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
        cache.set("healthz", "ok", timeout=10)
        if cache.get("healthz") != "ok":
            return "cache did not return the value it was given"
    # Any failure of the cache backend, whatever its kind, fails the check.
    except Exception as error:
        return error.__class__.__name__
    return None


@never_cache
@require_safe
def healthz(request):
    """Report whether the database and the cache answer; 503 if either fails."""
    problems = {"database": _check_database(), "cache": _check_cache()}
    body = {name: problem or "ok" for name, problem in problems.items()}
    healthy = not any(problems.values())
    body["status"] = "ok" if healthy else "unavailable"
    return JsonResponse(body, status=200 if healthy else 503)


def service_unavailable(request=None):
    """Render the calm maintenance page without touching the database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """Answer 503 when the database is unreachable, 500 for anything else.

    Neither page reads the database or the request's user, so both render
    even when whatever broke the request is still broken.
    """
    # Lost or refused connections mean the database is away; other database
    # errors (integrity, programming) are bugs and stay 500s.
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        logger.error("Database unavailable while serving %s", request.path)
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
