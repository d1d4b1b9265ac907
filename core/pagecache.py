"""Rendered HTML kept in the cache until something it shows changes.

Most readers are not signed in and arrive from search engines, and for them a
page is the same for everyone: its HTML can be kept and served again. A view
marked with ``anonymous_page_cache`` is stored for a reader who has no
session, and served to the next such reader at the same address, with the
same reading preferences, until something it shows changes. Signed-in pages
are rendered for each request, but their largest parts (each reply on a
thread page) come from fragments that ``render_fragments`` stores for every
reader in the same state.

What a page shows, and so when it must be expired, is one table: SCOPES
below. Each scope names the pages that show it and the writes that change
it. A page depends on every scope that lists its URL name; each scope has a
random version token in the cache, and the tokens are part of the page's key.
``touch()`` gives a scope a new token, so every page that depends on it is
missed from then on and rebuilt on the next request; the old entries are
never read again and expire on their own. The services call ``touch()``;
any change staff save in the admin (a LogEntry row) touches "site".
tests/site/test_served_equals_rendered.py holds the table to the truth: for
every stored page and every write it compares what a reader is served with
what the page renders afresh.

A scope is touched at once and again when the transaction commits: a reader
who rendered the old rows while the change was uncommitted stored them under
the token that the commit then replaces.

A stored page is built from exactly what its key holds. The view sees a
canonical request: only the query parameters it declares, one value each
(the last, as ``QueryDict.get`` reads it), and links built from the request
(the log-in link's ``next``) carry only those. Every key also names the
release, so that a deploy never serves HTML stored by the code before it.

One thing in a page belongs to one request: the CSRF token. A page or
fragment rendered for storage carries an unguessable placeholder in the
site's own token fields ({% csrf_token %}, see ``csrf_placeholder``), and
serving it puts the reader's own token there. User text is never searched.
"""

import functools
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.db import DatabaseError, transaction
from django.http import HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string

from .cache import page_cache
from .db import primary_reads
from .release import RELEASE

# Short enough that relative dates ("5 minutes ago") stay about right and a
# sidebar's readership order stays fresh; long enough to serve a busy page
# from the cache almost every time.
PAGE_TIMEOUT = 60
# A version token outlives every page stored under it. If it is evicted, the
# scope gets a new token, which only costs a miss.
VERSION_TIMEOUT = 24 * 60 * 60
# Fragments name in their keys everything that changes them.
FRAGMENT_TIMEOUT = 10 * 60

HEADER = "X-Page-Cache"


@dataclass(frozen=True)
class Scope:
    """Something pages show: the pages that show it, the writes that change it.

    pages are URL names ("*": every page and fragment). A scope with a kwarg
    is per object: a page's instance is named by that URL keyword argument
    ("thread:42" for /threads/42/...), and writes touch the instance.
    """

    pages: tuple[str, ...]
    writes: tuple[str, ...]
    kwarg: str = ""


ADMIN_CHANGE = "any change staff save in the admin (a LogEntry row)"

SCOPES: dict[str, Scope] = {
    # Badges, the disclaimer and the sidebar appear on every page.
    "site": Scope(
        pages=("*",),
        writes=(
            "accounts.services.approve_credential",
            "accounts.services.revoke_credential",
            "accounts.services.update_professional_disclaimer",
            "resources.services.create_resource",
            "resources.services.save_resource",
            "resources.services.delete_resources",
            "resources.services.publish_resources",
            "resources.services.unpublish_resources",
            "resources.services.pin_resources",
            "resources.services.unpin_resources",
            # A member's name leaves every page, their badge too, and each
            # stored reply, whose key names no author.
            "privacy.services.delete_account",
            "privacy.services.erase_member",
            # A tag's name shows on thread pages, lists and popular tags.
            "forum.tags.merge_tags",
            "forum.tags.rename_tag",
            ADMIN_CHANGE,
        ),
    ),
    # Thread lists: counts, last activity, helpful votes, pinned first; and
    # the popular tags beside them, whose counts change with every write that
    # shows or hides a thread, all of which are listed here. Staff changes to
    # tags (forum.tags, the admin) expire "site".
    "lists": Scope(
        pages=("forum:index", "forum:forum-detail", "forum:tag"),
        writes=(
            "forum.services.post_thread",
            "forum.services.post_reply",
            "forum.services.cast_helpful_vote",
            "forum.services.withdraw_helpful_vote",
            "forum.services.remove_thread",
            "forum.services.restore_thread",
            "forum.services.remove_reply",
            "forum.services.restore_reply",
            "forum.services.set_thread_flags",
            "forum.services.edit_thread",
            "forum.services.restore_revision",
            "forum.services.delete_own_thread",
            "forum.services.delete_own_reply",
            # Reports hide a post; the queue removes, restores or releases it.
            "forum.services.report_post",
            "forum.services.close_reports",
            "forum.services.act_on_post",
            # A deleted account: the author's name, and with it their posts.
            "privacy.services.delete_account",
            "privacy.services.erase_member",
            # A question shown to members only, or to everyone again.
            "forum.visibility.set_members_only",
            # Rows say "Outcome shared"; a forum lists those that have one.
            "forum.outcomes.share_outcome",
            # Staff remove personal data from a post (its title, its excerpt).
            "safety.services.redact_post",
        ),
    ),
    # A thread page, with its related questions: their titles, and whether
    # they are shown at all (forum.services touches the pages that list a
    # thread when it is removed, restored or retitled).
    "thread": Scope(
        pages=("forum:thread-detail",),
        kwarg="pk",
        writes=(
            # Its task works out the related questions of the new thread
            # and of the threads closest to it.
            "forum.services.post_thread",
            "forum.services.relate_thread",
            "forum.services.post_reply",
            "forum.services.cast_helpful_vote",
            "forum.services.withdraw_helpful_vote",
            "forum.services.remove_thread",
            "forum.services.restore_thread",
            "forum.services.remove_reply",
            "forum.services.restore_reply",
            "forum.services.set_thread_flags",
            "forum.services.edit_thread",
            "forum.services.edit_reply",
            "forum.services.restore_revision",
            "forum.services.delete_own_thread",
            "forum.services.delete_own_reply",
            # Reports hide a post; the queue removes, restores or releases it.
            "forum.services.report_post",
            "forum.services.close_reports",
            "forum.services.act_on_post",
            # A deleted account: the author's name, and with it their posts.
            "privacy.services.delete_account",
            "privacy.services.erase_member",
            # A question shown to members only, or to everyone again.
            "forum.visibility.set_members_only",
            # Endorsements, the outcome and the replies that helped most.
            "forum.endorsements.endorse_reply",
            "forum.endorsements.withdraw_endorsement",
            "forum.outcomes.share_outcome",
            "forum.outcomes.mark_helped_most",
            # Its emergency banner and crisis lines, worked out when a post
            # is written and when staff change the patterns or the lines.
            "safety.services.assess_post",
            "safety.services.reassess_threads",
            "safety.services.save_pattern",
            "safety.services.delete_patterns",
            "safety.services.save_crisis_line",
            "safety.services.delete_crisis_lines",
            "safety.services.redact_post",
        ),
    ),
    # One member's page: their counts, threads and replies.
    "member": Scope(
        pages=("forum:member-detail",),
        kwarg="username",
        writes=(
            "forum.services.post_thread",
            "forum.services.post_reply",
            "forum.services.cast_helpful_vote",
            "forum.services.withdraw_helpful_vote",
            "forum.services.edit_reply",
        ),
    ),
    # Every member's page, for a change that reaches many members at once
    # (a removed thread takes its replies out of each author's counts).
    "members": Scope(
        pages=("forum:member-detail",),
        writes=(
            "forum.services.remove_thread",
            "forum.services.restore_thread",
            "forum.services.remove_reply",
            "forum.services.restore_reply",
            "forum.services.edit_thread",
            "forum.services.restore_revision",
            "forum.services.delete_own_thread",
            "forum.services.delete_own_reply",
            # Reports hide a post; the queue removes, restores or releases it.
            "forum.services.report_post",
            "forum.services.close_reports",
            "forum.services.act_on_post",
            # A deleted account: the author's name, and with it their posts.
            "privacy.services.delete_account",
            "privacy.services.erase_member",
            # A question shown to members only, or to everyone again.
            "forum.visibility.set_members_only",
            "safety.services.redact_post",
        ),
    ),
}


def scope(name: str, key: object = None) -> str:
    """Name a scope of SCOPES, or one instance of a per-object scope."""
    entry = SCOPES[name]
    if bool(entry.kwarg) != (key is not None):
        raise ValueError(f"Scope {name!r} takes {entry.kwarg or 'no key'}.")
    return name if key is None else f"{name}:{key}"


def page_scopes(view_name: str, kwargs: dict) -> list[str]:
    """Return the scopes a page depends on, from the table."""
    return [
        scope(name, kwargs[entry.kwarg] if entry.kwarg else None)
        for name, entry in SCOPES.items()
        if "*" in entry.pages or view_name in entry.pages
    ]


def _version_key(scope: str) -> str:
    return f"pagecache:v:{scope}"


def touch(*scopes: str) -> None:
    """Expire every stored page that depends on any of scopes, now and at commit."""
    for name in scopes:
        if name.split(":", 1)[0] not in SCOPES:
            raise ValueError(f"Unknown page cache scope {name!r}.")
    if not scopes:
        return
    _new_versions(scopes)
    transaction.on_commit(functools.partial(_new_versions, scopes), robust=True)


def _new_versions(scopes: Iterable[str]) -> None:
    page_cache().set_many(
        {_version_key(scope): uuid.uuid4().hex for scope in scopes},
        VERSION_TIMEOUT,
    )


def _versions(scopes: list[str]) -> list[str]:
    keys = [_version_key(scope) for scope in scopes]
    found = page_cache().get_many(keys)
    for key in keys:
        if key not in found:
            # add() keeps a token that another request set in the meantime.
            page_cache().add(key, uuid.uuid4().hex, VERSION_TIMEOUT)
            found[key] = page_cache().get(key)
    return [str(found[key]) for key in keys]


# --- The CSRF token: a placeholder in what is stored. -----------------------

# Unguessable, so no post can contain it.
_secret = hashlib.sha256(f"pagecache-csrf:{settings.SECRET_KEY}".encode()).hexdigest()
CSRF_PLACEHOLDER = f"pagecache-csrf-{_secret[:32]}"
_CSRF_FIELD = 'name="csrfmiddlewaretoken" value="{}"'
_STORED_FIELD = _CSRF_FIELD.format(CSRF_PLACEHOLDER)


def csrf_placeholder(request) -> dict:
    """Give {% csrf_token %} the placeholder while a page renders for storage.

    A context processor, listed after Django's own csrf processor, which it
    overrides only for such a request.
    """
    if getattr(request, "_pagecache_storing", False):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def _fill(request, html: str) -> str:
    """Put the reader's own CSRF token in the site's token fields of html."""
    if getattr(request, "_pagecache_storing", False) or _STORED_FIELD not in html:
        return html
    return html.replace(_STORED_FIELD, _CSRF_FIELD.format(get_token(request)))


# --- Fragments. -------------------------------------------------------------


def render_fragments(
    request,
    items: Iterable,
    key_parts: Callable[[object], tuple],
    render: Callable[[list], list[str]],
) -> str:
    """Render each of items, reusing the HTML stored for it by earlier requests.

    A signed-in page cannot be stored whole, but most of it (each reply on a
    thread page) is the same for every reader in the same state. key_parts(item)
    names everything the fragment shows that can change, apart from the whole
    site (its version is part of every key); render(items) renders those not
    stored, in one go, with CSRF_PLACEHOLDER as its csrf_token, returning an
    empty string for any it cannot. The fragments are fetched in one round
    trip. Returns the concatenated HTML, which is only ever template output.
    """
    items = list(items)
    if not items:
        return ""
    if not settings.PAGE_CACHE_ENABLED:
        return _fill(request, "".join(render(items)))
    # One read of the site's version per request, however many fragments.
    site = getattr(request, "_pagecache_site", None)
    if site is None:
        (site,) = _versions([scope("site")])
        request._pagecache_site = site
    keys = [_fragment_key(site, key_parts(item)) for item in items]
    found = page_cache().get_many(keys)
    missing = [
        (item, key) for item, key in zip(items, keys, strict=True) if key not in found
    ]
    if missing:
        # From the primary, as every read that is stored (core/db.py).
        with primary_reads():
            rendered = render([item for item, _ in missing])
        fresh = {
            key: str(html) for (_, key), html in zip(missing, rendered, strict=True)
        }
        # Nothing is stored for an item that could not be rendered.
        page_cache().set_many(
            {key: html for key, html in fresh.items() if html}, FRAGMENT_TIMEOUT
        )
        found.update(fresh)
    return _fill(request, "".join(found[key] for key in keys))


def cached_value(scopes: list[str], parts: tuple, compute: Callable[[], object]):
    """Return compute(), reused until any of scopes (or the site) changes.

    For a costly read that several pages show, such as the popular tags: a
    page that is rendered, not served whole (a member's, or a visitor's past
    its stored copy), reuses the value stored under the scopes' current
    versions, so it is as fresh as the stored pages that show it. compute's
    value must pickle; it is read from the primary database.
    """
    if not settings.PAGE_CACHE_ENABLED:
        return compute()
    versions = _versions([scope("site"), *scopes])
    key = _fragment_key(",".join(versions), ("value", *parts))
    found = page_cache().get(key)
    if found is None:
        with primary_reads():
            found = compute()
        page_cache().set(key, found, FRAGMENT_TIMEOUT)
    return found


def _fragment_key(site: str, parts: tuple) -> str:
    encoded = json.dumps([RELEASE, site, *parts], default=str)
    return f"pagecache:fragment:{hashlib.sha256(encoded.encode()).hexdigest()}"


# --- Whole pages. -----------------------------------------------------------


def is_cacheable_request(request) -> bool:
    """Return whether request may be answered from, and stored in, the cache.

    Only anonymous GETs qualify: a session cookie means a member (or a form
    in progress), and htmx asks for fragments, not pages.
    """
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.headers.get("HX-Request")
    )


def canonicalize(request, params: tuple[str, ...]) -> str:
    """Narrow request's query to params, one value each; return the new query.

    The view then reads exactly what the page's key holds, and every link it
    builds from the request (``get_full_path``) carries nothing else.
    """
    query = QueryDict(mutable=True)
    for name in params:
        value = request.GET.get(name)
        if value is not None:
            query[name] = value
    query._mutable = False
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()
    return request.META["QUERY_STRING"]


@functools.cache
def _vary_function(path: str) -> Callable:
    return import_string(path)


def _variant(request) -> list[str]:
    """Return the reader's choices that change a page (settings.PAGE_CACHE_VARY)."""
    return [str(part) for part in _vary_function(settings.PAGE_CACHE_VARY)(request)]


def _page_key(request, query: str, scopes: list[str]) -> str:
    parts = [RELEASE, request.path, query, _variant(request), _versions(scopes)]
    digest = hashlib.sha256(json.dumps(parts).encode()).hexdigest()
    return f"pagecache:page:{digest}"


def _is_storable(response) -> bool:
    # A response that sets a cookie other than the CSRF one is personal.
    cookies = set(response.cookies) - {settings.CSRF_COOKIE_NAME}
    return (
        response.status_code == 200
        and not response.streaming
        and not cookies
        and response.get("Content-Type", "").startswith("text/html")
    )


def anonymous_page_cache(view=None, *, params: tuple[str, ...] = ()):
    """Serve the view's page to anonymous readers from the cache.

    params are the query parameters that change the page; the view sees no
    others. What the page depends on comes from SCOPES, by the URL's name.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            query = canonicalize(request, params)
            if not is_cacheable_request(request):
                return view(request, *args, **kwargs)
            match = request.resolver_match
            scopes = page_scopes(match.view_name, match.kwargs)
            key = _page_key(request, query, scopes)
            stored = page_cache().get(key)
            if stored is not None:
                content_type, html = stored
                response = HttpResponse(_fill(request, html), content_type)
                response[HEADER] = "hit"
            else:
                request._pagecache_storing = True
                try:
                    # From the primary: a replica may not have replayed the
                    # write that gave a scope its new token (core/db.py).
                    with primary_reads():
                        response = view(request, *args, **kwargs)
                finally:
                    request._pagecache_storing = False
                if _is_storable(response):
                    html = response.content.decode(response.charset)
                    page_cache().set(
                        key, (response["Content-Type"], html), PAGE_TIMEOUT
                    )
                    response[HEADER] = "miss"
                if not response.streaming:
                    response.content = _fill(
                        request, response.content.decode(response.charset)
                    )
            patch_vary_headers(response, ["Cookie"])
            return response

        wrapper.page_cache_params = params
        return wrapper

    return decorator(view) if view is not None else decorator


class AdminChangesExpirePagesMiddleware:
    """Touch the whole site when staff save a change in the admin.

    The admin writes a LogEntry row for each addition, change or deletion it
    saves (in bulk for a bulk deletion, which sends no signal), and none for
    a page view, a log-in or a form that failed validation. So a POST to the
    admin expires pages only when it added log rows: two small queries, on
    staff POSTs only.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = f"/{settings.ADMIN_URL.lstrip('/')}"

    def __call__(self, request):
        if request.method != "POST" or not request.path.startswith(self.prefix):
            return self.get_response(request)
        before = _last_log_entry()
        response = self.get_response(request)
        after = _last_log_entry()
        if after is not None and after != before:
            touch(scope("site"))
        return response


def _last_log_entry() -> int | None:
    """Return the newest LogEntry's pk, or None while the database is away.

    With the database away the admin's view fails too, and its 503 page
    carries back the form the staff member sent (core/views.py).
    """
    try:
        return (
            LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        )
    except DatabaseError:
        return None
