"""robots.txt: crawlers may read every public page, and find the sitemap."""

import re

import pytest
from django.urls import reverse


@pytest.fixture
def robots(client, settings, db):
    settings.SITE_URL = "https://forum.example.org"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def _rules(robots: str) -> list[re.Pattern]:
    """Return the Disallow rules as crawlers read them: * is any run, $ the end."""
    rules = []
    for line in robots.splitlines():
        field, _, value = line.partition(":")
        if field.strip().lower() == "disallow" and value.strip():
            pattern = re.escape(value.strip()).replace(r"\*", ".*")
            rules.append(re.compile(pattern.replace(r"\$", "$")))
    return rules


def _allowed(robots: str, path: str) -> bool:
    return not any(rule.match(path) for rule in _rules(robots))


def test_it_names_the_sitemap_at_the_sites_address(robots):
    sitemaps = [line for line in robots.splitlines() if line.startswith("Sitemap:")]
    assert sitemaps == ["Sitemap: https://forum.example.org/sitemap.xml"]
    assert robots.splitlines()[0] == "User-agent: *"


def test_it_keeps_crawlers_out_of_forms_accounts_and_search_results(
    robots, thread, reply
):
    kept_out = [
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_email"),
        reverse("accounts:verification"),
        reverse("accounts:text-size"),
        reverse("privacy:export"),
        reverse("privacy:account-delete"),
        reverse("notifications:list"),
        reverse("forum:thread-create"),
        reverse("forum:search") + "?q=twitching",
        reverse("forum:reply-create", args=[thread.pk, thread.slug]),
        reverse("forum:thread-edit", args=[thread.pk, thread.slug]),
        reverse("forum:thread-delete", args=[thread.pk, thread.slug]),
        reverse("forum:thread-report", args=[thread.pk, thread.slug]),
        reverse("forum:reply-edit", args=[reply.pk]),
        reverse("forum:reply-delete", args=[reply.pk]),
        reverse("forum:reply-report", args=[reply.pk]),
        reverse("forum:reply-vote", args=[reply.pk]),
    ]
    for path in kept_out:
        assert not _allowed(robots, path), path


def test_it_lets_crawlers_read_every_public_page(robots, thread, reply, site_pages):
    public = [
        reverse("forum:index"),
        thread.forum.get_absolute_url(),
        thread.forum.get_absolute_url() + "?sort=newest",
        thread.get_absolute_url(),
        thread.get_absolute_url() + "?page=2",
        reverse("forum:tag", args=["twitching"]),
        thread.author.get_absolute_url(),
        reverse("resources:resource-list"),
        reverse("resources:resource-detail", args=["sleeping-well"]),
        *(page.get_absolute_url() for page in site_pages.values()),
        reverse("sitemap"),
        reverse("forum:forum-feed", args=[thread.forum.slug]),
        reverse("forum:thread-feed", args=[thread.pk, thread.slug]),
    ]
    for path in public:
        assert _allowed(robots, path), path


def test_only_reading_is_allowed(client, db):
    assert client.post("/robots.txt").status_code == 405


def test_it_does_not_reveal_the_admins_address(robots, settings):
    assert settings.ADMIN_URL.strip("/") not in robots
