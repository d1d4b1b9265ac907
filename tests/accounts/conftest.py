import pytest

from accounts import services
from tests.factories import UserFactory

APPLICATION = {
    "profession": "physician",
    "specialty": "Neurology",
    "licence_number": "GMC-7654321",
    "licensing_body": "General Medical Council",
    "region": "United Kingdom",
    "register_url": "https://register.example.org/7654321",
    "note": "I work in a headache clinic.",
}


@pytest.fixture
def applicant(db):
    return UserFactory(username="dr_okafor")


@pytest.fixture
def pending(applicant):
    """A pending application by applicant, a neurologist."""
    return services.apply_for_verification(user=applicant, **APPLICATION)


@pytest.fixture
def approved(pending, staff):
    """The application, approved by staff: applicant now has the badge."""
    return services.approve_credential(reviewer=staff, credential=pending)
