"""Rendered HTML kept in the cache until something it shows changes.

Most readers are not signed in and arrive from search engines, and for them a
page is the same for everyone: its HTML can be kept and served again. A page
that a view marks with ``anonymous_page_cache`` is stored for a reader who has
no session, and served to the next such reader at the same address, with the
same reading preferences, until something it shows changes. Signed-in pages
are rendered for each request, but their largest part, the replies, comes
from fragments that ``render_fragments`` stores for every reader in the same
state (forum_tags.thread_replies).

Invalidation is by version: each page names the scopes it depends on
("thread:42", "member:ana"; every page also depends on "site"), each scope has
a random version token in the cache, and the tokens are part of the page's
key. ``touch()`` gives a scope a new token, so every page that depends on it
is missed from then on and rebuilt on the next request; the old entries are
never read again and expire on their own. The writes that change what pages
show call ``touch()`` (forum, accounts and resources services), and any
change staff make in the admin touches "site".

A scope is touched at once and again when the transaction commits: a reader
who rendered the old rows while the change was uncommitted stored them under
the token that the commit then replaces.

Every key also names the release (DJANGO_RELEASE, or a digest of the
templates), so that a deploy never serves HTML stored by the code before it.

Two things in a page belong to one request, and the stored copy carries
placeholders for them: the CSRF token in each form, and the CSP nonce on the
script tags. Serving a page fills in the reader's own.
"""

import functools
import hashlib
import re
import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string

# Short enough that relative dates ("5 minutes ago") stay about right and a
# sidebar's readership order stays fresh; long enough to serve a busy page
# from the cache almost every time.
PAGE_TIMEOUT = 60
# A version token outlives every page stored under it. If it is evicted, the
# scope gets a new token, which only costs a miss.
VERSION_TIMEOUT = 24 * 60 * 60
# Fragments name in their keys everything that changes them.
FRAGMENT_TIMEOUT = 10 * 60
SITE = "site"
# Pages that list threads: the forum index, forum pages and search results.
LISTS = "lists"
# Every member page, for changes that reach many members at once.
MEMBERS = "members"

HEADER = "X-Page-Cache"

# Placeholders for what belongs to one request, unguessable so that no post
# can contain one.
_secret = hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest()[:20]
CSRF_PLACEHOLDER_TEXT = f"pagecache-csrf-{_secret}"
CSRF_PLACEHOLDER = CSRF_PLACEHOLDER_TEXT.encode()
NONCE_PLACEHOLDER = f"pagecache-nonce-{_secret}".encode()
CSRF_INPUT_TEXT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_INPUT = re.compile(CSRF_INPUT_TEXT.pattern.encode())


def _release() -> str:
    """Name this release's templates, so that a deploy never serves old HTML.

    DJANGO_RELEASE (a commit, say) names it when set; otherwise a digest of
    the project's templates and template tags, read once at start-up.
    """
    if settings.PAGE_CACHE_RELEASE:
        return settings.PAGE_CACHE_RELEASE
    digest = hashlib.sha256()
    base = settings.BASE_DIR
    for path in sorted(
        [*base.glob("templates/**/*.html"), *base.glob("*/templatetags/*.py")]
    ):
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


RELEASE = _release()


def thread_scope(thread_id: int) -> str:
    return f"thread:{thread_id}"


def member_scope(username: str) -> str:
    return f"member:{username}"


def _version_key(scope: str) -> str:
    return f"pagecache:v:{scope}"


def touch(*scopes: str) -> None:
    """Expire every cached page that depends on any of scopes, now and at commit."""
    if not scopes:
        return
    _new_versions(scopes)
    transaction.on_commit(functools.partial(_new_versions, scopes), robust=True)


def _new_versions(scopes: Iterable[str]) -> None:
    cache.set_many(
        {_version_key(scope): uuid.uuid4().hex for scope in scopes},
        VERSION_TIMEOUT,
    )


def _versions(scopes: list[str]) -> list[str]:
    keys = [_version_key(scope) for scope in scopes]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # add() keeps a token that another request set in the meantime.
            cache.add(key, uuid.uuid4().hex, VERSION_TIMEOUT)
            found[key] = cache.get(key)
    return [str(found[key]) for key in keys]


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
    stored, in one go, returning an empty string for any it cannot. The
    fragments are fetched in one round trip, and the CSRF token in their
    forms is the reader's own. Returns the concatenated HTML, which is only
    ever template output.
    """
    items = list(items)
    if not settings.PAGE_CACHE_ENABLED:
        return "".join(render(items))
    if not items:
        return ""
    # One read of the site's version per request, however many fragments.
    site = getattr(request, "_pagecache_site", None)
    if site is None:
        (site,) = _versions([SITE])
        request._pagecache_site = site
    keys = [_fragment_key(site, key_parts(item)) for item in items]
    found = cache.get_many(keys)
    missing = [
        (item, key) for item, key in zip(items, keys, strict=True) if key not in found
    ]
    if missing:
        rendered = render([item for item, _ in missing])
        fresh = {
            key: CSRF_INPUT_TEXT.sub(rf"\g<1>{CSRF_PLACEHOLDER_TEXT}\g<2>", str(html))
            for (_, key), html in zip(missing, rendered, strict=True)
        }
        # Nothing is stored for an item that could not be rendered.
        cache.set_many(
            {key: html for key, html in fresh.items() if html}, FRAGMENT_TIMEOUT
        )
        found.update(fresh)
    html = "".join(found[key] for key in keys)
    if CSRF_PLACEHOLDER_TEXT in html:
        html = html.replace(CSRF_PLACEHOLDER_TEXT, get_token(request))
    return html


def _fragment_key(site: str, parts: tuple) -> str:
    digest = hashlib.sha256(repr((RELEASE, site, *parts)).encode()).hexdigest()
    return f"pagecache:fragment:{digest}"


def is_cacheable_request(request) -> bool:
    """Return whether request may be answered from, and stored in, the cache.

    Only anonymous GETs qualify: a session cookie means a member (or a form
    in progress), and htmx asks for fragments, not pages.
    """
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.headers.get("HX-Request")
        and settings.PAGE_CACHE_ENABLED
    )


def _variant(request) -> tuple[str, ...]:
    """Return the reader's choices that change a page (settings.PAGE_CACHE_VARY)."""
    return tuple(import_string(settings.PAGE_CACHE_VARY)(request))


def _page_key(request, params: tuple[str, ...], scopes: list[str]) -> str:
    # Only the parameters the page reads: any other query string shares the
    # entry, so made-up parameters cannot fill the cache.
    query = "&".join(
        f"{name}={value}" for name in params for value in request.GET.getlist(name)[:1]
    )
    parts = [
        RELEASE,
        request.path,
        query,
        *_variant(request),
        *_versions(scopes),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"pagecache:page:{digest}"


def _strip(request, response) -> bytes:
    content = CSRF_INPUT.sub(rb"\g<1>" + CSRF_PLACEHOLDER + rb"\g<2>", response.content)
    nonce = get_nonce(request)
    if nonce:  # Only a nonce that the page used is in it.
        content = content.replace(
            f'nonce="{nonce}"'.encode(), b'nonce="' + NONCE_PLACEHOLDER + b'"'
        )
    return content


def _fill(request, content: bytes) -> bytes:
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    if NONCE_PLACEHOLDER in content:
        content = content.replace(NONCE_PLACEHOLDER, str(get_nonce(request)).encode())
    return content


def _is_storable(response) -> bool:
    # A response that sets a cookie other than the CSRF one is personal.
    cookies = set(response.cookies) - {settings.CSRF_COOKIE_NAME}
    return (
        response.status_code == 200
        and not response.streaming
        and not cookies
        and response.get("Content-Type", "").startswith("text/html")
    )


def anonymous_page_cache(
    scopes: Callable[..., Iterable[str]] = lambda request, **kwargs: (),
    *,
    params: tuple[str, ...] = (),
    timeout: int = PAGE_TIMEOUT,
):
    """Serve the view's page to anonymous readers from the cache.

    scopes(request, **view_kwargs) names what the page depends on beyond the
    whole site; params are the query parameters that change the page.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not is_cacheable_request(request):
                return view(request, *args, **kwargs)
            key = _page_key(request, params, [SITE, *scopes(request, **kwargs)])
            stored = cache.get(key)
            if stored is not None:
                content_type, content = stored
                response = HttpResponse(_fill(request, content), content_type)
                response[HEADER] = "hit"
            else:
                response = view(request, *args, **kwargs)
                if _is_storable(response):
                    content = _strip(request, response)
                    cache.set(key, (response["Content-Type"], content), timeout)
                    response[HEADER] = "miss"
            patch_vary_headers(response, ["Cookie"])
            return response

        return wrapper

    return decorator


class AdminChangesExpirePagesMiddleware:
    """Expire every cached page when staff change anything in the admin.

    Staff edits are rare and reach any page (a forum's name, a member's
    badge, a resource in the sidebar), so every successful POST to the admin
    touches the whole site rather than naming what it changed.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = f"/{settings.ADMIN_URL.lstrip('/')}"

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "POST"
            and request.path.startswith(self.prefix)
            and response.status_code < 400
        ):
            _new_versions([SITE])
        return response
