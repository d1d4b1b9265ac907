"""The consent history goes into the member's download, and outlives their
account without their name: the record that the site held their words with
their consent, and when that ended."""

import json
from datetime import UTC, datetime

import pytest

from accounts import consent
from accounts.models import HealthDataConsent
from privacy import services
from privacy.export import export_json

from .conftest import USERNAME

FIRST_WITHDRAWN = datetime(2026, 2, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def agreed_twice(member, neighbour):
    """The member agreed at sign-up, withdrew on 1 February, then agreed again."""
    consent.withdraw_health_consent(member=member)
    HealthDataConsent.objects.filter(member=member).update(withdrawn_at=FIRST_WITHDRAWN)
    consent.give_health_consent(member=member, via="consent_page")
    return member


def test_the_download_lists_each_consent_with_the_words_agreed_to(agreed_twice):
    data = json.loads(export_json(agreed_twice))
    first, second = data["consents"]
    assert first["about"] == "Keeping what you write about your health"
    assert (first["wording_version"], first["given_on"]) == (1, "Sign-up form")
    assert first["withdrawn_at"] == "2026-02-01T09:30:00Z"
    assert first["wording"] == consent.WORDINGS[1].text
    assert "What withdrawing means" in first["wording"]
    assert (second["given_on"], second["withdrawn_at"]) == ("Consent page", None)
    assert first["given_at"] < second["given_at"]


def test_the_download_holds_no_one_elses_consents(agreed_twice, neighbour):
    data = json.loads(export_json(agreed_twice))
    assert len(data["consents"]) == 2
    assert HealthDataConsent.objects.filter(member=neighbour).exists()


def test_the_file_says_what_its_consents_are(agreed_twice):
    notes = json.loads(export_json(agreed_twice))["about_this_file"]["notes"]
    assert any("Under consents" in note for note in notes)


@pytest.mark.parametrize("remove_posts", [False, True])
def test_deleting_the_account_ends_consent_and_keeps_the_record_nameless(
    agreed_twice, remove_posts
):
    member = services.delete_account(member=agreed_twice, remove_posts=remove_posts)
    rows = list(HealthDataConsent.objects.filter(member=member).order_by("given_at"))
    assert len(rows) == 2
    # The earlier withdrawal keeps its date; the consent that stood ends now.
    assert rows[0].withdrawn_at == FIRST_WITHDRAWN
    assert rows[1].withdrawn_at is not None
    assert rows[1].withdrawn_at >= rows[1].given_at
    member.refresh_from_db()
    assert member.health_consent_version is None
    assert member.username.startswith("former-member-")
    assert all(USERNAME not in str(row) for row in rows)


def test_staff_erasure_ends_consent_the_same_way(agreed_twice, staff):
    services.erase_member(
        staff=staff, member=agreed_twice, remove_posts=False, reason="Asked by post"
    )
    assert not HealthDataConsent.objects.filter(
        member=agreed_twice, withdrawn_at__isnull=True
    ).exists()
