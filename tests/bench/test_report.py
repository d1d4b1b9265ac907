from bench.report import markdown
from bench.targets import evaluate


def test_report_shows_each_anonymous_target_stored_and_rendered(run_results, page_row):
    page_row("thread, helpful, rendered")["ratio"] = 7.44
    run_results["targets"] = evaluate(run_results)

    section = markdown(run_results)

    assert "| target | limit | stored | rendered | result |" in section
    assert (
        "| p50 thread, helpful / pooled floor | ≤ 2× | 1.00 | **7.44** | **miss** |"
        in section
    )
    assert "| p50 forum index / pooled floor | ≤ 2× | 1.00 | 1.50 | pass |" in section


def test_report_lists_single_figure_targets_apart(run_results):
    run_results["targets"] = evaluate(run_results)

    section = markdown(run_results)

    assert "| p50 thread signed in / pooled floor | 9.00 | ≤ 10× | pass |" in section
    assert "| thread, helpful, rendered | 200 | 3, 3 (4) |" in section
