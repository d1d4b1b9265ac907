"""Sign-ups are limited per address, with a clear message and the form kept."""

from django.urls import reverse

from accounts.models import User
from tests.html import parse

PASSWORD = "calm-otter-river-42"


def _signup(client, n: int, **headers):
    data = {
        "email": f"reader{n}@example.com",
        "username": f"reader_{n}",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
    }
    return client.post(reverse("account_signup"), data, **headers)


def test_too_many_sign_ups_from_one_address_get_a_429_with_the_form_kept(
    client, db, settings
):
    settings.SIGNUP_RATE_LIMIT = (2, 3600)
    for n in range(2):
        assert _signup(client, n).status_code == 302
        client.logout()

    response = _signup(client, 2)

    assert response.status_code == 429
    page = parse(response)
    assert "Several accounts have been made from your connection" in page.text
    assert page.one("input[name=username]")["value"] == "reader_2"
    assert page.one("input[name=email]")["value"] == "reader2@example.com"
    assert not User.objects.filter(username="reader_2").exists()


def test_the_limit_is_per_address(client, db, settings):
    settings.SIGNUP_RATE_LIMIT = (1, 3600)
    assert _signup(client, 0, REMOTE_ADDR="192.0.2.1").status_code == 302
    client.logout()
    assert _signup(client, 1, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert _signup(client, 2, REMOTE_ADDR="192.0.2.2").status_code == 302
    assert set(User.objects.values_list("username", flat=True)) == {
        "reader_0",
        "reader_2",
    }


def test_the_sign_up_page_itself_is_never_limited(client, db, settings):
    settings.SIGNUP_RATE_LIMIT = (1, 3600)
    for _ in range(3):
        assert client.get(reverse("account_signup")).status_code == 200
