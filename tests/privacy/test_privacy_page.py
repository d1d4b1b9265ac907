"""The Privacy page says what downloading and deleting do, in plain words."""

from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from sitepages.models import SitePage
from tests.html import parse

migration = import_module("sitepages.migrations.0003_privacy_export_and_deletion")
reflow = import_module("sitepages.migrations.0004_reflow_pages")


def _page_text() -> str:
    return parse(Client().get("/privacy/")).one("main").text


def test_the_page_explains_the_download_and_the_deletion(site_pages):
    text = _page_text()
    for promise in (
        "Download my data",
        "Delete your account",
        "A former member",
        "the helpful votes you gave still count",
        "you are logged out on every device",
        "Only you can use that link",
        "never by their e-mail address",
    ):
        assert promise in text, promise
    assert "not ready yet" not in text


def test_the_page_says_how_long_a_link_lasts(settings):
    # Change the page's text with the setting.
    assert settings.PRIVACY_EXPORT_DAYS == 7
    assert "It works for 7 days" in migration.PRIVACY


def test_the_migration_replaces_only_the_first_text(site_pages):
    page = SitePage.objects.get(slug="privacy")
    assert page.body == reflow.reflow(migration.PRIVACY)
    reflow.restore_earlier_text(apps, None)
    page.refresh_from_db()
    assert page.body == migration.PRIVACY
    migration.restore_earlier_text(apps, None)
    page.refresh_from_db()
    assert page.body == migration.EARLIER
    assert "when the tools arrive" in page.body_html
    migration.describe_export_and_deletion(apps, None)
    page.refresh_from_db()
    assert page.body == migration.PRIVACY
    assert "<strong>Download my data</strong>" in page.body_html


def test_staff_s_own_words_are_left_alone(site_pages):
    page = SitePage.objects.get(slug="privacy")
    page.body = "Our own privacy text."
    page.save()
    reflow.restore_earlier_text(apps, None)
    migration.restore_earlier_text(apps, None)
    migration.describe_export_and_deletion(apps, None)
    reflow.reflow_pages(apps, None)
    page.refresh_from_db()
    assert page.body == "Our own privacy text."


@pytest.mark.django_db(transaction=True)
def test_the_migration_runs_both_ways(site_pages):
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("sitepages", "0002_first_pages")])
        assert SitePage.objects.get(slug="privacy").body == migration.EARLIER
        executor = MigrationExecutor(connection)
        executor.migrate([("sitepages", "0003_privacy_export_and_deletion")])
        assert SitePage.objects.get(slug="privacy").body == migration.PRIVACY
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
