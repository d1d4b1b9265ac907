"""The mixed run: the traffic it sends is the mix it claims, and the site takes it."""

import random
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from bench import mixed, report
from forum.models import Reply

pytestmark = [pytest.mark.usefixtures("bench_app")]

TINY = [
    "--threads",
    "40",
    "--replies-per-thread",
    "4",
    "--members",
    "30",
    "--long-thread-replies",
    "20",
]


@pytest.fixture
def pools(db):
    call_command("seed_bench", *TINY, stdout=StringIO(), stderr=StringIO())
    return mixed.gather(sessions=10)


def draw(pools, count=4000, seed=7):
    rng = random.Random(seed)
    return [mixed.next_request(pools, rng, n) for n in range(count)]


def test_a_few_hot_threads_take_most_reads_and_the_tail_is_long():
    pools = mixed.Pools(
        threads=[f"/t/{n}/" for n in range(20_000)],
        thread_pks=list(range(20_000)),
        cumulative=mixed.zipf_cumulative(20_000),
        lists=[],
        deep_lists=[],
        tags=[],
        members=[],
        searches=[],
        replies_of={},
    )
    rng = random.Random(3)
    reads = Counter(pools.pick_thread(rng) for _ in range(50_000))

    hottest_share = reads[0] / 50_000
    top_one_percent = sum(reads[i] for i in range(200)) / 50_000
    assert 0.07 < hottest_share < 0.12
    assert top_one_percent > 0.5
    # The long tail: thousands of threads read once or twice, none ignored
    # because of where it sits in the pool's order.
    assert sum(1 for n in reads.values() if n <= 2) > 5_000


def test_the_mix_is_mostly_visitors_reading_threads(pools):
    requests = draw(pools)
    kinds = Counter(r.kind for r in requests)
    signed_in = sum(r.signed_in for r in requests) / len(requests)

    assert 0.12 < signed_in < 0.18
    assert 0.6 < kinds["thread"] / len(requests) < 0.8
    assert {"forum list", "home", "search", "tag", "member", "resources"} <= set(kinds)


def test_only_signed_in_members_write_and_their_writes_carry_a_csrf_token(pools):
    writes = [r for r in draw(pools) if r.method == "POST"]

    assert {r.kind for r in writes} == {"vote", "reply"}
    assert all(r.signed_in for r in writes)
    for request in writes:
        token = request.headers["X-CSRFToken"]
        assert f"csrftoken={token}" in request.headers["Cookie"]
        assert f"csrfmiddlewaretoken={token}" in request.body


def test_the_same_seed_asks_for_the_same_pages(pools):
    first = [(r.method, r.path) for r in draw(pools, 300)]
    again = [(r.method, r.path) for r in draw(pools, 300)]

    assert first == again


@pytest.mark.django_db(transaction=True)
def test_a_short_run_against_the_site_reads_and_writes_without_errors(live_server):
    call_command("seed_bench", *TINY, stdout=StringIO(), stderr=StringIO())
    pools = mixed.gather(sessions=10)
    replies_before = Reply.objects.count()
    port = int(live_server.url.rsplit(":", 1)[1])

    figures = mixed.run(port, pools, connections=2, seconds=3, seed=5)

    assert figures["requests"] > 20
    assert figures["errors"] == 0, figures["kinds"]
    kinds = {row["kind"] for row in figures["kinds"]}
    assert "thread, visitor" in kinds
    assert sum(row["requests"] for row in figures["kinds"]) == figures["requests"]
    posted = sum(
        row["requests"] for row in figures["kinds"] if row["kind"] == "reply, member"
    )
    assert Reply.objects.count() == replies_before + posted


def test_the_report_gives_the_hit_ratio_and_a_row_per_kind():
    row = {
        "kind": "thread, visitor",
        "requests": 900,
        "share_percent": 90.0,
        "p50_ms": 4.0,
        "p95_ms": 30.0,
        "p99_ms": 55.0,
        "errors": 0,
        "statuses": {"200": 900},
    }
    run = {
        "seconds": 60,
        "requests": 1000,
        "rps": 16.7,
        "p50_ms": 4.0,
        "p95_ms": 31.0,
        "p99_ms": 60.0,
        "errors": 0,
        "cache": {"hit": 700, "miss": 150, "none": 50},
        "hit_ratio": 0.824,
        "kinds": [row],
    }
    mixed_figures = {"mix": mixed.describe(), "seconds": 60, "page cache on": run}

    lines = report._mixed_table(mixed_figures)

    assert any("hit ratio for visitors' reads 82.4%" in line for line in lines)
    assert "| thread, visitor | 900 | 90.0% | 4.00 | 30.00 | 55.00 | 0 |" in lines
    assert any("85% visitors, 15% signed-in members" in line for line in lines)


def test_seeded_members_have_consented_so_they_can_write(pools):
    from accounts.consent import current_version
    from accounts.models import HealthDataConsent, User

    members = User.objects.filter(username__startswith="bench_")
    assert members.exists()
    assert not members.exclude(health_consent_version=current_version()).exists()
    assert HealthDataConsent.objects.filter(member__in=members).count() == len(members)
