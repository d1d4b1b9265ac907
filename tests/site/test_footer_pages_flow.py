"""The footer pages' paragraphs flow and their sections sit at level two."""

from importlib import import_module

from django.apps import apps
from django.test import Client

from forum.markdown import render_page_markdown
from sitepages.models import SitePage
from tests.html import parse

first = import_module("sitepages.migrations.0002_first_pages")
reflow = import_module("sitepages.migrations.0004_reflow_pages")


def test_paragraphs_have_no_forced_line_breaks(site_pages):
    main = parse(Client().get("/about/")).one("main")
    assert not main.select("p br")
    assert [h.tag for h in main.select("h1, h2, h3")][:2] == ["h1", "h2"]
    assert not main.select("h3")


def test_list_items_stay_items(site_pages):
    main = parse(Client().get("/contact/")).one("main")
    items = [li.text for li in main.select("li")]
    assert (
        "ask for a copy of your data, or for your account to be deleted (see Privacy);"
        in items
    )


def test_the_guidelines_say_new_members_links_wait(site_pages):
    text = parse(Client().get("/guidelines/")).one("main").text
    assert "a post with a link waits for a moderator" in text


def test_the_reflow_reverses_and_spares_edited_pages(site_pages):
    SitePage.objects.filter(slug="terms").update(body="Our own terms.")
    reflow.restore_earlier_text(apps, None)
    about = SitePage.objects.get(slug="about")
    assert about.body == {s: b for s, _, b in first.PAGES}["about"]
    reflow.reflow_pages(apps, None)
    assert SitePage.objects.get(slug="terms").body == "Our own terms."
    assert "### " not in SitePage.objects.get(slug="about").body


def test_staff_pages_are_sanitised_like_posts():
    html = render_page_markdown(
        "# Title\n\n## Section\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))"
    )
    assert "<h2>Title</h2>" in html and "<h2>Section</h2>" in html
    assert "<script" not in html and 'href="javascript' not in html
