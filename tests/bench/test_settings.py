"""The bench app exists only while benchmarking (DJANGO_BENCH=1)."""

import runpy

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import NoReverseMatch, reverse


def test_seed_bench_is_unknown_without_django_bench():
    assert "bench" not in settings.INSTALLED_APPS
    with pytest.raises(CommandError, match="Unknown command"):
        call_command("seed_bench")


def test_floor_views_are_not_mounted_without_django_bench():
    with pytest.raises(NoReverseMatch):
        reverse("bench:floor-pk")


@pytest.mark.parametrize(
    ("value", "installed"), [("", False), ("0", False), ("1", True)]
)
def test_django_bench_decides_whether_the_app_is_installed(
    monkeypatch, value, installed
):
    monkeypatch.setenv("DJANGO_BENCH", value)

    defined = runpy.run_path(str(settings.BASE_DIR / "config" / "settings.py"))

    assert ("bench" in defined["INSTALLED_APPS"]) is installed


def test_the_bench_fixture_installs_the_command_and_the_views(bench_app):
    assert reverse("bench:floor-pk") == "/bench/floor/pk/"
    with pytest.raises(CommandError, match="two members"):
        call_command("seed_bench", "--members", "1")
