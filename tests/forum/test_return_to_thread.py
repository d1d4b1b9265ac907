"""Logging in or signing up from a thread brings the member back to it."""

import re
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from core.pagecache import HEADER
from tests.factories import PASSWORD
from tests.html import parse

NEW_PASSWORD = "calm-otter-river-42"


def _next_of(href: str) -> str:
    (value,) = parse_qs(urlsplit(href).query)["next"]
    return value


def _header_link(page, name: str) -> str:
    return parse(page).one("header.site-header").get_by_role("link", name)["href"]


def _prompt_link(page, name: str) -> str:
    return parse(page).one("section.reply-form").get_by_role("link", name)["href"]


def test_header_links_on_a_thread_carry_the_thread_page(client, thread):
    url = f"{thread.get_absolute_url()}?sort=oldest&from=professionals"
    page = client.get(url)
    assert _next_of(_header_link(page, "Log in")) == url
    assert _next_of(_header_link(page, "Sign up")) == url
    assert urlsplit(_header_link(page, "Sign up")).path == reverse("account_signup")


def test_reply_prompt_links_lead_back_to_the_reply_form(client, thread):
    page = client.get(thread.get_absolute_url())
    back = f"{thread.get_absolute_url()}#reply-heading"
    assert _next_of(_prompt_link(page, "Log in")) == back
    assert _next_of(_prompt_link(page, "sign up")) == back


def test_a_stored_page_links_back_only_to_its_canonical_address(thread):
    url = thread.get_absolute_url()
    Client().get(f"{url}?sort=oldest&sort=newest&utm=evil.example")
    page = Client().get(f"{url}?sort=newest")
    assert page[HEADER] == "hit"
    for name in ("Log in", "Sign up"):
        assert _next_of(_header_link(page, name)) == f"{url}?sort=newest"
    assert "evil.example" not in page.content.decode()


def test_the_log_in_page_passes_the_thread_on_to_sign_up(client, thread):
    back = thread.get_absolute_url()
    page = client.get(reverse("account_login"), {"next": back})
    assert _next_of(_header_link(page, "Sign up")) == back


def test_after_log_in_the_member_is_back_on_the_thread(client, thread, other_user):
    page = client.get(thread.get_absolute_url())
    log_in = _header_link(page, "Log in")
    form = parse(client.get(log_in)).one("main form")
    assert form.one('input[name="next"]').value == thread.get_absolute_url()
    response = client.post(
        log_in,
        {
            "login": other_user.username,
            "password": PASSWORD,
            "next": form.one('input[name="next"]').value,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == thread.get_absolute_url()
    assert client.session[SESSION_KEY] == str(other_user.pk)


def _link_in(message) -> str:
    (path,) = re.findall(r"https?://testserver(/\S+)", message.body)
    return path


def test_confirming_the_address_signs_in_and_returns_to_the_thread(client, thread):
    page = client.get(f"{thread.get_absolute_url()}?sort=newest")
    sign_up = _header_link(page, "Sign up")
    form = parse(client.get(sign_up)).one("main form")
    back = form.one('input[name="next"]').value
    assert back == f"{thread.get_absolute_url()}?sort=newest"
    response = client.post(
        sign_up,
        {
            "email": "worried.parent@example.com",
            "username": "worried_parent",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "consent": "on",
            "next": back,
        },
    )
    assert response["Location"] == reverse("account_email_verification_sent")
    assert SESSION_KEY not in client.session

    confirm = _link_in(mail.outbox[-1])
    assert client.get(confirm).status_code == 200
    response = client.post(confirm)
    assert response.status_code == 302
    assert response["Location"] == back
    member = User.objects.get(username="worried_parent")
    assert client.session[SESSION_KEY] == str(member.pk)
    assert client.get(back).status_code == 200


def test_a_confirmation_link_opened_elsewhere_confirms_without_signing_in(
    client, thread
):
    client.post(
        reverse("account_signup"),
        {
            "email": "worried.parent@example.com",
            "username": "worried_parent",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "consent": "on",
            "next": thread.get_absolute_url(),
        },
    )
    other_browser = Client()
    response = other_browser.post(_link_in(mail.outbox[-1]))
    assert response.status_code == 302
    assert SESSION_KEY not in other_browser.session
