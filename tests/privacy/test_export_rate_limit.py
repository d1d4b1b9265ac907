"""Downloading one's data is rate-limited, with a 429 and a clear message."""

from django.urls import reverse

from tests.factories import UserFactory


def test_the_limit_refuses_with_a_clear_message(client, member, settings):
    settings.PRIVACY_RATE_LIMITS = {**settings.PRIVACY_RATE_LIMITS, "export": (2, 60)}
    client.force_login(member)
    for _ in range(2):
        assert client.post(reverse("privacy:export")).status_code == 200
    refused = client.post(reverse("privacy:export"))
    assert refused.status_code == 429
    assert "Content-Disposition" not in refused
    assert b"You have asked for your data several times" in refused.content
    assert b"Please wait an hour" in refused.content


def test_the_limit_is_each_member_s_own(client, member, settings):
    settings.PRIVACY_RATE_LIMITS = {**settings.PRIVACY_RATE_LIMITS, "export": (1, 60)}
    client.force_login(member)
    client.post(reverse("privacy:export"))
    assert client.post(reverse("privacy:export")).status_code == 429
    client.force_login(UserFactory(username="another_reader"))
    assert client.post(reverse("privacy:export")).status_code == 200


def test_looking_at_the_page_costs_nothing(client, member, settings):
    settings.PRIVACY_RATE_LIMITS = {**settings.PRIVACY_RATE_LIMITS, "export": (1, 60)}
    client.force_login(member)
    for _ in range(3):
        assert client.get(reverse("privacy:export")).status_code == 200
    assert client.post(reverse("privacy:export")).status_code == 200
