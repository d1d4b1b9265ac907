"""Site-wide middleware: request logging, security headers, bad-request guard."""

import logging
import re
import time

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.middleware import security
from django.shortcuts import render

from . import db

request_logger = logging.getLogger("healthforum.requests")

# Features the site never uses are switched off for every page.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "browsing-topics",
    )
)


# Characters that could end or forge a log line, or hide in it: C0 and C1
# controls, DEL, Unicode's line and paragraph separators, and the backslash
# that starts an escape (so a typed "\\n" cannot pass for an escaped newline).
_UNSAFE_IN_LOG = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\\]")


def _escape_for_log(text: str) -> str:
    """Return text with every character that could forge a log line escaped."""

    def escape(match: re.Match) -> str:
        char = match.group()
        if char == "\\":
            return "\\\\"
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE_IN_LOG.sub(escape, text)


class RequestLogMiddleware:
    """Log one line per request: method, path, status and duration.

    The method and path come from the client, so their control characters
    are escaped: a newline in the address must not start a line of its own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        level = logging.ERROR if response.status_code >= 500 else logging.INFO
        request_logger.log(
            level,
            "%s %s %s %.1fms",
            _escape_for_log(request.method or ""),
            _escape_for_log(request.path),
            response.status_code,
            duration_ms,
        )
        return response


class SecurityHeadersMiddleware(security.SecurityMiddleware):
    """Put the security headers on every answer, error pages included.

    It comes first in MIDDLEWARE, before anything that can refuse a request
    (a bad Host, bad bytes, a lost session), so every answer passes back out
    through it. It sets Django's headers, which SecurityMiddleware further in
    sets only on the answers that reach it, and the ones Django has no
    setting for.
    """

    def process_request(self, request):
        # The redirect to HTTPS stays with SecurityMiddleware, after the
        # Host header has been checked.
        return None

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class DisallowedCharacters(SuspiciousOperation):
    """The address, the query or a form carries characters no text has."""


# No address or query string has a use for control characters. Typed text
# does have tab, line feed and carriage return (a reply's paragraphs), so a
# form value may carry those three and no other.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _find_bad_characters(request) -> str | None:
    """Return which part of request holds control characters, if any does."""
    if _CONTROL.search(request.path):
        return "path"
    for key, values in request.GET.lists():
        if _CONTROL.search(key) or any(_CONTROL.search(value) for value in values):
            return "query string"
    for name, value in request.COOKIES.items():
        if _CONTROL.search(name) or _CONTROL.search(value):
            return "cookies"
    if request.method == "POST" and request.content_type in _FORM_TYPES:
        for key, values in request.POST.lists():
            if _CONTROL.search(key) or any(
                _CONTROL_IN_TEXT.search(value) for value in values
            ):
                return "form"
    return None


class RejectBadRequestsMiddleware:
    """Answer 400, with the site's page, to requests no view should see.

    A disallowed Host and control characters (a NUL above all, which
    PostgreSQL refuses in text) are refused here, before sessions, the
    database or any view read them, instead of failing somewhere inside
    as a 500. Uploaded files are not inspected, only form fields.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.get_host()  # raises DisallowedHost, answered with a 400
        if part := _find_bad_characters(request):
            raise DisallowedCharacters(f"Control characters in the {part}")
        return self.get_response(request)


class FriendlyMethodNotAllowedMiddleware:
    """Give a 405 from require_POST the site's layout instead of an empty page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response


# Set on the answer to a request that wrote; signed, so that nobody can keep
# their reads on the primary for longer than the window.
READ_YOUR_WRITES_COOKIE = "recent_write"
_SAFE_METHODS = ("GET", "HEAD")


class ReadYourWritesMiddleware:
    """Let GETs read from a replica, except a member's own recent writes.

    A POST that writes (a reply, a vote, a log-in) sets a signed cookie for
    DATABASE_READ_YOUR_WRITES_SECONDS; while it lasts, the member's reads go
    to the primary, so the page they are sent back to shows their reply and
    their vote however far the replicas lag (core/db.py says what else
    reads from the primary). Without replicas it does nothing.

    A GET whose replica fails it (stopped, restarted) is answered from the
    primary instead, once: the view runs again, and the process leaves that
    replica alone for a while.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not db.replica_aliases():
            return self.get_response(request)
        window = settings.DATABASE_READ_YOUR_WRITES_SECONDS
        wrote_lately = request.get_signed_cookie(
            READ_YOUR_WRITES_COOKIE,
            default=None,
            salt=READ_YOUR_WRITES_COOKIE,
            max_age=window,
        )
        is_safe = request.method in _SAFE_METHODS
        with db.request_reads(replicas_allowed=is_safe and not wrote_lately) as reads:
            response = self.get_response(request)
        if reads.wrote and not is_safe:
            response.set_signed_cookie(
                READ_YOUR_WRITES_COOKIE,
                "1",
                salt=READ_YOUR_WRITES_COOKIE,
                max_age=window,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_exception(self, request, exception):
        reads = db.current_reads()
        if (
            reads is None
            or reads.wrote
            or request.method not in _SAFE_METHODS
            or not isinstance(exception, OperationalError | InterfaceError)
            or not db.fall_back_to_primary(reads, exception)
        ):
            return None
        match = request.resolver_match
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response = response.render()
        return response
