"""The two scenarios beyond loading pages: members voting at once, and the
memory of gunicorn's workers over many requests.

Imported once Django is set up (bench/run.py does it).
"""

import http.client
import random
import threading
import time
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse

from accounts.models import User
from forum.models import Reply, Thread

from .load import percentile, python_load
from .pages import signed_in_headers
from .seed import USERNAME_PREFIX, count_mismatches
from .servers import BENCH_VOTE_RATE_LIMIT, DEFAULT_VOTE_RATE_LIMIT, Server


def vote(port: int, thread_pk: int, *, clients: int, seconds: float) -> dict:
    """Vote from many members at once on a thread; then recount the counters."""
    replies = list(
        Reply.objects.visible()
        .filter(thread_id=thread_pk)
        .values_list("pk", "author_id")
    )
    thread = Thread.objects.get(pk=thread_pk)
    authors = {author for _, author in replies} | {thread.author_id}
    voters = list(
        User.objects.filter(username__startswith=USERNAME_PREFIX, is_active=True)
        .exclude(pk__in=authors)
        .order_by("pk")[:clients]
    )
    targets = [pk for pk, _ in replies]
    latencies, statuses, lock = [], {}, threading.Lock()
    deadline = time.monotonic() + seconds

    # Sessions are made here: the client threads must not touch the database.
    sessions = [signed_in_headers(voter) for voter in voters]
    path_of = {pk: reverse("forum:reply-vote", kwargs={"pk": pk}) for pk in targets}

    def client(index: int, headers: dict) -> None:
        rng = random.Random(index)
        headers = dict(headers)
        csrf = headers.pop("_csrf")
        headers.update(
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "HX-Request": "true",
                "Referer": f"http://127.0.0.1:{port}/",
            }
        )
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, seen = [], {}
        while time.monotonic() < deadline:
            body = urlencode(
                {
                    "vote": rng.choice(["yes", "yes", "no", "withdraw"]),
                    "csrfmiddlewaretoken": csrf,
                }
            )
            path = path_of[rng.choice(targets)]
            started = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = 0
            mine.append(time.perf_counter() - started)
            seen[status] = seen.get(status, 0) + 1
        conn.close()
        with lock:
            latencies.extend(mine)
            for status, count in seen.items():
                statuses[status] = statuses.get(status, 0) + count

    started = time.perf_counter()
    threads = [
        threading.Thread(target=client, args=(i, headers))
        for i, headers in enumerate(sessions)
    ]
    for thread_ in threads:
        thread_.start()
    for thread_ in threads:
        thread_.join()
    elapsed = time.perf_counter() - started
    errors = sum(n for status, n in statuses.items() if not 200 <= status < 400)
    touched = (
        Reply.objects.filter(thread_id=thread_pk)
        .annotate(
            yes=Count("votes", filter=Q(votes__is_helpful=True)),
            no=Count("votes", filter=Q(votes__is_helpful=False)),
        )
        .values_list("helpful_count", "not_helpful_count", "yes", "no")
    )
    wrong_replies = sum(1 for h, n, yes, no in touched if (h, n) != (yes, no))
    mismatches = count_mismatches()
    return {
        "clients": len(voters),
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.5) * 1000, 2),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 2),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "errors": errors,
        "touched_replies": len(targets),
        "touched_replies_wrong": wrong_replies,
        "recount_mismatches": mismatches,
        "counters_equal_recount": wrong_replies == 0 and not any(mismatches.values()),
        "rate_limit": BENCH_VOTE_RATE_LIMIT,
        "default_rate_limit": DEFAULT_VOTE_RATE_LIMIT,
    }


def watch_memory(
    server: Server, path: str, *, headers: dict, connections: int, requests: int
) -> dict:
    """Return each worker's resident memory before and after requests to path."""
    before = server.worker_rss_kib()
    load = python_load(
        server.port, path, headers=headers, connections=connections, total=requests
    )
    after = server.worker_rss_kib()
    workers = [
        {
            "pid": pid,
            "before_kib": kib,
            "after_kib": after.get(pid, 0),
            "growth_percent": round((after.get(pid, 0) - kib) / kib * 100, 2),
        }
        for pid, kib in before.items()
    ]
    return {
        "requests": load["requests"],
        "errors": load["errors"],
        "workers": workers,
        "recycled_workers": sorted(set(after) ^ set(before)),
        "max_growth_percent": max(row["growth_percent"] for row in workers),
    }
