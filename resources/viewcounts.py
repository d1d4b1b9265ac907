"""Count resource views so that "most read" reflects readers, not reloads.

The rules: one count per reader per resource per day; robots (recognised by
their user agent), link prefetches, HEAD requests and staff are not counted;
resources readers cannot see yet are never counted.

Where the once-a-day memory lives: in a signed cookie scoped to
/resources/, for members and anonymous readers alike. Sessions are stored
in the database, and an anonymous visit must not create one; keeping the
memory in a member's session would also turn each counted view into a
session write. The cookie is signed so that it cannot be edited into a
list of other resources, but a reader who clears cookies is counted again,
as with a session.

How a view is stored, and the trade-off: a counted view is one UPDATE of
today's ResourceDailyViews row with an F() expression (the first view of a
day inserts that row). So an anonymous GET of an article page, or of the
redirect to an external article, writes one row; forum and thread pages
never count anything and only read the sidebar from the cache. We chose
this over counting in the cache and flushing the counts from a task
because a local-memory cache keeps one counter per process and loses it on
restart or eviction, and the project has no scheduler to run the flush;
with at most one count per reader per resource per day the writes grow with
distinct readers, not page views. The sidebar's 30-day ranking sums at most
30 stored rows per resource, never raw events.
"""

import re
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from . import services
from .models import Resource

COOKIE_NAME = "resources_seen"
COOKIE_SALT = "resources.viewcounts"
COOKIE_PATH = "/resources/"
# Enough for a day of eager reading; the oldest are forgotten first.
MAX_REMEMBERED = 60

BOT_PATTERN = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|fetcher|scraper|monitor|"
    r"preview|headless|lighthouse|pagespeed|facebookexternalhit|embedly|"
    r"curl|wget|python-|python/|httpclient|http-client|okhttp|go-http|java/|"
    r"libwww|feed|validator",
    re.IGNORECASE,
)


def is_bot(user_agent: str) -> bool:
    """Return whether a user agent names a robot or a script (or nothing)."""
    return not user_agent.strip() or bool(BOT_PATTERN.search(user_agent))


def _is_countable(request: HttpRequest, resource: Resource) -> bool:
    purpose = request.headers.get("Sec-Purpose", "") + request.headers.get(
        "Purpose", ""
    )
    return (
        request.method == "GET"
        and resource.is_live
        and "prefetch" not in purpose.lower()
        and not is_bot(request.headers.get("User-Agent", ""))
        and not services.can_preview(request.user)
    )


def _seen_today(request: HttpRequest, today: date) -> list[int]:
    value = request.get_signed_cookie(COOKIE_NAME, default="", salt=COOKIE_SALT)
    day, _, ids = value.partition(":")
    if day != today.isoformat():
        return []
    return [int(pk) for pk in ids.split(",") if pk.isdigit()]


def _remember(response: HttpResponse, today: date, seen: list[int]) -> None:
    midnight = timezone.make_aware(datetime.combine(today + timedelta(days=1), time()))
    seconds = max(60, int((midnight - timezone.now()).total_seconds()))
    value = f"{today.isoformat()}:{','.join(map(str, seen[-MAX_REMEMBERED:]))}"
    response.set_signed_cookie(
        COOKIE_NAME,
        value,
        salt=COOKIE_SALT,
        max_age=seconds,
        path=COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def count_view(
    request: HttpRequest, response: HttpResponse, resource: Resource
) -> bool:
    """Count request as a view of resource unless it should not count.

    Returns whether it counted; the response carries the updated memory.
    """
    if not _is_countable(request, resource):
        return False
    today = timezone.localdate()
    seen = _seen_today(request, today)
    if resource.pk in seen:
        return False
    services.record_view(resource=resource, day=today)
    _remember(response, today, [*seen, resource.pk])
    return True
