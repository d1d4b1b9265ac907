import pytest

from bench.targets import Limit, evaluate


def target(results: dict, name: str) -> dict:
    return next(item for item in evaluate(results) if item["target"] == name)


def test_every_target_passes_when_every_figure_is_within_its_limit(run_results):
    assert all(item["pass"] for item in evaluate(run_results))


def test_an_anonymous_page_is_judged_on_the_stored_and_the_rendered_page(
    run_results, page_row
):
    page_row("thread, oldest, rendered")["ratio"] = 7.4

    item = target(run_results, "p50 thread, oldest / pooled floor")

    assert (item["stored"], item["rendered"]) == (1.0, 7.4)
    assert item["stored_pass"]
    assert not item["rendered_pass"]
    assert not item["pass"]


def test_a_slow_stored_page_misses_even_when_rendering_is_fast(run_results, page_row):
    page_row("forum index")["ratio"] = 2.5

    item = target(run_results, "p50 forum index / pooled floor")

    assert not item["stored_pass"]
    assert item["rendered_pass"]
    assert not item["pass"]


def test_the_deep_page_is_compared_with_page_one_both_ways(run_results, page_row):
    page_row("forum list p200, rendered")["p50_ms"] = 24.0

    item = target(run_results, "p50 forum list p200 / p1")

    assert item["stored"] == 1.0
    assert item["rendered"] == 2.0
    assert not item["pass"]


def test_common_word_search_must_stay_below_ten_times_the_floor(run_results, page_row):
    page_row("search, common word, rendered")["ratio"] = 10.0

    item = target(run_results, "p50 search common word / pooled floor")

    assert item["limit"] == "< 10×"
    assert not item["pass"]


def test_query_targets_count_the_served_and_the_rendered_page(run_results, page_row):
    page_row("member profile")["queries_rendered"] = 7

    item = target(run_results, "queries, lists")

    assert (item["stored"], item["rendered"]) == (0, 7)
    assert not item["pass"]
    assert target(run_results, "queries, thread page")["pass"]


def test_a_write_while_rendering_an_anonymous_page_misses(run_results, page_row):
    page_row("forum index, rendered")["writes"] = 1

    item = target(run_results, "writes on anonymous GETs")

    assert (item["stored"], item["rendered"]) == (0, 1)
    assert not item["pass"]


def test_the_sidebar_target_misses_when_no_page_shows_the_sidebar(run_results):
    for row in run_results["pages"]:
        row["has_sidebar"] = False

    item = target(run_results, "sidebar queries on a cache hit")

    assert item["stored_pass"]
    assert item["rendered_pass"]
    assert not item["pass"]
    assert "no page showed" in item["note"]


def test_the_signed_in_thread_page_is_judged_once(run_results, page_row):
    page_row("thread, helpful, signed in")["ratio"] = 10.5

    item = target(run_results, "p50 thread signed in / pooled floor")

    assert "stored" not in item
    assert item["value"] == 10.5
    assert not item["pass"]


def test_latency_targets_say_when_they_are_set_for_another_size(run_results):
    run_results["size"] = "small"

    item = target(run_results, "p50 thread, helpful / pooled floor")

    assert item["note"] == "target is set for the large size"


@pytest.mark.parametrize(
    ("limit", "value", "allowed"),
    [
        (Limit(2, "×"), 2.0, True),
        (Limit(2, "×"), 2.01, False),
        (Limit(10, "×", strict=True), 10.0, False),
        (Limit(0), 0, True),
        (Limit(0), None, False),
    ],
)
def test_limit_allows_values_up_to_its_maximum(limit, value, allowed):
    assert limit.allows(value) is allowed
