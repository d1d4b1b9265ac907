from types import SimpleNamespace

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts import services as accounts_services
from forum import services as forum_services
from notifications import services as notification_services
from notifications.models import DigestSent
from notifications.preferences import set_email_preferences
from tests.factories import ReportFactory, SanctionFactory, UserFactory

# What identifies the member: none of it may be left anywhere once erased.
USERNAME = "quiet_heron"
EMAIL = "z.quillfeather@example.org"
FIRST_NAME = "Zenobia"
LAST_NAME = "Quillfeather"
# Another member, who must never appear in the member's export by address.
NEIGHBOUR_EMAIL = "neighbour.private@example.net"


@pytest.fixture
def member(db):
    return UserFactory(
        username=USERNAME,
        email=EMAIL,
        first_name=FIRST_NAME,
        last_name=LAST_NAME,
    )


@pytest.fixture
def neighbour(db):
    return UserFactory(username="kind_neighbour", email=NEIGHBOUR_EMAIL)


@pytest.fixture
def history(member, neighbour, staff, forum):
    """The member's whole life on the site, with a neighbour beside them.

    Through the services wherever the site writes that way, so follows,
    notifications, revisions, counters and audit entries are as they would be.
    """
    question = forum_services.post_thread(
        author=member,
        forum=forum,
        title="Pins and needles in my feet",
        body="Mostly at night, for two months.",
        tags=["numbness"],
    )
    question = forum_services.edit_thread(
        editor=member,
        thread=question,
        title="Pins and needles in both feet",
        body="Mostly at night, for two months now.",
    )
    answer = forum_services.post_reply(
        author=neighbour, thread=question, body="Mine turned out to be low B12."
    )
    their_question = forum_services.post_thread(
        author=neighbour,
        forum=forum,
        title="Dizzy when I stand up",
        body="It passes in a few seconds, but it frightens me.",
    )
    their_own_reply = forum_services.post_reply(
        author=neighbour, thread=their_question, body="It happened again today."
    )
    reply = forum_services.post_reply(
        author=member, thread=their_question, body="Drinking more water helped me."
    )
    forum_services.edit_reply(
        editor=member, reply=reply, body="Drinking more water helped me a lot."
    )
    forum_services.cast_helpful_vote(voter=member, reply=answer, is_helpful=True)
    forum_services.cast_helpful_vote(
        voter=member, reply=their_own_reply, is_helpful=False
    )
    forum_services.cast_helpful_vote(voter=neighbour, reply=reply, is_helpful=True)
    report = ReportFactory(
        reporter=member, reply=answer, note="Please check the dose it mentions."
    )
    notification_services.follow(member, forum=forum)
    set_email_preferences(member=member, choices={"helpful": "never"})
    DigestSent.objects.create(
        member=member,
        day=timezone.localdate(),
        sent_at=timezone.now(),
        notification_count=2,
    )
    credential = accounts_services.apply_for_verification(
        user=member,
        profession="physician",
        specialty="Neurology",
        licence_number="GMC-9911223",
        licensing_body="General Medical Council",
        region="United Kingdom",
        note="I am a registrar at a headache clinic.",
    )
    accounts_services.reject_credential(
        reviewer=staff, credential=credential, reason="Not found on the register."
    )
    sanction = SanctionFactory(
        member=member, issued_by=staff, reason="Shared a phone number in a reply."
    )
    # Staff once changed the member in the admin, which logs their name.
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(member),
        object_id=str(member.pk),
        object_repr=str(member),
        action_flag=CHANGE,
        change_message="[]",
    )
    return SimpleNamespace(
        member=member,
        neighbour=neighbour,
        staff=staff,
        forum=forum,
        question=question,
        answer=answer,
        their_question=their_question,
        their_own_reply=their_own_reply,
        reply=reply,
        report=report,
        credential=credential,
        sanction=sanction,
    )
