"""Nobody signs up with a name that reads like an erased account's."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.validators import is_reserved


@pytest.mark.parametrize(
    "name", ["former-member-1a2b", "Former_Member", "formermember9"]
)
def test_former_member_names_are_reserved(name):
    assert is_reserved(name)


@pytest.mark.parametrize("name", ["formerly_ill", "member_former", "anna"])
def test_ordinary_names_are_not(name):
    assert not is_reserved(name)


def test_the_sign_up_form_refuses_one(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "imposter@example.com",
            "username": "former-member-abc123",
            "password1": "calm-otter-river-42",
            "password2": "calm-otter-river-42",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="imposter@example.com").exists()
