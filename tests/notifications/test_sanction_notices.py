"""Members warned, suspended or banned are told why, and until when, at once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date

from accounts import services
from accounts.models import Sanction
from notifications import preferences
from notifications.models import Delivery, Kind, Notification
from tests.factories import ModeratorFactory, UserFactory
from tests.html import parse

LIST = reverse("notifications:list")
REASON = "You shared another member's phone number in a reply."
STILL_READ = "you can read the forum but"


@pytest.fixture
def moderator(db):
    return ModeratorFactory(username="calm_moderator")


@pytest.fixture
def member(db):
    member = UserFactory(username="hasty_poster")
    # Everything they may choose, as rarely as they may: none of it applies.
    preferences.set_email_preferences(
        member=member, choices=dict.fromkeys(preferences.CHOSEN_KINDS, Delivery.NEVER)
    )
    return member


@pytest.fixture
def sanction(moderator, member, django_capture_on_commit_callbacks):
    def give(kind, until=None, reason=REASON):
        with django_capture_on_commit_callbacks(execute=True):
            return services.sanction_member(
                moderator=moderator,
                member=member,
                kind=kind,
                reason=reason,
                until=until,
            )

    return give


@pytest.fixture
def lift(moderator, django_capture_on_commit_callbacks):
    def lift(sanction):
        with django_capture_on_commit_callbacks(execute=True):
            return services.lift_sanction(
                moderator=moderator, sanction=sanction, reason="Appeal accepted."
            )

    return lift


def shown(client, member) -> list[str]:
    client.force_login(member)
    page = parse(client.get(LIST))
    return [item.one("a").text for item in page.select(".notification-moderation")]


def mail_to(outbox, member):
    return [message for message in outbox if message.to == [member.email]]


def ends(when) -> str:
    return format_date(timezone.localtime(when), "j F Y, H:i T")


def test_a_warning_says_why_on_the_site_and_by_email_at_once(
    client, member, sanction, mailoutbox
):
    sanction(Sanction.Kind.WARNING)

    expected = (
        "Staff sent you a warning. Please read the community guidelines again: a "
        f"further problem may lead to a suspension. The reason staff gave: {REASON}"
    )
    assert shown(client, member) == [expected]
    (message,) = mail_to(mailoutbox, member)
    assert message.subject == "[Health Forum] A decision about your account"
    assert expected in message.body
    notice = Notification.objects.get(recipient=member)
    assert notice.kind == Kind.MODERATION
    assert notice.emailed_at is not None


def test_a_suspension_says_why_and_until_when(client, member, sanction, mailoutbox):
    until = timezone.now() + timedelta(days=7)
    sanction(Sanction.Kind.SUSPENSION, until=until)

    expected = (
        f"Your account is suspended until {ends(until)}: until then {STILL_READ} "
        f"not post, reply, vote, report or edit. The reason staff gave: {REASON}"
    )
    assert shown(client, member) == [expected]
    (message,) = mail_to(mailoutbox, member)
    assert expected in message.body
    ((html, _),) = message.alternatives
    assert ends(until) in html


def test_a_ban_says_why(client, member, sanction, mailoutbox):
    sanction(Sanction.Kind.BAN)

    assert shown(client, member) == [
        f"Your account is banned: {STILL_READ} no longer post, reply, vote, report "
        f"or edit. The reason staff gave: {REASON}"
    ]
    assert len(mail_to(mailoutbox, member)) == 1


def test_lifting_a_suspension_says_the_member_may_write_again(
    client, member, sanction, lift, mailoutbox
):
    suspension = sanction(
        Sanction.Kind.SUSPENSION, until=timezone.now() + timedelta(days=3)
    )
    lift(suspension)

    assert shown(client, member)[0] == (
        "Staff lifted your suspension: you can post, reply, vote, report and edit "
        "again. The reason staff gave: Appeal accepted."
    )
    assert len(mail_to(mailoutbox, member)) == 2


def test_lifting_one_restriction_says_another_still_applies(
    client, member, sanction, lift
):
    longer = timezone.now() + timedelta(days=30)
    sanction(Sanction.Kind.SUSPENSION, until=longer)
    shorter = sanction(
        Sanction.Kind.SUSPENSION, until=timezone.now() + timedelta(days=2)
    )
    lift(shorter)
    assert shown(client, member)[0] == (
        "Staff lifted your suspension, but another suspension still applies "
        f"until {ends(longer)}. The reason staff gave: Appeal accepted."
    )

    ban = sanction(Sanction.Kind.BAN)
    lift(shorter)  # Lifted already: nothing new is said.
    lift(ban)
    assert shown(client, member)[0] == (
        "Staff lifted your ban, but another suspension still applies until "
        f"{ends(longer)}. The reason staff gave: Appeal accepted."
    )


def test_the_email_is_a_service_message_with_no_unsubscribe(
    member, sanction, mailoutbox
):
    sanction(Sanction.Kind.WARNING)

    (message,) = mail_to(mailoutbox, member)
    assert "List-Unsubscribe" not in message.extra_headers
    assert "List-Unsubscribe" not in message.message()
    assert "/notifications/email/unsubscribe/" not in message.body
    assert "Such notices are always sent, whatever your e-mail choices." in (
        message.body
    )
    ((html, _),) = message.alternatives
    assert "/notifications/email/unsubscribe/" not in html


@pytest.mark.parametrize(
    "gone",
    [{"is_active": False}, {"erased_at": timezone.now()}],
    ids=["inactive", "erased"],
)
def test_inactive_or_erased_members_are_told_nothing(
    member, sanction, mailoutbox, gone
):
    type(member).objects.filter(pk=member.pk).update(**gone)
    member.refresh_from_db()

    sanction(Sanction.Kind.WARNING)

    assert not Notification.objects.filter(recipient=member).exists()
    assert mailoutbox == []
