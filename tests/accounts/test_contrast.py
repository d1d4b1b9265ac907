"""The high-contrast option beside the text-size control."""

from django.test import Client
from django.urls import reverse

from accounts.preferences import CONTRAST_COOKIE, PREFERENCE_MAX_AGE

URL = reverse("accounts:contrast")
INDEX = reverse("forum:index")


def test_switching_high_contrast_on_sets_a_lasting_cookie(client, db):
    response = client.post(URL, {"contrast": "high", "next": INDEX})
    assert response.status_code == 302
    assert response["Location"] == INDEX
    cookie = response.cookies[CONTRAST_COOKIE]
    assert cookie.value == "high"
    assert cookie["max-age"] == PREFERENCE_MAX_AGE
    assert cookie["httponly"]


def test_high_contrast_pages_carry_the_class_and_a_pressed_toggle(client, db):
    client.cookies[CONTRAST_COOKIE] = "high"
    html = client.get(INDEX).content.decode()
    assert 'class="text-medium contrast-high"' in html
    assert 'contrast-button" aria-pressed="true"' in html
    assert 'name="contrast" value="normal"' in html


def test_toggle_offers_high_contrast_by_default(client, db):
    html = client.get(INDEX).content.decode()
    assert "contrast-high" not in html
    assert 'name="contrast" value="high"' in html


def test_unknown_contrast_sets_nothing(client, db):
    response = client.post(URL, {"contrast": "neon", "next": INDEX})
    assert CONTRAST_COOKIE not in response.cookies


def test_forged_cookie_falls_back_to_normal(client, db):
    client.cookies[CONTRAST_COOKIE] = '"><script>alert(1)</script>'
    html = client.get(INDEX).content.decode()
    assert "contrast-high" not in html
    assert "<script>alert(1)" not in html


def test_offsite_next_goes_to_the_index(client, db):
    response = client.post(
        URL, {"contrast": "high", "next": "https://evil.example.com/"}
    )
    assert response["Location"] == INDEX


def test_contrast_needs_post_and_csrf(db):
    client = Client(enforce_csrf_checks=True)
    assert client.get(URL).status_code == 405
    assert client.post(URL, {"contrast": "high"}).status_code == 403
