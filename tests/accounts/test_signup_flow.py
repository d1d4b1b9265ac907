"""Signing up, confirming, logging in and out through django-allauth."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory
from tests.html import parse

PASSWORD = "calm-otter-river-42"


def _signup(client, **overrides):
    data = {
        "email": "quiet.reader@example.com",
        "username": "quiet_reader",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


def _log_in(client, login, password=PASSWORD, next_url=None):
    data = {"login": login, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("account_login"), data)


def _link_in(message) -> str:
    """Return the path of the one site link in a mail's body."""
    (path,) = re.findall(r"https?://testserver(/\S+)", message.body)
    return path


def _is_logged_in(client) -> bool:
    return SESSION_KEY in client.session


def _assert_site_layout(page):
    root = page.one("html")
    assert (root["lang"], root.classes) == ("en", {"text-medium"})
    assert page.get_by_role("link", "Skip to main content")["href"] == "#main"
    page.one("main#main")
    brand = page.get_by_role("link", "Health Forum")
    assert (brand.classes, brand["href"]) == ({"brand"}, reverse("forum:index"))


@pytest.fixture
def confirmed(client, db):
    """Sign up quiet_reader and confirm the address from the mail."""
    _signup(client)
    confirm_url = _link_in(mail.outbox[-1])
    client.get(confirm_url)
    client.post(confirm_url)
    client.logout()
    mail.outbox.clear()
    return User.objects.get(username="quiet_reader")


# --- Signing up and confirming. ---------------------------------------------


def test_signup_sends_one_confirmation_mail_and_asks_to_check_it(client, db):
    response = _signup(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["quiet.reader@example.com"]
    assert message.subject.startswith("[Health Forum] ")
    assert "/accounts/confirm-email/" in _link_in(message)
    user = User.objects.get(username="quiet_reader")
    assert user.email == "quiet.reader@example.com"
    assert not EmailAddress.objects.get(user=user).verified


def test_member_is_not_logged_in_straight_after_signup(client, db):
    _signup(client)
    assert not _is_logged_in(client)
    response = client.get(reverse("account_email_verification_sent"))
    assert response.status_code == 200


def test_member_cannot_log_in_before_confirming_email(client, db):
    _signup(client)
    mail.outbox.clear()
    response = _log_in(client, "quiet.reader@example.com")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not _is_logged_in(client)


def test_following_the_mailed_link_confirms_the_address(client, db):
    _signup(client)
    confirm_url = _link_in(mail.outbox[0])
    page = client.get(confirm_url)
    assert page.status_code == 200
    main = parse(page).one("main")
    address = main.get_by_role("link", "quiet.reader@example.com")
    assert address["href"] == "mailto:quiet.reader@example.com"
    main.one(f'form[action="{confirm_url}"]').get_by_role("button", "Confirm")
    response = client.post(confirm_url)
    assert response.status_code == 302
    address = EmailAddress.objects.get(email="quiet.reader@example.com")
    assert address.verified
    assert address.primary


def test_a_made_up_confirmation_key_confirms_nothing(client, db):
    _signup(client)
    url = reverse("account_confirm_email", kwargs={"key": "not-a-real-key"})
    client.post(url)
    assert not EmailAddress.objects.get(email="quiet.reader@example.com").verified


# --- Logging in and out. ----------------------------------------------------


def test_confirmed_member_logs_in_by_email_and_lands_on_next(client, confirmed):
    response = _log_in(client, "quiet.reader@example.com", next_url="/ask/")
    assert response.status_code == 302
    assert response["Location"] == "/ask/"
    assert client.session[SESSION_KEY] == str(confirmed.pk)


def test_confirmed_member_logs_in_by_username_and_lands_on_next(client, confirmed):
    forum_url = reverse("forum:forum-detail", kwargs={"slug": "neurology"})
    response = _log_in(client, "quiet_reader", next_url=forum_url)
    assert response.status_code == 302
    assert response["Location"] == forum_url
    assert client.session[SESSION_KEY] == str(confirmed.pk)


def test_log_in_without_next_lands_on_the_forum_index(client, confirmed):
    response = _log_in(client, "quiet_reader")
    assert response["Location"] == reverse("forum:index")


def test_log_in_ignores_an_offsite_next(client, confirmed):
    response = _log_in(client, "quiet_reader", next_url="https://evil.example.com/")
    assert response.status_code == 302
    assert response["Location"] == reverse("forum:index")
    assert _is_logged_in(client)


def test_wrong_password_shows_an_error_and_keeps_the_email(client, confirmed):
    response = _log_in(client, "quiet.reader@example.com", password="wrong-guess")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    form = parse(response).one(f'form[action="{reverse("account_login")}"]')
    assert "not correct" in form.one(".alert-danger").text
    assert form.one('[name="login"]').value == "quiet.reader@example.com"
    assert form.one('[name="password"]').value == ""
    assert PASSWORD not in response.content.decode()
    assert not _is_logged_in(client)


def test_log_out_needs_a_post(client, user):
    client.force_login(user)
    response = client.get(reverse("account_logout"))
    assert response.status_code == 200
    assert _is_logged_in(client)


def test_log_out_by_post_logs_out(client, user):
    client.force_login(user)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("forum:index")
    assert not _is_logged_in(client)


# --- Refusals. ---------------------------------------------------------------


def test_duplicate_username_is_refused_with_a_message(client, db):
    UserFactory(username="quiet_reader", email="first@example.com")
    response = _signup(client)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "username" in errors
    assert "already" in " ".join(errors["username"])
    assert "already" in parse(response).one("#id_username_error").text
    assert User.objects.filter(username="quiet_reader").count() == 1
    assert mail.outbox == []


def test_duplicate_username_differing_in_case_is_refused(client, db):
    UserFactory(username="quiet_reader", email="first@example.com")
    response = _signup(client, username="Quiet_Reader")
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert User.objects.count() == 1


def test_duplicate_email_is_refused_without_revealing_the_account(client, db):
    # allauth's enumeration protection: the form looks like a fresh sign-up,
    # so nobody learns that an address belongs to a member of a health forum;
    # the address's owner is told by mail instead.
    owner = UserFactory(username="first_owner", email="quiet.reader@example.com")
    response = _signup(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert list(User.objects.filter(email__iexact=owner.email)) == [owner]
    assert not User.objects.filter(username="quiet_reader").exists()
    (message,) = mail.outbox
    assert message.to == ["quiet.reader@example.com"]
    assert "already exists" in message.body
    assert "/accounts/password/reset/" in _link_in(message)
    assert not _is_logged_in(client)


def test_mismatched_passwords_are_refused(client, db):
    response = _signup(client, password2="something-else-42")
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert not User.objects.exists()


# --- Password reset. ----------------------------------------------------------


def test_password_reset_mail_link_sets_a_new_password(client, confirmed):
    response = client.post(
        reverse("account_reset_password"), {"email": "quiet.reader@example.com"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    (message,) = mail.outbox
    assert message.to == ["quiet.reader@example.com"]
    reset_url = _link_in(message)

    # The key moves from the URL into the session before the form is shown.
    response = client.get(reset_url)
    assert response.status_code == 302
    reset_url = response["Location"]
    assert reset_url.endswith("-set-password/")
    response = client.get(reset_url)
    assert response.status_code == 200
    assert "password1" in response.context["form"].fields
    new_password = "steady-heron-pond-77"
    response = client.post(
        reset_url, {"password1": new_password, "password2": new_password}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_from_key_done")

    client.logout()
    assert not _is_logged_in(client)
    assert _log_in(client, "quiet_reader", password=PASSWORD).status_code == 200
    assert not _is_logged_in(client)
    response = _log_in(client, "quiet.reader@example.com", password=new_password)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(confirmed.pk)


def test_password_reset_link_works_only_once(client, confirmed):
    client.post(reverse("account_reset_password"), {"email": confirmed.email})
    reset_url = _link_in(mail.outbox[0])
    form_url = client.get(reset_url)["Location"]
    new_password = "steady-heron-pond-77"
    client.post(form_url, {"password1": new_password, "password2": new_password})
    client.logout()
    response = client.get(reset_url, follow=True)
    assert response.context["token_fail"]


def test_password_reset_for_unknown_email_sends_no_reset_link(client, db):
    response = client.post(
        reverse("account_reset_password"), {"email": "nobody@example.com"}
    )
    assert response.status_code == 302
    assert all("password/reset/key" not in m.body for m in mail.outbox)


# --- Our layout and words. ----------------------------------------------------


def test_signup_page_advises_an_anonymous_username(client, db):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    page = parse(response)
    assert page.one("#id_username")["aria-describedby"] == "id_username_helptext"
    username_help = page.one("#id_username_helptext").text
    assert "Choose a name that does not identify you" in username_help
    assert page.one("#id_email")["aria-describedby"] == "id_email_helptext"
    assert page.one("#id_email_helptext").text.startswith("Never shown to anyone")


@pytest.mark.parametrize(
    "url_name",
    [
        "account_signup",
        "account_login",
        "account_reset_password",
        "account_email_verification_sent",
    ],
)
def test_account_pages_render_in_the_site_layout(client, db, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    _assert_site_layout(parse(response))


def test_logout_page_renders_in_the_site_layout(client, user):
    client.force_login(user)
    page = parse(client.get(reverse("account_logout")))
    _assert_site_layout(page)
    page.get_by_role("button", "Log out")
