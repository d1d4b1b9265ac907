"""The high-contrast option beside the text-size control."""

from django.test import Client
from django.urls import reverse

from accounts.preferences import CONTRAST_COOKIE, PREFERENCE_MAX_AGE
from tests.html import parse

URL = reverse("accounts:contrast")
INDEX = reverse("forum:index")


def _toggle(page):
    """Return the contrast button and the value its form would send."""
    form = page.one(f'form[action="{URL}"]')
    return form.get_by_role("button", "High contrast"), form.one('[name="contrast"]')


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
    page = parse(client.get(INDEX))
    assert page.one("html").classes == {"text-medium", "contrast-high"}
    button, sends = _toggle(page)
    assert button["aria-pressed"] == "true"
    assert sends.value == "normal"


def test_toggle_offers_high_contrast_by_default(client, db):
    page = parse(client.get(INDEX))
    assert page.one("html").classes == {"text-medium"}
    button, sends = _toggle(page)
    assert button["aria-pressed"] == "false"
    assert sends.value == "high"


def test_unknown_contrast_sets_nothing(client, db):
    response = client.post(URL, {"contrast": "neon", "next": INDEX})
    assert CONTRAST_COOKIE not in response.cookies


def test_forged_cookie_falls_back_to_normal(client, db):
    client.cookies[CONTRAST_COOKIE] = '"><script>alert(1)</script>'
    response = client.get(INDEX)
    page = parse(response)
    assert page.one("html").classes == {"text-medium"}
    assert _toggle(page)[1].value == "high"
    # Escaped or not, the forged value must not reach the markup at all.
    assert "<script>alert(1)" not in response.content.decode()


def test_offsite_next_goes_to_the_index(client, db):
    response = client.post(
        URL, {"contrast": "high", "next": "https://evil.example.com/"}
    )
    assert response["Location"] == INDEX


def test_contrast_needs_post_and_csrf(db):
    client = Client(enforce_csrf_checks=True)
    assert client.get(URL).status_code == 405
    assert client.post(URL, {"contrast": "high"}).status_code == 403
