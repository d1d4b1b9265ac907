"""The mixed run: traffic as a health forum receives it, not one page at a time.

Readers arrive as visitors or signed-in members in a set proportion; most
read a thread, picked from a pool of threads by a Zipf-like law (a few hot
threads take most reads, the long tail is read once or twice); the rest read
forum lists, the home page, tag pages, member pages and searches; and a
trickle of members reply and vote, which invalidates the pages readers are
being served. The run reports, per page kind, how many requests there were
and their p50/p95/p99, the page cache's hit ratio, and requests per second
overall, once with the page cache on and once with it off.

Imported once Django is set up (bench/run.py does it). The plan is drawn
from a seeded random generator, so two runs ask for the same pages.
"""

import bisect
import http.client
import itertools
import random
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from accounts.models import User
from forum.models import Forum, Reply, Thread

from . import content
from .load import percentile
from .pages import signed_in_headers
from .seed import USERNAME_PREFIX

# What a request is for, and how often, among reads. Writes come on top,
# from signed-in members only (WRITE_SHARE of their requests).
READ_MIX = {
    "thread": 72,
    "forum list": 10,
    "home": 5,
    "search": 5,
    "tag": 3,
    "member": 3,
    "resources": 2,
}
WRITE_MIX = {"vote": 3, "reply": 1}
SIGNED_IN_SHARE = 0.15
WRITE_SHARE = 0.05
THREAD_POOL = 20_000
ZIPF_EXPONENT = 1.0
# Of forum-list reads, this share asks for a deep page (the long tail).
DEEP_LIST_SHARE = 0.2
SESSIONS = 200
SEARCHES = (
    content.COMMON_WORD,
    content.RARE_PHRASE,
    "numbness",
    "sleep",
    "tremor",
    "dizzy when standing",
)


@dataclass
class Pools:
    """Everything the clients ask for, gathered before the load starts."""

    threads: list[str]
    thread_pks: list[int]
    cumulative: list[float]
    lists: list[str]
    deep_lists: list[str]
    tags: list[str]
    members: list[str]
    searches: list[str]
    replies_of: dict[int, list[int]]
    sessions: list[dict] = field(default_factory=list)

    def pick_thread(self, rng: random.Random) -> int:
        """Return an index into threads, drawn by the Zipf-like law."""
        point = rng.random() * self.cumulative[-1]
        return min(bisect.bisect_left(self.cumulative, point), len(self.threads) - 1)


def zipf_cumulative(count: int, exponent: float = ZIPF_EXPONENT) -> list[float]:
    """Return cumulative weights 1/rank**exponent for ranks 1..count."""
    return list(
        itertools.accumulate(1 / rank**exponent for rank in range(1, count + 1))
    )


def gather(
    seed: int = 1, *, pool: int = THREAD_POOL, sessions: int = SESSIONS
) -> Pools:
    """Choose the thread pool, lists, tags, members, searches and sessions."""
    rng = random.Random(seed)
    visible = list(Thread.objects.visible().values_list("pk", "slug"))
    rng.shuffle(visible)
    # Hotness is random, not recency: an old thread can be the one that a
    # search engine sends everybody to.
    chosen = visible[:pool]
    threads = [
        reverse("forum:thread-detail", kwargs={"pk": pk, "slug": slug})
        for pk, slug in chosen
    ]
    thread_pks = [pk for pk, _ in chosen]
    lists, deep_lists = [], []
    for forum in Forum.objects.annotate(n=Count("threads")).order_by("position"):
        url = forum.get_absolute_url()
        lists.append(url)
        last_page = max(1, forum.n // 25)
        deep_lists += [f"{url}?page={p}" for p in (10, 50, 200) if p <= last_page]
    from taggit.models import Tag

    tags = [
        reverse("forum:tag", kwargs={"slug": slug})
        for slug in Tag.objects.order_by("pk").values_list("slug", flat=True)[:200]
    ]
    members = list(
        User.objects.filter(username__startswith=USERNAME_PREFIX, is_active=True)
        .order_by("pk")
        .values_list("username", flat=True)[:500]
    )
    search = reverse("forum:search")
    searches = [f"{search}?{urlencode({'q': terms})}" for terms in SEARCHES]
    # Writes go to the hottest threads, where they invalidate the most reads.
    hot = thread_pks[:200]
    replies_of = {}
    for thread_id, pk in (
        Reply.objects.visible()
        .filter(thread_id__in=hot)
        .order_by("thread_id", "pk")
        .values_list("thread_id", "pk")
    ):
        replies_of.setdefault(thread_id, []).append(pk)
    voters = User.objects.filter(
        username__startswith=USERNAME_PREFIX, is_active=True
    ).order_by("-pk")[:sessions]
    return Pools(
        threads=threads,
        thread_pks=thread_pks,
        cumulative=zipf_cumulative(len(threads)),
        lists=lists,
        deep_lists=deep_lists or lists,
        tags=tags or lists,
        members=[
            reverse("forum:member-detail", kwargs={"username": name})
            for name in members
        ],
        searches=searches,
        replies_of=replies_of,
        sessions=[signed_in_headers(voter) for voter in voters],
    )


@dataclass
class Request:
    kind: str
    signed_in: bool
    method: str
    path: str
    headers: dict
    body: str = ""


def next_request(pools: Pools, rng: random.Random, serial: int) -> Request:
    """Draw the next request of the mix."""
    signed_in = bool(pools.sessions) and rng.random() < SIGNED_IN_SHARE
    headers = {}
    if signed_in:
        session = dict(rng.choice(pools.sessions))
        csrf = session.pop("_csrf")
        headers = session
        if rng.random() < WRITE_SHARE:
            write = _write(pools, rng, csrf, serial)
            if write is not None:
                write.headers = {**headers, **write.headers}
                return write
    kind = rng.choices(list(READ_MIX), weights=list(READ_MIX.values()))[0]
    if kind == "thread":
        path = pools.threads[pools.pick_thread(rng)]
    elif kind == "forum list":
        deep = rng.random() < DEEP_LIST_SHARE
        path = rng.choice(pools.deep_lists if deep else pools.lists)
    elif kind == "home":
        path = reverse("forum:index")
    elif kind == "search":
        path = rng.choice(pools.searches)
    elif kind == "tag":
        path = rng.choice(pools.tags)
    elif kind == "member":
        path = rng.choice(pools.members) if pools.members else reverse("forum:index")
    else:
        path = reverse("resources:resource-list")
    return Request(kind, signed_in, "GET", path, headers)


def _write(pools: Pools, rng: random.Random, csrf: str, serial: int) -> Request | None:
    kind = rng.choices(list(WRITE_MIX), weights=list(WRITE_MIX.values()))[0]
    # Hot threads receive the writes: the first of the pool are the hottest.
    index = pools.pick_thread(rng)
    if index >= 200:
        index = rng.randrange(min(200, len(pools.thread_pks)))
    thread_pk = pools.thread_pks[index]
    form = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": "http://127.0.0.1/",
    }
    if kind == "vote":
        replies = pools.replies_of.get(thread_pk)
        if not replies:
            return None
        body = urlencode(
            {
                "vote": rng.choice(["yes", "yes", "no", "withdraw"]),
                "csrfmiddlewaretoken": csrf,
            }
        )
        path = reverse("forum:reply-vote", kwargs={"pk": rng.choice(replies)})
        return Request("vote", True, "POST", path, {**form, "HX-Request": "true"}, body)
    thread_path = pools.threads[index]
    body = urlencode(
        {
            "body": (
                f"Thank you, this helps (mixed run reply {serial}). I will "
                "write down when it happens and take the notes to my doctor."
            ),
            "csrfmiddlewaretoken": csrf,
        }
    )
    return Request("reply", True, "POST", f"{thread_path}reply/", form, body)


def run(
    port: int, pools: Pools, *, connections: int, seconds: float, seed: int
) -> dict:
    """Send the mix from connections threads for seconds; return the figures."""
    by_kind: dict[str, list[float]] = {}
    statuses: dict[str, dict[int, int]] = {}
    cache = {"hit": 0, "miss": 0, "none": 0}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    serials = itertools.count()

    def client(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: dict[str, list[float]] = {}
        seen: dict[str, dict[int, int]] = {}
        verdicts = {"hit": 0, "miss": 0, "none": 0}
        while time.monotonic() < deadline:
            request = next_request(pools, rng, next(serials))
            label = f"{request.kind}, {'member' if request.signed_in else 'visitor'}"
            started = time.perf_counter()
            verdict = "none"
            try:
                conn.request(
                    request.method,
                    request.path,
                    body=request.body or None,
                    headers=request.headers,
                )
                response = conn.getresponse()
                response.read()
                status = response.status
                verdict = response.getheader("X-Page-Cache") or "none"
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = 0
            mine.setdefault(label, []).append(time.perf_counter() - started)
            counts = seen.setdefault(label, {})
            counts[status] = counts.get(status, 0) + 1
            if request.method == "GET" and not request.signed_in:
                verdicts[verdict if verdict in verdicts else "none"] += 1
        conn.close()
        with lock:
            for label, values in mine.items():
                by_kind.setdefault(label, []).extend(values)
            for label, counts in seen.items():
                merged = statuses.setdefault(label, {})
                for status, n in counts.items():
                    merged[status] = merged.get(status, 0) + n
            for verdict, n in verdicts.items():
                cache[verdict] += n

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    for thread_ in threads:
        thread_.start()
    for thread_ in threads:
        thread_.join()
    elapsed = time.perf_counter() - started
    total = sum(len(values) for values in by_kind.values())
    rows = []
    for label in sorted(by_kind, key=lambda name: -len(by_kind[name])):
        values, counts = by_kind[label], statuses[label]
        rows.append(
            {
                "kind": label,
                "requests": len(values),
                "share_percent": round(len(values) / total * 100, 1) if total else 0,
                "p50_ms": round(percentile(values, 0.50) * 1000, 2),
                "p95_ms": round(percentile(values, 0.95) * 1000, 2),
                "p99_ms": round(percentile(values, 0.99) * 1000, 2),
                "errors": sum(n for s, n in counts.items() if not 200 <= s < 400),
                "statuses": {str(s): n for s, n in sorted(counts.items())},
            }
        )
    every = [value for values in by_kind.values() for value in values]
    looked_up = cache["hit"] + cache["miss"]
    return {
        "seconds": round(elapsed, 1),
        "requests": total,
        "rps": round(total / elapsed, 1) if elapsed else 0,
        "p50_ms": round(percentile(every, 0.50) * 1000, 2),
        "p95_ms": round(percentile(every, 0.95) * 1000, 2),
        "p99_ms": round(percentile(every, 0.99) * 1000, 2),
        "errors": sum(row["errors"] for row in rows),
        "visitor_reads": sum(cache.values()),
        "cache": cache,
        "hit_ratio": round(cache["hit"] / looked_up, 3) if looked_up else None,
        "kinds": rows,
    }


def describe() -> dict:
    """The mix's parameters, for the report."""
    return {
        "signed_in_share": SIGNED_IN_SHARE,
        "write_share_of_signed_in": WRITE_SHARE,
        "read_mix": READ_MIX,
        "write_mix": WRITE_MIX,
        "thread_pool": THREAD_POOL,
        "zipf_exponent": ZIPF_EXPONENT,
        "sessions": SESSIONS,
    }
