"""A member deletes their own account, confirmed by password, their choice kept."""

from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD
from tests.html import parse

from .conftest import EMAIL, USERNAME

URL = reverse("privacy:account-delete")


def _checked(response) -> list[str]:
    return [
        radio["value"]
        for radio in parse(response).select('input[name="posts"]')
        if "checked" in radio.attrs
    ]


def test_the_page_asks_for_the_password_and_a_choice(client, member):
    client.force_login(member)
    response = client.get(URL)
    assert response.status_code == 200
    html = parse(response)
    assert html.one('input[name="confirmation"]')["type"] == "password"
    assert html.one('label[for="id_confirmation"]').text == "Your password"
    assert [r["value"] for r in html.select('input[name="posts"]')] == [
        "keep",
        "remove",
    ]
    assert _checked(response) == []
    assert html.one("legend").text == (
        "What should happen to your questions and replies?"
    )


def test_a_visitor_is_asked_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_wrong_password_is_refused_and_the_choice_kept(client, member):
    client.force_login(member)
    response = client.post(URL, {"posts": "remove", "confirmation": "not-it"})
    assert response.status_code == 200
    assert "That is not your password" in parse(response).text
    assert _checked(response) == ["remove"]
    # The password typed is never sent back.
    assert b"not-it" not in response.content
    member.refresh_from_db()
    assert member.is_active and member.erased_at is None
    assert member.username == USERNAME


def test_a_choice_must_be_made(client, member):
    client.force_login(member)
    response = client.post(URL, {"confirmation": PASSWORD})
    assert response.status_code == 200
    assert "Choose what should happen" in parse(response).text
    member.refresh_from_db()
    assert member.erased_at is None


def test_the_right_password_erases_the_account_and_logs_out(client, member):
    client.force_login(member)
    response = client.post(URL, {"posts": "keep", "confirmation": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("privacy:account-deleted")
    assert SESSION_KEY not in client.session
    done = client.get(response.url)
    assert "Your account is deleted" in parse(done).one("h1").text
    member.refresh_from_db()
    assert member.username.startswith("former-member-")
    assert (member.email, member.first_name, member.last_name) == ("", "", "")
    assert not member.has_usable_password()
    assert not member.is_active
    assert member.erased_at is not None
    assert not EmailAddress.objects.filter(user=member).exists()


def test_every_other_device_is_logged_out_too(client, member):
    phone, laptop = Client(), Client()
    phone.force_login(member)
    laptop.force_login(member)
    assert Session.objects.count() == 2
    phone.post(URL, {"posts": "keep", "confirmation": PASSWORD})
    assert not any(
        s.get_decoded().get(SESSION_KEY) == str(member.pk)
        for s in Session.objects.all()
    )
    response = laptop.get(reverse("privacy:export"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_erased_member_cannot_log_in(client, member):
    client.force_login(member)
    client.post(URL, {"posts": "remove", "confirmation": PASSWORD})
    for login in (USERNAME, EMAIL):
        attempt = Client()
        attempt.post(reverse("account_login"), {"login": login, "password": PASSWORD})
        assert SESSION_KEY not in attempt.session, login
    erased = User.objects.get(pk=member.pk)
    assert not Client().login(username=erased.username, password=PASSWORD)


def test_a_member_without_a_password_types_their_username(client, member):
    member.set_unusable_password()
    member.save()
    client.force_login(member)
    page = client.get(URL)
    field = parse(page).one('input[name="confirmation"]')
    assert field["type"] == "text"
    wrong = client.post(URL, {"posts": "keep", "confirmation": "someone_else"})
    assert "That is not your username" in parse(wrong).text
    assert _checked(wrong) == ["keep"]
    right = client.post(URL, {"posts": "keep", "confirmation": f" {USERNAME} "})
    assert right.status_code == 302
    member.refresh_from_db()
    assert member.erased_at is not None


def test_many_tries_are_refused_for_a_while(client, member, settings):
    settings.PRIVACY_RATE_LIMITS = {**settings.PRIVACY_RATE_LIMITS, "delete": (2, 60)}
    client.force_login(member)
    for _ in range(2):
        client.post(URL, {"posts": "remove", "confirmation": "guess"})
    refused = client.post(URL, {"posts": "remove", "confirmation": PASSWORD})
    assert refused.status_code == 429
    assert "You have tried several times" in parse(refused).text
    assert _checked(refused) == ["remove"]
    member.refresh_from_db()
    assert member.erased_at is None


def test_the_form_needs_its_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = client.post(URL, {"posts": "keep", "confirmation": PASSWORD})
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.erased_at is None


def test_the_account_pages_link_to_both(client, member):
    client.force_login(member)
    page = parse(client.get(reverse("notifications:email-preferences")))
    sidebar = page.get_by_role("navigation", "Account settings")
    links = {link.text: link["href"] for link in sidebar.select("a")}
    assert links["Your data"] == reverse("privacy:export")
    assert links["Delete your account"] == URL
    menu = {link.text: link["href"] for link in page.select(".user-menu-list a")}
    assert menu["Your data"] == reverse("privacy:export")
    assert menu["Delete your account"] == URL
