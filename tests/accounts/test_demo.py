"""The demo community's professionals: verified the way the live site does it."""

import io

import pytest
from django.core.management import call_command

from accounts.models import CredentialDecision, ProfessionalCredential, User

Status = ProfessionalCredential.Status


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_demo_professionals_are_approved_by_staff(seeded):
    staff = User.objects.get(username="staff")
    for username, title in [
        ("dr_synapse", "Neurologist"),
        ("neuro_nurse_jo", "Registered nurse"),
    ]:
        member = User.objects.get(username=username)
        assert (member.is_medical_professional, member.professional_title) == (
            True,
            title,
        )
        credential = ProfessionalCredential.objects.get(user=member)
        assert (credential.status, credential.reviewed_by) == (Status.APPROVED, staff)
        assert CredentialDecision.objects.filter(credential=credential).count() == 1


def test_demo_pending_professional_waits_without_a_badge(seeded):
    member = User.objects.get(username="balance_physio_k")
    assert not member.is_medical_professional
    credential = ProfessionalCredential.objects.get(user=member)
    assert (credential.status, credential.profession) == (
        Status.PENDING,
        "physiotherapist",
    )


def test_demo_credentials_are_seeded_once(seeded):
    before = ProfessionalCredential.objects.count(), CredentialDecision.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    after = ProfessionalCredential.objects.count(), CredentialDecision.objects.count()
    assert before == after == (3, 2)
    assert User.objects.filter(is_medical_professional=True).count() == 2
