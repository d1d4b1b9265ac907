"""The footer's pages: their texts, the footer on every page, staff's edits."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from core.cache import page_cache
from sitepages.models import SitePage
from tests.factories import ResourceFactory, UserFactory
from tests.html import parse

SLUGS = SitePage.Slug.values
CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')


@pytest.fixture
def pages(site_pages):
    """The five pages as the data migration wrote them."""
    return site_pages


def _admin(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("slug", SLUGS)
def test_each_page_shows_its_text(pages, slug):
    page = pages[slug]
    response = Client().get(f"/{slug}/")
    assert response.status_code == 200
    html = parse(response)
    assert html.one("main h1").text == page.title
    first_paragraph = parse(page.body_html).select("p")[0].text
    assert first_paragraph in html.one("main .post-body").text


def test_the_privacy_page_keeps_its_promises(pages):
    text = parse(Client().get("/privacy/")).one("main").text
    assert "Your e-mail address is never shown publicly" in text
    assert "Download my data" in text
    assert "A former member" in text
    assert "Contact" in text
    for stored in ("username", "password", "helpful votes", "licensing body"):
        assert stored in text


def test_pages_are_stored_for_anonymous_readers(pages):
    reader = Client()
    assert reader.get("/about/")["X-Page-Cache"] == "miss"
    assert reader.get("/about/")["X-Page-Cache"] == "hit"


def _footer_links(response) -> dict[str, str]:
    nav = parse(response).get_by_role("navigation", "About this site")
    return {link.text: link["href"] for link in nav.select("a")}


FOOTER = {
    "About": "/about/",
    "Community guidelines": "/guidelines/",
    "Privacy": "/privacy/",
    "Terms": "/terms/",
    "Contact": "/contact/",
}


def test_the_footer_links_every_page_from_every_kind_of_page(pages, thread, user):
    resource = ResourceFactory(title="Sleeping well")
    anonymous = [
        reverse("forum:index"),
        thread.forum.get_absolute_url(),
        thread.get_absolute_url(),
        user.get_absolute_url(),
        reverse("resources:resource-list"),
        resource.get_absolute_url(),
        reverse("forum:search") + "?q=twitching",
        "/privacy/",
        reverse("account_login"),
    ]
    for url in anonymous:
        response = Client().get(url)
        assert response.status_code == 200, url
        assert _footer_links(response) == FOOTER, url
    member = _admin(user)
    for url in (reverse("forum:thread-create"), reverse("forum:index"), "/terms/"):
        response = member.get(url)
        assert response.status_code == 200, url
        assert _footer_links(response) == FOOTER, url


def _edit_in_admin(staff, page, **changes):
    data = {"title": page.title, "body": page.body, **changes}
    response = _admin(staff).post(
        reverse("admin:sitepages_sitepage_change", args=[page.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_staff_edit_shows_at_once_and_served_equals_rendered(pages, staff, settings):
    reader = Client()
    reader.get("/privacy/")
    assert reader.get("/privacy/")["X-Page-Cache"] == "hit"
    _edit_in_admin(
        staff, pages["privacy"], title="Your privacy", body="We keep **little**."
    )
    served = reader.get("/privacy/")
    html = parse(served)
    assert html.one("main h1").text == "Your privacy"
    assert html.one("main .post-body strong").text == "little"
    page_cache().clear()
    settings.PAGE_CACHE_ENABLED = False
    rendered = reader.get("/privacy/")
    assert CSRF_VALUE.sub("", served.content.decode()) == CSRF_VALUE.sub(
        "", rendered.content.decode()
    )


def test_members_cannot_edit_pages(pages, user):
    url = reverse("admin:sitepages_sitepage_change", args=[pages["terms"].pk])
    response = _admin(user).post(url, {"title": "Ours now", "body": "Gone."})
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert SitePage.objects.get(slug="terms").title == pages["terms"].title


def test_staff_need_the_change_permission(pages):
    clerk = UserFactory(username="clerk", is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_sitepage"))
    url = reverse("admin:sitepages_sitepage_change", args=[pages["terms"].pk])
    response = _admin(clerk).post(url, {"title": "Ours now", "body": "Gone."})
    assert response.status_code == 403
    assert SitePage.objects.get(slug="terms").title == pages["terms"].title


def test_pages_cannot_be_added_or_deleted_even_by_superusers(pages, staff):
    admin = _admin(staff)
    assert admin.get(reverse("admin:sitepages_sitepage_add")).status_code == 403
    delete = reverse("admin:sitepages_sitepage_delete", args=[pages["about"].pk])
    assert admin.post(delete, {"post": "yes"}).status_code == 403
    assert SitePage.objects.count() == len(SLUGS)


def test_the_slug_is_fixed_when_editing(pages, staff):
    _edit_in_admin(staff, pages["about"], slug="contact", title="About us")
    about = SitePage.objects.get(pk=pages["about"].pk)
    assert (about.slug, about.title) == ("about", "About us")


def test_markdown_is_sanitised(pages, staff):
    _edit_in_admin(
        staff,
        pages["contact"],
        body=(
            "Write to us.\n\n<script>alert('x')</script>\n\n"
            "[click](javascript:alert(1)) <img src=x onerror=alert(1)>"
        ),
    )
    page = SitePage.objects.get(slug="contact")
    assert "<script" not in page.body_html
    assert "<img" not in page.body_html
    assert not any(
        "javascript" in a.attrs.get("href", "")
        for a in parse(page.body_html).select("a")
    )
    body = parse(Client().get("/contact/")).one("main .post-body")
    assert not body.select("script, img")
    assert all("javascript" not in a.attrs.get("href", "") for a in body.select("a"))
