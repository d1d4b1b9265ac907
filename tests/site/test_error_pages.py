"""When things go wrong, readers get a calm page, never a traceback."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.html import parse


@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = "tests.site.urls"


@pytest.fixture
def quiet_client():
    return Client(raise_request_exception=False)


def _heading(response):
    """Return the one top heading of the page's main content."""
    return parse(response).one("main h1").text


def test_500_is_friendly_and_reveals_nothing(failing_urls, quiet_client, db):
    response = quiet_client.get("/boom/")
    assert response.status_code == 500
    page = parse(response)
    assert page.one("main h1").text == "Something went wrong on our side"
    back = page.one("main").get_by_role("link", "Go to the forums")
    assert back["href"] == reverse("forum:index")
    # Nowhere in the response, not only in its visible text.
    html = response.content.decode()
    assert "RuntimeError" not in html
    assert "Traceback" not in html
    assert "a bug the reader must never see" not in html


def test_lost_database_is_a_calm_503(failing_urls, quiet_client, db):
    response = quiet_client.get("/db-gone/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert _heading(response) == "We will be back shortly"
    html = response.content.decode()
    assert "secret-host" not in html
    assert "OperationalError" not in html


def test_404_uses_the_site_layout(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    page = parse(response)
    assert page.one("main h1").text == "We could not find that page"
    assert page.get_by_role("link", "Skip to main content")["href"] == "#main"
    page.one("main#main")
    back = page.one("main").get_by_role("link", "Go to the forums")
    assert back["href"] == reverse("forum:index")


def test_403_explains_and_offers_a_way_back(client, reply, other_user):
    client.force_login(other_user)
    url = reverse("forum:reply-vote", kwargs={"pk": reply.pk})
    response = client.post(url, {"vote": "yes"})
    assert response.status_code == 403
    page = parse(response)
    assert page.one("main h1").text == "You cannot do that here"
    back = page.one("main").get_by_role("link", "Go to the forums")
    assert back["href"] == reverse("forum:index")


def test_405_gets_a_page_too(client, reply):
    response = client.get(reverse("forum:reply-vote", kwargs={"pk": reply.pk}))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert _heading(response) == "This address only takes forms"


def test_csrf_failure_explains_in_plain_words(thread, other_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(other_user)
    url = reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})
    response = client.post(url, {"body": "No token with this one."})
    assert response.status_code == 403
    assert _heading(response) == "Your form could not be sent"
    assert "CSRF token" not in response.content.decode()


def test_400_page(client, db):
    response = client.get("/", headers={"host": "not-allowed.example.com"})
    assert response.status_code == 400
    assert _heading(response) == "We could not understand that request"


def test_429_template_renders(client, db):
    from django.template.loader import render_to_string

    page = parse(render_to_string("429.html"))
    assert page.one("main h1").text == "That was a lot in a short time"


def test_database_outage_answers_503_and_recovers(client, monkeypatch, thread):
    from django.db import OperationalError, connection

    def refuse():
        raise OperationalError("could not connect to server")

    client.raise_request_exception = False
    monkeypatch.setattr(connection, "ensure_connection", refuse)
    for url in [reverse("forum:index"), thread.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 503
        assert _heading(response) == "We will be back shortly"
    monkeypatch.undo()
    # Once the database answers again, so does the site, without a restart.
    assert client.get(thread.get_absolute_url()).status_code == 200
