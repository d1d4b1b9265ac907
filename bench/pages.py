"""The pages the benchmark measures, and what each costs in SQL, in-process.

Every anonymous page is measured twice: as stored (served from the page
cache, as most readers get it) and as rendered (a stale session cookie turns
the page cache away, as for a reader whose stored copy has just expired).
The thread page is measured a third time for a signed-in reader.

Imported once Django is set up (bench/run.py does it).
"""

import gzip
import math
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.db.models import Count, Q
from django.middleware.csrf import CSRF_ALLOWED_CHARS
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.crypto import get_random_string

from accounts.models import User
from forum.models import Forum, Thread
from forum.search import SearchResults
from forum.views import THREADS_PER_PAGE

from . import content
from .seed import USERNAME_PREFIX

STORED, RENDERED, SIGNED_IN = "stored", "rendered", "signed in"
# The forum list page measured beside page 1, or the last if there are fewer.
DEEP_PAGE = 200
WRITE_VERBS = {"INSERT", "UPDATE", "DELETE"}


def find_pages() -> dict:
    """Find the pages to measure in the seeded data."""
    long_thread = Thread.objects.visible().order_by("-reply_count", "pk").first()
    forum = Forum.objects.order_by("-thread_count", "pk").first()
    pages = max(1, math.ceil(forum.thread_count / THREADS_PER_PAGE))
    deep_page = min(DEEP_PAGE, pages)
    member = (
        User.objects.filter(username__startswith=USERNAME_PREFIX, is_active=True)
        .annotate(n=Count("replies", filter=Q(replies__removed_at__isnull=True)))
        .order_by("-n", "pk")
        .first()
    )
    thread_url = long_thread.get_absolute_url()
    search = reverse("forum:search")
    return {
        "long_thread": {
            "pk": long_thread.pk,
            "title": long_thread.title,
            "reply_count": long_thread.reply_count,
        },
        "forum": {"slug": forum.slug, "threads": forum.thread_count, "pages": pages},
        "deep_page": deep_page,
        "member": {"username": member.username, "replies": member.n},
        "paths": {
            "forum index": reverse("forum:index"),
            "forum list p1": forum.get_absolute_url(),
            f"forum list p{deep_page}": f"{forum.get_absolute_url()}?page={deep_page}",
            "thread, helpful": f"{thread_url}?sort=helpful",
            "thread, oldest": f"{thread_url}?sort=oldest",
            "thread, newest": f"{thread_url}?sort=newest",
            "member profile": member.get_absolute_url(),
            "search, common word": f"{search}?{urlencode({'q': content.COMMON_WORD})}",
            "search, rare phrase": f"{search}?{urlencode({'q': content.RARE_PHRASE})}",
            "resources index": reverse("resources:resource-list"),
        },
    }


def signed_in_headers(user) -> dict:
    """Return Cookie headers for a fresh session of user, with a CSRF pair."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    csrf = get_random_string(32, allowed_chars=CSRF_ALLOWED_CHARS)
    cookie = (
        f"{settings.SESSION_COOKIE_NAME}={store.session_key}; "
        f"{settings.CSRF_COOKIE_NAME}={csrf}"
    )
    return {"Cookie": cookie, "X-CSRFToken": csrf, "_csrf": csrf}


def stale_session_headers() -> dict:
    """Return a Cookie header that turns the page cache away.

    A session cookie that names no session costs one session lookup more
    than an anonymous request, as it does for such a reader.
    """
    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}=stale-bench-session"}


def count_queries(path: str, headers: dict | None = None) -> dict:
    """Request path in-process: cold, then warm, then rendered past the page cache.

    The second request is the figure a reader gets (an anonymous page comes
    from the page cache); the third renders the page with warm caches
    otherwise, which is what a page costs when its stored copy has expired.
    """
    client = Client(HTTP_HOST="127.0.0.1")
    if headers and "Cookie" in headers:
        for part in headers["Cookie"].split("; "):
            name, value = part.split("=", 1)
            client.cookies[name] = value
    passes = []
    for render in (False, False, True):
        with (
            override_settings(PAGE_CACHE_ENABLED=not render),
            CaptureQueriesContext(connection) as captured,
        ):
            response = client.get(path)
        passes.append([query["sql"] for query in captured.captured_queries])
    cold, warm, rendered = passes
    writes = [[sql for sql in sqls if _is_write(sql)] for sqls in passes]
    html = response.content.decode(errors="replace")
    return {
        "status": response.status_code,
        "bytes": len(response.content),
        # What a browser receives: the site compresses pages (GZipMiddleware).
        "bytes_gzip": len(gzip.compress(response.content)),
        "queries": len(warm),
        "queries_cold": len(cold),
        "queries_rendered": len(rendered),
        "has_sidebar": "popular resources" in html.lower(),
        # On forum pages, whatever reads resources comes from the sidebar.
        "sidebar_queries": _sidebar_queries(warm),
        "sidebar_queries_rendered": _sidebar_queries(rendered),
        "writes": len(writes[0]) + len(writes[1]),
        "writes_rendered": len(writes[2]),
        "write_sql": [sql[:300] for sqls in writes for sql in sqls][:5],
        "sql": [sql[:300] for sql in rendered],
    }


def _is_write(sql: str) -> bool:
    return sql.lstrip().split(" ", 1)[0].upper() in WRITE_VERBS


def _sidebar_queries(sqls: list[str]) -> int:
    return sum("resources_" in sql for sql in sqls)


def page_rows(found: dict, reader) -> list[dict]:
    """Return a row per page and way of serving it, with its queries counted.

    Anonymous pages come stored, then the thread page signed in as reader,
    then each anonymous page rendered.
    """
    paths = found["paths"]
    reader_headers = signed_in_headers(reader)
    reader_headers.pop("_csrf")
    stale = stale_session_headers()
    rows = [_row(name, STORED, path) for name, path in paths.items()]
    rows.append(
        _row("thread, helpful", SIGNED_IN, paths["thread, helpful"], reader_headers)
    )
    rows += [_row(name, RENDERED, path, stale) for name, path in paths.items()]
    return rows


def _row(page: str, kind: str, path: str, headers: dict | None = None) -> dict:
    name = page if kind == STORED else f"{page}, {kind}"
    row = {"name": name, "page": page, "kind": kind, "path": path}
    if headers:
        row["headers"] = headers
    return row | count_queries(path, headers)


def fixed_queries(found: dict) -> dict:
    """Count a short thread's queries beside the long one's, and so on."""
    short = (
        Thread.objects.visible()
        .filter(reply_count__gte=3, reply_count__lte=5)
        .order_by("pk")
        .first()
    )
    paths = found["paths"]
    deep = f"forum list p{found['deep_page']}"
    checks = {
        f"thread with {found['long_thread']['reply_count']} replies": paths[
            "thread, helpful"
        ],
        "forum list p1": paths["forum list p1"],
        deep: paths[deep],
        f"thread with {short.reply_count} replies": short.get_absolute_url(),
    }
    return {
        name: count_queries(path)["queries_rendered"] for name, path in checks.items()
    }


def search_plans() -> dict:
    """EXPLAIN ANALYZE the search queries for the common word and the rare phrase.

    Each search page runs two: the count of matches (capped) and the ids of
    the page, ranked (forum.search); each is planned and run three times on
    one connection, and the last plan is kept, as a warm site would run it.
    Only the steps that ran are kept, and they decide which indexes count as
    used.
    """
    plans = {}
    for name, terms in (
        ("common word", content.COMMON_WORD),
        ("rare phrase", content.RARE_PHRASE),
    ):
        results = SearchResults(Thread.objects.all(), terms)
        statements = results.statements(20)
        explained = {}
        with connection.cursor() as cursor:
            for _ in range(3):
                for part, (sql, params) in statements.items():
                    cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}", params)
                    explained[part] = "\n".join(row[0] for row in cursor.fetchall())
        plan = "\n\n".join(
            f"-- {part}\n{executed_only(text)}" for part, text in explained.items()
        )
        plans[name] = {
            "terms": terms,
            "found": results.found,
            "uses_gin_index": "thread_search_vector_gin" in plan,
            "walks_activity_index": "thread_active_idx" in plan,
            "plan": plan,
        }
    return plans


def executed_only(plan: str) -> str:
    """Leave out of an EXPLAIN ANALYZE text the steps that never ran.

    The search's ids statement plans a step for every tier and runs only
    those a page needs; the rest, marked "(never executed)", would bury the
    steps that cost anything.
    """
    kept, skipping_below = [], None
    for line in plan.splitlines():
        depth = len(line) - len(line.lstrip())
        if skipping_below is not None and depth > skipping_below:
            continue
        skipping_below = None
        if "(never executed)" in line:
            skipping_below = depth
            continue
        kept.append(line)
    return "\n".join(kept)


def floor_paths(body_size: int, member_pk: int) -> dict:
    """Return the floor views' paths: a body of body_size bytes, a pk query."""
    pk = urlencode({"pk": member_pk})
    return {
        "floor: prebuilt bytes": reverse(
            "bench:floor-bytes", kwargs={"size": body_size}
        ),
        "floor: pk query, pooled": f"{reverse('bench:floor-pk')}?{pk}",
        "floor: pk query, new connection": (
            f"{reverse('bench:floor-pk-new-connection')}?{pk}"
        ),
    }
