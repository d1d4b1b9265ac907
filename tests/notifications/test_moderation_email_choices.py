"""Staff's decisions are e-mailed at once, whatever a member chose.

No choice, digest or unsubscribe link stops them: they are service messages.
"""

from io import StringIO

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from accounts import services as account_services
from accounts.models import Sanction
from notifications import emails, preferences
from notifications.models import Delivery, EmailPreference, Kind, Notification
from tests.factories import ModeratorFactory, UserFactory
from tests.html import parse

PREFERENCES = reverse("notifications:email-preferences")


@pytest.fixture
def member(db):
    return UserFactory(username="hasty_poster")


@pytest.fixture
def warn(member, django_capture_on_commit_callbacks):
    moderator = ModeratorFactory()

    def warn():
        with django_capture_on_commit_callbacks(execute=True):
            return account_services.sanction_member(
                moderator=moderator,
                member=member,
                kind=Sanction.Kind.WARNING,
                reason="Please keep to the topic.",
            )

    return warn


def test_the_preferences_page_offers_no_choice_for_decisions(client, member):
    client.force_login(member)
    page = parse(client.get(PREFERENCES))
    legends = [legend.text for legend in page.select("form fieldset legend")]
    assert Kind.MODERATION.label not in legends
    assert page.select('input[name="moderation"]') == []
    assert "decisions about your posts, your reports and your account" in page.text

    choices = dict.fromkeys(preferences.CHOSEN_KINDS, Delivery.NEVER)
    response = client.post(PREFERENCES, {**choices, "moderation": Delivery.NEVER})
    assert response.status_code == 302
    assert not EmailPreference.objects.filter(kind=Kind.MODERATION).exists()


def test_decisions_are_no_members_choice(member):
    with pytest.raises(ValidationError):
        preferences.set_email_preferences(
            member=member, choices={Kind.MODERATION: Delivery.NEVER}
        )
    assert preferences.delivery_for(member, Kind.MODERATION) == Delivery.IMMEDIATELY


def test_a_stored_choice_does_not_stop_them(member, warn, mailoutbox):
    # A row written some other way (the admin, an old import) changes nothing.
    EmailPreference.objects.create(
        member=member, kind=Kind.MODERATION, delivery=Delivery.NEVER
    )
    warn()
    assert [message.to for message in mailoutbox] == [[member.email]]


def test_a_member_on_the_daily_digest_hears_of_decisions_at_once(
    member, warn, mailoutbox
):
    preferences.set_email_preferences(
        member=member, choices=dict.fromkeys(preferences.CHOSEN_KINDS, Delivery.DAILY)
    )
    warn()
    assert len(mailoutbox) == 1

    call_command("send_digests", stdout=StringIO())

    assert len(mailoutbox) == 1  # Not again in a digest.
    assert Notification.objects.get(recipient=member).emailed_at is not None


def test_unsubscribing_from_the_digest_leaves_decisions_on(client, member):
    preferences.set_email_preferences(member=member, choices={Kind.REPLY: "daily"})
    token = emails.unsubscribe_token(member, preferences.DIGEST)
    client.post(reverse("notifications:unsubscribe", kwargs={"token": token}))
    assert preferences.delivery_for(member, Kind.MODERATION) == Delivery.IMMEDIATELY


def test_no_unsubscribe_link_can_name_decisions(client, member):
    token = emails.unsubscribe_token(member, Kind.MODERATION)
    with pytest.raises(signing.BadSignature):
        emails.read_unsubscribe_token(token)
    url = reverse("notifications:unsubscribe", kwargs={"token": token})
    assert client.get(url).status_code == 400
    assert client.post(url).status_code == 400
    assert not EmailPreference.objects.filter(member=member).exists()
