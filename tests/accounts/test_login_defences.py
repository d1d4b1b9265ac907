"""Log-in limits lock out attackers only (accounts/adapter.py).

Two accounts share one address, as members behind one office network or
one misconfigured proxy do: an attacker guessing at one must never stop the
other, nor the account's owner on a browser they have signed in on before.
"""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.adapter import DEVICE_COOKIE, account_key
from tests.factories import PASSWORD, UserFactory

SHARED = "203.0.113.10"  # One address, e.g. an office's or an unconfigured proxy's.
ELSEWHERE = "198.51.100.20"
REFUSED = "Too many failed login attempts"


@pytest.fixture
def alice(db):
    return UserFactory(username="alice_walker", email="alice@example.com")


@pytest.fixture
def bob(db):
    return UserFactory(username="bob_baker", email="bob@example.com")


def _browser(address: str = SHARED, **headers) -> Client:
    return Client(REMOTE_ADDR=address, **headers)


def _log_in(client: Client, login: str, password: str = PASSWORD, **extra) -> str:
    """Post the site's log-in form; say whether it signed in, failed or refused."""
    response = client.post(
        reverse("account_login"), {"login": login, "password": password}, **extra
    )
    if response.status_code == 302 and "_auth_user_id" in client.session:
        return "signed in"
    assert response.status_code == 200
    errors = " ".join(response.context["form"].non_field_errors())
    return "refused" if REFUSED in errors else "wrong"


def _known_device(user, address: str = SHARED) -> Client:
    """A browser user has signed in on before, and signed out of since."""
    browser = _browser(address)
    assert _log_in(browser, user.username) == "signed in"
    assert DEVICE_COOKIE in browser.cookies
    browser.post(reverse("account_logout"))
    assert "_auth_user_id" not in browser.session
    return browser


def _hammer(client: Client, login: str, times: int, **extra) -> list[str]:
    return [_log_in(client, login, "wrong-guess", **extra) for _ in range(times)]


def test_limits_refuse_an_attacker_before_checking_the_password(alice):
    attacker = _browser()
    outcomes = _hammer(attacker, alice.username, 8)
    assert outcomes == ["wrong"] * 5 + ["refused"] * 3
    # Even the right password is refused to a browser without history.
    assert _log_in(_browser(ELSEWHERE), alice.username) == "refused"


def test_attacker_on_one_account_does_not_block_another_member_at_that_address(
    alice, bob
):
    bobs_browser = _known_device(bob)
    attacker = _browser()
    # Enough to fill the address's bucket (10 a minute) and alice's.
    outcomes = _hammer(attacker, alice.username, 15)
    assert outcomes[-1] == "refused"
    assert _log_in(bobs_browser, bob.username) == "signed in"


def test_attacker_does_not_block_the_owner_on_a_known_device(alice):
    alices_browser = _known_device(alice)
    attacker = _browser()  # Guessing from alice's own address.
    assert _hammer(attacker, alice.email, 15)[-1] == "refused"
    assert _log_in(alices_browser, alice.email) == "signed in"


def test_a_known_device_passes_only_for_its_own_account(alice, bob):
    bobs_browser = _known_device(bob)
    _hammer(_browser(ELSEWHERE), alice.username, 5)
    assert _log_in(bobs_browser, alice.username) == "refused"


def test_a_known_device_gets_no_more_guesses_than_the_account(alice):
    # A stolen device cookie must not turn into unlimited guessing.
    alices_browser = _known_device(alice)
    assert _hammer(alices_browser, alice.username, 6)[-1] == "refused"
    assert _log_in(alices_browser, alice.username) == "refused"
    # The account's own bucket is still the attacker's to fill, not the owner's.
    assert _log_in(_browser(ELSEWHERE), alice.username) == "signed in"


def test_a_forged_device_cookie_counts_for_nothing(alice):
    _hammer(_browser(ELSEWHERE), alice.username, 5)
    forger = _browser()
    forger.cookies[DEVICE_COOKIE] = f"[[{alice.pk}, 'guessed']]"
    assert _log_in(forger, alice.username) == "refused"


def test_another_port_in_host_gives_no_fresh_attempts(alice):
    attacker = _browser()
    _hammer(attacker, alice.username, 5, HTTP_HOST="testserver:8000")
    for port in ("8001", "443", "65535"):
        host = {"HTTP_HOST": f"testserver:{port}"}
        assert _log_in(_browser(ELSEWHERE), alice.username, **host) == "refused"


def test_username_and_email_in_any_case_share_one_bucket(alice):
    attacker = _browser()
    _hammer(attacker, "ALICE_WALKER", 2)
    _hammer(attacker, "Alice@Example.com", 2)
    _hammer(attacker, alice.username, 1)
    assert _log_in(_browser(ELSEWHERE), alice.email) == "refused"
    assert account_key("ALICE@example.COM") == account_key("Alice_Walker")


def test_logins_of_no_account_are_limited_too(db):
    attacker = _browser()
    assert _hammer(attacker, "Nobody@Example.com", 6)[-1] == "refused"
    assert _log_in(_browser(ELSEWHERE), "nobody@example.com", "x") == "refused"


def test_x_forwarded_for_is_ignored_unless_the_proxy_is_configured(alice, bob):
    # Unconfigured, a client cannot pick a fresh address for each guess.
    attacker = _browser()
    outcomes = [
        _log_in(attacker, f"member_{n}", "x", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
        for n in range(11)
    ]
    assert outcomes[-1] == "refused"
    fresh = _browser(HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert _log_in(fresh, bob.username) == "refused"


def test_behind_the_configured_proxy_each_visitor_has_their_own_address(
    settings, alice, bob
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"  # Every request arrives from the proxy.
    attacker = _browser(proxy, HTTP_X_FORWARDED_FOR="192.0.2.66")
    assert _hammer(attacker, alice.username, 15)[-1] == "refused"
    # A first-time browser of another member, through the same proxy.
    bobs_browser = _browser(proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert _log_in(bobs_browser, bob.username) == "signed in"
    # What the client wrote itself comes before what the proxy appended.
    spoofer = _browser(proxy, HTTP_X_FORWARDED_FOR="198.51.100.7, 192.0.2.66")
    assert _log_in(spoofer, "someone_else", "x") == "refused"


def test_success_takes_back_its_attempt(alice):
    browser = _browser()
    for _ in range(12):
        assert _log_in(browser, alice.username) == "signed in"
        browser.post(reverse("account_logout"))


# --- Staff sign in through the same door. ----------------------------------


def test_admin_log_in_sends_staff_to_the_site_log_in_keeping_next(client):
    next_url = reverse("admin:forum_thread_changelist")
    response = client.get(reverse("admin:login"), {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('account_login')}?next={next_url.replace('/', '%2F')}"
    )


def test_admin_log_in_form_no_longer_signs_anyone_in(client, staff):
    response = client.post(
        reverse("admin:login"), {"username": staff.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_admin_pages_lead_to_the_site_log_in(client):
    page = reverse("admin:forum_thread_changelist")
    response = client.get(page, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert response.context["redirect_field_value"] == page


def test_staff_land_on_the_admin_page_they_asked_for(staff):
    browser = _browser()
    page = reverse("admin:forum_thread_changelist")
    response = browser.post(
        f"{reverse('account_login')}?next={page}",
        {"login": staff.username, "password": PASSWORD},
    )
    assert response["Location"] == page
    assert browser.get(reverse("admin:login"), {"next": page})["Location"] == page


def test_a_member_who_is_not_staff_is_refused_not_looped(client, user):
    client.force_login(user)
    assert client.get(reverse("admin:login")).status_code == 403


def test_wrong_staff_passwords_via_the_admin_are_refused_like_any_other(staff):
    attacker = _browser()
    log_in = attacker.get(reverse("admin:login"), follow=True)
    assert log_in.redirect_chain[-1][0].startswith(reverse("account_login"))
    outcomes = _hammer(attacker, staff.username, 25)
    assert outcomes.count("refused") == 20
    assert _log_in(attacker, staff.username) == "refused"
    assert _log_in(_browser(ELSEWHERE), staff.email) == "refused"
