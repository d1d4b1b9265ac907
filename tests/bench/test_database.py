import pytest

from bench.database import database_name, is_bench_database


@pytest.mark.parametrize(
    "name",
    ["healthforum_bench", "bench", "BENCH_forum", "/tmp/bench.sqlite3"],
)
def test_a_name_containing_bench_marks_a_benchmark_database(name):
    assert is_bench_database(name)


@pytest.mark.parametrize(
    "name",
    ["healthforum", "test_healthforum", "/srv/bench/healthforum.sqlite3", ""],
)
def test_other_names_do_not(name):
    assert not is_bench_database(name)


def test_database_name_reads_the_url():
    url = "postgres://healthforum:secret@127.0.0.1:5432/healthforum_bench"

    assert database_name(url) == "healthforum_bench"
