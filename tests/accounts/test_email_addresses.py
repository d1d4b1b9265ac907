"""A member has one e-mail address: it can be changed, never added to."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.validators import EMAIL_LOOKALIKE_MESSAGE
from tests.factories import UserFactory
from tests.html import parse

EMAIL_URL = reverse("account_email")


@pytest.fixture
def member(client, db):
    member = UserFactory(username="quiet_reader", email="quiet@example.com")
    client.force_login(member)
    return member


def _add(client, address):
    return client.post(EMAIL_URL, {"action_add": "", "email": address})


def _confirm_link(message) -> str:
    (path,) = re.findall(r"https?://testserver(/\S+)", message.body)
    return path


def test_adding_addresses_never_gives_a_member_a_second_one(client, member):
    for address in ["one@example.com", "two@example.com", "three@example.com"]:
        _add(client, address)
    addresses = EmailAddress.objects.filter(user=member)
    # The confirmed address, and only the latest change waiting for a click.
    assert sorted(addresses.values_list("email", "verified")) == [
        ("quiet@example.com", True),
        ("three@example.com", False),
    ]


def test_only_the_latest_pending_address_can_be_confirmed(client, member):
    _add(client, "one@example.com")
    first_link = _confirm_link(mail.outbox[-1])
    _add(client, "two@example.com")
    response = client.post(first_link)
    assert not EmailAddress.objects.filter(email="one@example.com").exists()
    assert response.status_code in (200, 302, 404)
    member.refresh_from_db()
    assert member.email == "quiet@example.com"


def test_changing_the_address_replaces_it_once_confirmed(client, member):
    _add(client, "new.quiet@example.com")
    assert mail.outbox[-1].to == ["new.quiet@example.com"]
    member.refresh_from_db()
    assert member.email == "quiet@example.com"  # not until it is confirmed
    client.post(_confirm_link(mail.outbox[-1]))
    member.refresh_from_db()
    assert member.email == "new.quiet@example.com"
    assert list(
        EmailAddress.objects.filter(user=member).values_list(
            "email", "verified", "primary"
        )
    ) == [("new.quiet@example.com", True, True)]


def test_the_page_offers_a_change_not_an_addition(client, member):
    page = parse(client.get(EMAIL_URL))
    form = page.one(f'form[action="{EMAIL_URL}"]')
    assert [field.value for field in form.select("input[disabled]")] == [
        "quiet@example.com"
    ]
    assert form.get_by_role("button", "Change Email")


def test_a_lookalike_of_another_members_address_is_refused(client, member):
    UserFactory(username="kate", email="kate@pace.example")
    response = _add(client, "kate@\u0440\u0430\u0441\u0435.example")
    assert EMAIL_LOOKALIKE_MESSAGE in response.content.decode()
    assert EmailAddress.objects.filter(user=member).count() == 1
