"""The text size control: a cookie set by a small POST form on every page."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.preferences import PREFERENCE_MAX_AGE, TEXT_SIZE_COOKIE


def _url():
    return reverse("accounts:text-size")


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
    html = client.get(response["Location"]).content.decode()
    assert '<html lang="en" class="text-large">' in html


def test_large_cookie_enlarges_the_page_and_presses_the_large_button(client, db):
    client.cookies[TEXT_SIZE_COOKIE] = "large"
    response = client.get(reverse("forum:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en" class="text-large">' in html
    assert (
        'value="large" class="text-size-button text-size-large" aria-pressed="true"'
        in html
    )
    assert (
        'value="medium" class="text-size-button text-size-medium" '
        'aria-pressed="false"' in html
    )


def test_page_without_cookie_is_medium(client, db):
    html = client.get(reverse("forum:index")).content.decode()
    assert '<html lang="en" class="text-medium">' in html
    assert 'text-size-medium" aria-pressed="true"' in html


@pytest.mark.parametrize(
    "forged", ["huge", '"><script>alert(1)</script>', "large extra", "LARGE"]
)
def test_forged_cookie_falls_back_to_medium(client, db, forged):
    client.cookies[TEXT_SIZE_COOKIE] = forged
    html = client.get(reverse("forum:index")).content.decode()
    assert '<html lang="en" class="text-medium">' in html
    assert 'text-size-medium" aria-pressed="true"' in html
    assert "<script>alert(1)" not in html


def test_text_size_form_sends_back_to_the_current_page(client, forum):
    url = f"{forum.get_absolute_url()}?sort=newest"
    html = client.get(url).content.decode()
    assert f'action="{_url()}"' in html
    assert 'name="next" value="/forums/neurology/?sort=newest"' in html


def test_text_size_needs_a_csrf_token(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(_url(), {"size": "large", "next": "/"})
    assert response.status_code == 403
    assert TEXT_SIZE_COOKIE not in response.cookies


def test_text_size_with_the_page_csrf_token_is_accepted(db):
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("forum:index"))
    token = page.context["csrf_token"]
    response = client.post(_url(), {"size": "large", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response.cookies[TEXT_SIZE_COOKIE].value == "large"
