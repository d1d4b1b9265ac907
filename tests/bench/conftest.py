import importlib

import pytest
from django.test.utils import modify_settings
from django.urls import clear_url_caches

import config.urls


def _reload_urls() -> None:
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def bench_app():
    """Install the bench app and mount its floor views, as DJANGO_BENCH=1 does."""
    with modify_settings(INSTALLED_APPS={"append": "bench"}):
        _reload_urls()
        yield
    _reload_urls()


@pytest.fixture
def bench_database(monkeypatch):
    """Let seed_bench --reset run on the test database, whatever its name."""
    monkeypatch.setattr(
        "bench.management.commands.seed_bench.is_bench_database", lambda name: True
    )


PAGES = (
    "forum index",
    "forum list p1",
    "forum list p200",
    "thread, helpful",
    "thread, oldest",
    "thread, newest",
    "member profile",
    "search, common word",
    "search, rare phrase",
    "resources index",
)


def _row(page: str, kind: str, ratio: float) -> dict:
    name = page if kind == "stored" else f"{page}, {kind}"
    return {
        "name": name,
        "page": page,
        "kind": kind,
        "path": "/",
        "status": 200,
        "bytes": 20_000,
        "queries": 0 if kind == "stored" else 3,
        "queries_cold": 4,
        "queries_rendered": 3,
        "has_sidebar": page != "resources index",
        "sidebar_queries": 0,
        "sidebar_queries_rendered": 0,
        "writes": 0,
        "writes_rendered": 0,
        "p50_ms": round(ratio * 8, 2),
        "p95_ms": round(ratio * 11, 2),
        "rps": 1000 / ratio,
        "errors": 0,
        "ratio": ratio,
    }


@pytest.fixture
def run_results():
    """Return the results of a benchmark run in which every target passes."""
    pages = [_row(page, "stored", 1.0) for page in PAGES]
    pages.append(_row("thread, helpful", "signed in", 9.0))
    pages += [_row(page, "rendered", 1.5) for page in PAGES]
    plan = {"uses_gin_index": True, "walks_activity_index": False, "plan": "Limit"}
    return {
        "size": "large",
        "date": "2026-12-04T12:00:00+00:00",
        "command": "python bench/run.py --size large",
        "note": "",
        "data": "8 forums, 100,000 threads",
        "machine": {
            "cpus": 2,
            "cpu": "a test CPU",
            "memory": "4.0 GiB",
            "load_average_at_start": [0.1, 0.2, 0.3],
            "python": "3.12.1",
            "django": "6.1",
            "postgresql": "15",
        },
        "seed": {"reused": False, "seconds": 60.0},
        "load": {"client": "wrk", "connections": 8, "duration": 10, "workers": 2},
        "floor": {
            "pk_p50_ms": 8.0,
            "pk_runs_ms": [7.9, 8.1],
            "pk_new_connection_p50_ms": 40.0,
            "bytes_p50_ms": 3.0,
            "bytes_size": 86_000,
        },
        "floors": [
            {
                "name": "floor: pk query, pooled",
                "status": 200,
                "bytes": 22,
                "p50_ms": 8.0,
                "p95_ms": 11.0,
                "rps": 1000,
                "errors": 0,
                "ratio": 1.0,
            }
        ],
        "pages": pages,
        "fixed_queries": {"thread with 300 replies": 4, "thread with 4 replies": 4},
        "search_plans": {
            "common word": {**plan, "terms": "headache"},
            "rare phrase": {**plan, "terms": '"scuba diving"'},
        },
        "votes": {
            "clients": 8,
            "seconds": 15.0,
            "requests": 2000,
            "rps": 133.3,
            "p50_ms": 55.0,
            "p95_ms": 75.0,
            "statuses": {"200": 2000},
            "errors": 0,
            "counters_equal_recount": True,
            "rate_limit": "1000000/60",
            "default_rate_limit": "60/60",
        },
        "memory": {
            "requests": 10_000,
            "workers": [{"before_kib": 78_000, "after_kib": 78_100}],
            "max_growth_percent": 0.13,
        },
    }


@pytest.fixture
def page_row(run_results):
    """Return a lookup of run_results' page rows by the name the table shows."""

    def find(name: str) -> dict:
        return next(row for row in run_results["pages"] if row["name"] == name)

    return find
