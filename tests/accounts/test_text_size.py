"""The text size control: a cookie set by a small POST form on every page."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.preferences import PREFERENCE_MAX_AGE, TEXT_SIZE_COOKIE
from tests.html import parse


def _url():
    return reverse("accounts:text-size")


def _pressed(page):
    """Return each text size button's name and whether it is pressed."""
    control = page.get_by_role("form", "Text size")
    return {button.name: button["aria-pressed"] for button in control.by_role("button")}


@pytest.mark.parametrize("size", ["small", "medium", "large"])
def test_choosing_a_size_sets_a_year_long_httponly_cookie(client, db, size):
    response = client.post(_url(), {"size": size, "next": "/forums/neurology/"})
    assert response.status_code == 302
    assert response["Location"] == "/forums/neurology/"
    cookie = response.cookies[TEXT_SIZE_COOKIE]
    assert cookie.value == size
    assert cookie["httponly"] is True
    assert cookie["max-age"] == PREFERENCE_MAX_AGE == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"


def test_next_keeps_its_query_string(client, db):
    next_url = "/threads/1/eyelid/?sort=oldest&page=2"
    response = client.post(_url(), {"size": "large", "next": next_url})
    assert response["Location"] == next_url


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example.com/",
        "//evil.example.com/",
        "http://testserver.evil.example.com/",
        "javascript:alert(1)",
    ],
)
def test_offsite_next_redirects_to_the_forum_index(client, db, next_url):
    response = client.post(_url(), {"size": "large", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == reverse("forum:index")
    assert response.cookies[TEXT_SIZE_COOKIE].value == "large"


def test_missing_next_redirects_to_the_forum_index(client, db):
    response = client.post(_url(), {"size": "small"})
    assert response["Location"] == reverse("forum:index")


@pytest.mark.parametrize("size", ["huge", "", "LARGE"])
def test_unknown_size_sets_no_cookie(client, db, size):
    response = client.post(_url(), {"size": size, "next": "/forums/neurology/"})
    assert response.status_code == 302
    assert response["Location"] == "/forums/neurology/"
    assert TEXT_SIZE_COOKIE not in response.cookies


def test_text_size_needs_post(client, db):
    assert client.get(_url(), {"size": "large"}).status_code == 405


def test_chosen_size_is_rendered_on_the_next_page(client, db):
    response = client.post(_url(), {"size": "large", "next": reverse("forum:index")})
    root = parse(client.get(response["Location"])).one("html")
    assert root.classes == {"text-large"}


def test_large_cookie_enlarges_the_page_and_presses_the_large_button(client, db):
    client.cookies[TEXT_SIZE_COOKIE] = "large"
    response = client.get(reverse("forum:index"))
    assert response.status_code == 200
    page = parse(response)
    assert page.one("html").classes == {"text-large"}
    assert _pressed(page) == {
        "Small text": "false",
        "Medium text": "false",
        "Large text": "true",
    }


def test_page_without_cookie_is_medium(client, db):
    page = parse(client.get(reverse("forum:index")))
    assert page.one("html").classes == {"text-medium"}
    assert _pressed(page) == {
        "Small text": "false",
        "Medium text": "true",
        "Large text": "false",
    }


@pytest.mark.parametrize(
    "forged", ["huge", '"><script>alert(1)</script>', "large extra", "LARGE"]
)
def test_forged_cookie_falls_back_to_medium(client, db, forged):
    client.cookies[TEXT_SIZE_COOKIE] = forged
    response = client.get(reverse("forum:index"))
    page = parse(response)
    assert page.one("html").classes == {"text-medium"}
    assert _pressed(page)["Medium text"] == "true"
    # Escaped or not, the forged value must not reach the markup at all.
    assert "<script>alert(1)" not in response.content.decode()


def test_text_size_form_sends_back_to_the_current_page(client, forum):
    url = f"{forum.get_absolute_url()}?sort=newest"
    control = parse(client.get(url)).get_by_role("form", "Text size")
    assert (control["method"], control["action"]) == ("post", _url())
    assert control.one('[name="next"]').value == "/forums/neurology/?sort=newest"


def test_text_size_needs_a_csrf_token(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(_url(), {"size": "large", "next": "/"})
    assert response.status_code == 403
    assert TEXT_SIZE_COOKIE not in response.cookies


def test_text_size_with_the_page_csrf_token_is_accepted(db):
    client = Client(enforce_csrf_checks=True)
    control = parse(client.get(reverse("forum:index"))).get_by_role("form", "Text size")
    token = control.one('[name="csrfmiddlewaretoken"]').value
    response = client.post(_url(), {"size": "large", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response.cookies[TEXT_SIZE_COOKIE].value == "large"
