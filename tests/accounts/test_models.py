"""Credentials as stored: badge titles, the one-open rule, the disclaimer."""

import pytest
from django.db import IntegrityError

from accounts.models import (
    DEFAULT_DISCLAIMER,
    ProfessionalCredential,
    ProfessionalDisclaimer,
)
from tests.factories import ProfessionalCredentialFactory, UserFactory

Status = ProfessionalCredential.Status


@pytest.mark.parametrize(
    ("profession", "specialty", "title"),
    [
        ("physician", "Neurology", "Neurologist"),
        ("physician", "  neurology ", "Neurologist"),
        ("physician", "Paediatric   Neurology", "Paediatric neurologist"),
        ("physician", "Pediatrics", "Paediatrician"),
        ("physician", "General practice", "General practitioner"),
        ("physician", "Aviation medicine", "Physician"),
        ("physician", "", "Physician"),
        ("registered_nurse", "Neuroscience nursing", "Registered nurse"),
        ("nurse_practitioner", "", "Nurse practitioner"),
        ("physician_assistant", "Neurology", "Physician assistant"),
        ("pharmacist", "", "Pharmacist"),
        ("physiotherapist", "Vestibular rehabilitation", "Physiotherapist"),
        ("psychologist", "Neuropsychology", "Psychologist"),
        ("other", "dietitian", "Dietitian"),
        ("other", "", "Health professional"),
    ],
)
def test_badge_title_is_derived_from_profession_and_specialty(
    profession, specialty, title
):
    credential = ProfessionalCredential(profession=profession, specialty=specialty)
    assert credential.title == title


def test_database_refuses_a_second_open_credential(db):
    member = UserFactory()
    ProfessionalCredentialFactory(user=member, status=Status.APPROVED)
    with pytest.raises(IntegrityError):
        ProfessionalCredentialFactory(user=member, status=Status.PENDING)


def test_database_keeps_any_number_of_closed_credentials(db):
    member = UserFactory()
    for status in (Status.REJECTED, Status.WITHDRAWN, Status.REVOKED, Status.REJECTED):
        ProfessionalCredentialFactory(user=member, status=status)
    ProfessionalCredentialFactory(user=member, status=Status.PENDING)
    assert ProfessionalCredential.objects.filter(user=member).open().count() == 1


def test_database_keeps_one_disclaimer_row(db):
    ProfessionalDisclaimer.objects.create(pk=1, text="One.")
    with pytest.raises(IntegrityError):
        ProfessionalDisclaimer.objects.create(pk=2, text="Two.")


def test_disclaimer_text_defaults_and_is_read_once(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert ProfessionalDisclaimer.objects.current_text() == DEFAULT_DISCLAIMER
    with django_assert_num_queries(0):
        for _ in range(3):
            assert ProfessionalDisclaimer.objects.current_text() == DEFAULT_DISCLAIMER


def test_default_disclaimer_says_what_it_must():
    assert "educational purposes" in DEFAULT_DISCLAIMER
    assert "not a substitute for a visit to your own doctor" in DEFAULT_DISCLAIMER
