"""Nobody signs up as staff, the site, or a look-alike of another member."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import User
from accounts.validators import (
    COMPATIBILITY_MESSAGE,
    EMAIL_LOOKALIKE_MESSAGE,
    EMAIL_MIXED_SCRIPTS_MESSAGE,
    INVISIBLE_MESSAGE,
    MIXED_SCRIPTS_MESSAGE,
    RESERVED_MESSAGE,
    RESERVED_USERNAMES,
    skeleton,
)
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


def _error(response, field: str) -> str:
    """Return the error the sign-up page shows beside field."""
    assert response.status_code == 200, "the sign-up went through"
    return parse(response).one(f"#id_{field}_error").text


# --- Reserved names. -----------------------------------------------------------


@pytest.mark.parametrize("name", RESERVED_USERNAMES)
def test_every_reserved_name_is_refused(client, db, name):
    response = _signup(client, username=name)
    assert RESERVED_MESSAGE in _error(response, "username")
    assert not User.objects.filter(username=name).exists()


@pytest.mark.parametrize(
    "name",
    [
        "Admin",
        "ADMINISTRATOR",
        "ad_min",
        "Health.Forum",
        "health-forum",
        "\u0430dmin",  # Cyrillic а
        "\uff41\uff44\uff4d\uff49\uff4e",  # full-width ａｄｍｉｎ
        "\u039cod",  # Greek capital mu
        "m\u043ederator",  # Cyrillic о
        "\u0455taff",  # Cyrillic ѕ
        "\u04bb\u0435\u04cf\u0440",  # all Cyrillic, reads "help"
    ],
)
def test_reserved_names_are_refused_however_they_are_spelled(client, db, name):
    response = _signup(client, username=name)
    assert RESERVED_MESSAGE in _error(response, "username")
    assert User.objects.count() == 0


# --- Look-alikes of existing members. ------------------------------------------


@pytest.fixture
def kate(db):
    return UserFactory(username="kate_fixit")


@pytest.mark.parametrize(
    "name",
    [
        "Kate_fixit",  # case only
        "\u212aate_fixit",  # Kelvin sign K
        "kate_\ufb01xit",  # ﬁ ligature
        "\uff4bate_fixit",  # full-width ｋ
        "k\u0430te_fixit",  # Cyrillic а
        "kat\u0435_fixit",  # Cyrillic е
        "k\u03b1te_fixit",  # Greek alpha
    ],
)
def test_lookalikes_of_a_member_are_refused(client, kate, name):
    response = _signup(client, username=name)
    assert _error(response, "username")
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("\u212aate_fixit", COMPATIBILITY_MESSAGE),
        ("kate_\ufb01xit", COMPATIBILITY_MESSAGE),
        ("\uff4bate_fixit", COMPATIBILITY_MESSAGE),
        ("k\u0430te_fixit", MIXED_SCRIPTS_MESSAGE),
        ("k\u03b1te_fixit", MIXED_SCRIPTS_MESSAGE),
        ("k\u0430te_\u03b1", MIXED_SCRIPTS_MESSAGE),
        ("kate\u3164fixit", INVISIBLE_MESSAGE),
        ("\u3164\u3164\u3164", INVISIBLE_MESSAGE),
    ],
)
def test_each_refusal_says_why(client, kate, name, message):
    assert message in _error(_signup(client, username=name), "username")


def test_a_name_made_only_of_lookalike_letters_collides_with_the_member(client, db):
    UserFactory(username="pace")
    # Every letter Cyrillic, so one script; it still reads "pace".
    response = _signup(client, username="\u0440\u0430\u0441\u0435")
    assert "looks the same" in _error(response, "username")


def test_an_ordinary_new_name_is_accepted(client, kate):
    response = _signup(client, username="kate_fixes")
    assert response.status_code == 302
    user = User.objects.get(username="kate_fixes")
    assert user.username_skeleton == "kate_fixes"


@pytest.mark.parametrize("name", ["Зоя_Петрова", "Ελένη", "山田太郎", "Zoë"])
def test_names_in_one_alphabet_are_accepted(client, db, name):
    response = _signup(client, username=name, email="zoya@example.com")
    assert response.status_code == 302
    assert User.objects.filter(username=name).exists()


def test_two_lookalike_names_cannot_both_be_stored(kate):
    # The constraint holds even when two sign-ups race past the form.
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(username="\u212aATE_FIXIT")


def test_skeleton_follows_a_renamed_member(kate):
    kate.username = "Kate_Mends"
    kate.save(update_fields=["username"])
    kate.refresh_from_db()
    assert kate.username_skeleton == "kate_mends"
    assert skeleton("K\u0430te_Mends") == "kate_mends"


def test_staff_cannot_rename_a_member_to_a_lookalike(admin_client, kate):
    other = UserFactory(username="helper")
    url = reverse("admin:accounts_user_change", args=[other.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    form = {
        element["name"]: element.value
        for element in parse(page).select("form#user_form [name]")
        if element.tag != "button"
        and (element.attrs.get("type") not in ("checkbox", "submit"))
    }
    form["username"] = "k\u0430te_fixit"
    response = admin_client.post(url, form)
    assert response.status_code == 200
    assert "looks the same" in response.content.decode()
    other.refresh_from_db()
    assert other.username == "helper"


# --- E-mail addresses. ---------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "KATE@EXAMPLE.COM",
        "\u212aate@example.com",  # the Kelvin sign lower-cases to a plain k
    ],
)
def test_the_same_address_is_left_to_allauth(client, kate, address):
    """Allauth treats these as the address itself and creates nothing."""
    kate.email = "kate@example.com"
    kate.save()
    response = _signup(client, username="kate_two", email=address)
    # Allauth answers as if signing up worked, so the page reveals nothing.
    assert response.status_code == 302
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("address", "message"),
    [
        # Django's validator takes only ASCII before the @.
        ("\uff4bate@pace.example", "Enter a valid email address."),  # full-width
        ("\u043a\u0430\u0442\u0435@pace.example", "Enter a valid email address."),
        # After it, international domains are welcome, look-alikes are not.
        ("kate@\uff50ace.example", EMAIL_LOOKALIKE_MESSAGE),  # full-width ｐ
        ("kate@\u0440\u0430\u0441\u0435.example", EMAIL_LOOKALIKE_MESSAGE),  # Cyrillic
        ("kate@p\u0430ce.example", EMAIL_MIXED_SCRIPTS_MESSAGE),  # one Cyrillic а
    ],
)
def test_lookalike_of_a_members_address_is_refused(client, kate, address, message):
    kate.email = "kate@pace.example"
    kate.save()
    response = _signup(client, username="kate_two", email=address)
    assert message in _error(response, "email")
    assert User.objects.count() == 1


def test_an_address_mixing_alphabets_is_refused(client, db):
    response = _signup(client, email="quiet.reader@ex\u0430mple.com")
    assert EMAIL_MIXED_SCRIPTS_MESSAGE in _error(response, "email")


def test_a_member_with_an_international_domain_is_not_imitated(client, db):
    UserFactory(username="ivan", email="ivan@\u043f\u043e\u0447\u0442\u0430.example")
    # The same domain with one letter full-width: NFKC makes them one address.
    response = _signup(client, email="ivan@\u043f\u043e\u0447\u0442\uff41.example")
    assert _error(response, "email")
    response = _signup(client, email="ivan@\u043f\u043e\u0447\u0442\u0430.example")
    assert response.status_code == 302  # the very same address: allauth's answer
    assert User.objects.count() == 1


def test_an_ordinary_new_address_is_accepted(client, kate):
    kate.email = "kate@example.com"
    kate.save()
    response = _signup(client, username="kate_two", email="kate.two@example.com")
    assert response.status_code == 302
    assert User.objects.filter(email="kate.two@example.com").exists()
