"""The demo community that `make run` loads, seeded once for this module."""

import io
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum
from django.test import override_settings
from django.utils.html import strip_tags
from taggit.models import Tag

from accounts.consent import current_version
from accounts.models import (
    CredentialDecision,
    HealthDataConsent,
    ProfessionalCredential,
    User,
)
from demo.accounts import DEMO_PASSWORD
from demo.resources import read_resources
from forum.models import Endorsement, Forum, HelpfulVote, Reply, Thread
from forum.recount import recount_counters
from notifications.models import Notification
from resources.models import Resource, ResourceDailyViews
from resources.sidebar import get_sidebar

pytestmark = pytest.mark.django_db

Status = ProfessionalCredential.Status
SEEDED_MODELS = [
    User,
    EmailAddress,
    ProfessionalCredential,
    CredentialDecision,
    HealthDataConsent,
    Forum,
    Thread,
    Reply,
    HelpfulVote,
    Endorsement,
    Tag,
    Resource,
    ResourceDailyViews,
]


def _seed_demo() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in SEEDED_MODELS}


def _page_text(response) -> str:
    return " ".join(strip_tags(response.content.decode()).split())


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed the demo twice, then roll it all back for the modules that follow.

    Seeding takes seconds, so this module's tests share one community; each
    test still runs in its own savepoint inside this transaction.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        # The hasher the tests log in with (tests/conftest.py).
        with override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
        ):
            first_output = _seed_demo()
            first_counts = _row_counts()
            second_output = _seed_demo()
            second_counts = _row_counts()
        # PostgreSQL defers the seed's foreign key checks to the end of this
        # transaction. Each test's teardown checks constraints inside its own
        # savepoint, and rolling that savepoint back marks the seed's checks
        # pending again: run them once here, so that each test checks only
        # its own rows (about 1.2 s less per test).
        connection.check_constraints()
        yield {
            "first_output": first_output,
            "first_counts": first_counts,
            "second_output": second_output,
            "second_counts": second_counts,
        }
        transaction.set_rollback(True)


# --- Members and professionals. ---------------------------------------------


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
    for counts in (seeded["first_counts"], seeded["second_counts"]):
        assert counts["accounts.ProfessionalCredential"] == 3
        assert counts["accounts.CredentialDecision"] == 2
    assert User.objects.filter(is_medical_professional=True).count() == 2


def test_demo_prints_log_ins_that_work(seeded, client):
    logins = [
        line.split(": ", 1)[1].split(" / ")
        for line in seeded["first_output"].splitlines()
        if " / " in line
    ]
    assert logins == [
        ["staff@example.com", DEMO_PASSWORD],
        ["twitchy_runner@example.com", DEMO_PASSWORD],
        ["dr_synapse@example.com", DEMO_PASSWORD],
    ]
    for email, password in logins:
        response = client.post(
            "/accounts/login/", {"login": email, "password": password}, follow=True
        )
        username = email.split("@")[0]
        assert f"{username}: your account" in _page_text(response)
        client.logout()


# --- Forums, threads, replies and votes. ------------------------------------


def test_demo_has_neurology_first_and_enough_conversation(seeded):
    forums = list(Forum.objects.all())
    assert forums[0].slug == "neurology"
    assert len(forums) >= 5
    assert Thread.objects.count() >= 30
    assert Thread.objects.filter(reply_count__gt=100).exists()
    assert Thread.objects.filter(reply_count=0).exists()
    assert Thread.objects.filter(is_locked=True).exists()
    assert User.objects.filter(is_staff=True, username="staff").exists()


def test_demo_long_thread_shows_all_its_responses(seeded, client):
    thread = Thread.objects.get(reply_count__gt=100)
    page = _page_text(client.get(thread.get_absolute_url()))
    assert "Living with benign fasciculation syndrome: share what helps" in page
    assert "120 Responses" in page


def test_demo_counters_equal_a_recount(seeded):
    for thread in Thread.objects.annotate(
        visible_replies=Count("replies", filter=Q(replies__removed_at__isnull=True)),
        helpful_votes=Sum("replies__helpful_count", default=0),
    ):
        assert thread.reply_count == thread.visible_replies
        assert thread.helpful_count == thread.helpful_votes
    for reply in Reply.objects.annotate(
        yes=Count("votes", filter=Q(votes__is_helpful=True)),
        no=Count("votes", filter=Q(votes__is_helpful=False)),
    ):
        assert (reply.helpful_count, reply.not_helpful_count) == (reply.yes, reply.no)
    for forum in Forum.objects.all():
        assert forum.thread_count == forum.threads.visible().count()
        assert forum.reply_count == Reply.objects.filter(thread__forum=forum).count()


def test_demo_stored_counters_need_no_repair(seeded):
    # Members' and forums' counters too: anonymous posts in none of a
    # member's, members-only questions in their forum's own count.
    assert set(recount_counters().values()) == {0}


def test_demo_question_for_members_only_shows_visitors_a_teaser(seeded, client):
    thread = Thread.objects.get(is_members_only=True)
    last_words = " ".join(thread.body.split()[-6:])
    page = _page_text(client.get(thread.get_absolute_url()))
    assert thread.title in page and "Sign in to read the whole question" in page
    assert last_words not in page
    client.force_login(User.objects.get(username="twitchy_runner"))
    assert last_words in _page_text(client.get(thread.get_absolute_url()))


def test_demo_anonymous_posts_name_nobody(seeded, client):
    client.force_login(User.objects.get(username="twitchy_runner"))
    anonymous = Reply.objects.filter(is_anonymous=True).select_related("thread")
    asked = Thread.objects.get(is_anonymous=True)
    assert anonymous.exclude(author=F("thread__author")).exists()
    for post in [asked, *anonymous]:
        thread = getattr(post, "thread", post)
        html = client.get(thread.get_absolute_url()).content.decode()
        assert "Anonymous member" in html
        assert post.author.username not in html, thread.title
    page = client.get(asked.author.get_absolute_url()).content.decode()
    assert asked.title not in page


def test_demo_authors_never_vote_on_their_own_replies(seeded):
    assert not HelpfulVote.objects.filter(voter=F("reply__author")).exists()


def test_demo_posts_keep_paragraphs_not_the_files_line_breaks(seeded):
    # The files wrap lines for their writers; readers see whole paragraphs.
    assert not Thread.objects.filter(body_html__contains="<br").exists()
    assert not Reply.objects.filter(body_html__contains="<br").exists()
    assert not Resource.objects.filter(body_html__contains="<br").exists()


# --- Resources. -------------------------------------------------------------


def test_demo_has_a_mix_of_articles_and_links_some_pinned(seeded):
    live = Resource.objects.published()
    assert live.count() >= 8
    assert live.filter(external_url="").count() >= 4
    assert live.exclude(external_url="").count() >= 3
    assert live.filter(is_pinned=True).count() >= 2
    assert live.filter(forums__slug="neurology").exists()
    assert live.filter(forums__isnull=True).exists()
    assert Resource.objects.filter(is_published=False).exists()
    assert any(resource.is_scheduled for resource in Resource.objects.all())


def test_demo_resources_pass_the_admins_checks(seeded):
    for resource in Resource.objects.all():
        resource.full_clean(exclude=["tags"])
        if resource.is_external:
            assert resource.external_url.startswith("https://")


def test_demo_readership_fills_the_sidebar(seeded, client):
    neurology = Forum.objects.get(slug="neurology")
    teasers = get_sidebar(neurology)
    assert len(teasers) == 6
    assert teasers[0]["title"] == "Simple habits for brain health"
    assert "When is a twitch worth a doctor's visit?" in [t["title"] for t in teasers]
    page = _page_text(client.get(neurology.get_absolute_url()))
    assert "Popular Resources Simple habits for brain health" in page


# --- Safety: an emergency sign, crisis language, personal data removed. -----


def test_demo_shows_the_safety_banner_crisis_lines_and_a_redaction(seeded, client):
    from forum.models import Report
    from safety.models import Redaction, ThreadFlag

    flags = ThreadFlag.objects.select_related("thread", "pattern")
    face = flags.get(pattern__name="Face drooping").thread
    assert "call an emergency number" in _page_text(client.get(face.get_absolute_url()))
    crisis = flags.get(pattern__kind="crisis").thread
    page = _page_text(client.get(crisis.get_absolute_url()))
    assert "Samaritans" in page and "[removed by staff]" in page
    assert Report.objects.get(reporter=None).thread == crisis
    assert Redaction.objects.get().reply.thread == crisis


# --- Seeding again. ---------------------------------------------------------


def test_demo_seeding_again_adds_nothing(seeded):
    assert seeded["second_counts"] == seeded["first_counts"]
    assert seeded["first_counts"]["resources.Resource"] == len(read_resources())
    assert "Forum: 0 demo thread(s) created." in seeded["second_output"]
    assert "Resources: 0 demo resource(s) created." in seeded["second_output"]


def test_demo_members_agreed_to_keeping_their_health_writing(seeded):
    # So that every demo log-in can post at once, as a new member can.
    assert set(User.objects.values_list("health_consent_version", flat=True)) == {
        current_version()
    }
    assert HealthDataConsent.objects.count() == User.objects.count()


def test_demo_conversations_light_the_bell_but_send_no_mail(seeded):
    # Demo members see their notifications; nobody is e-mailed about a past
    # that was loaded, now or by a later digest.
    assert Notification.objects.filter(read_at=None).exists()
    assert not Notification.objects.filter(emailed_at=None).exists()


# --- Endorsements and outcomes. ---------------------------------------------


def test_demo_shows_a_reply_endorsed_by_two_professionals(seeded, client):
    reply = Reply.objects.get(
        thread__title__startswith="Legs feel crawly every evening",
        author__username="garden_gran",
    )
    assert reply.endorsement_count == reply.endorsements.count() == 2
    page = _page_text(client.get(reply.thread.get_absolute_url()))
    assert "Endorsed by 2 medical professionals as clinically sound" in page
    assert "dr_synapse, Neurologist" in page
    assert "neuro_nurse_jo, Registered nurse (Neuroscience nursing)" in page


def test_demo_shows_an_outcome_with_the_replies_that_helped_most(seeded, client):
    thread = Thread.objects.get(title__startswith="Hands go numb at night")
    assert thread.outcome_at < thread.created_at + timedelta(days=22)
    helped = thread.replies.helped_most().values_list("author__username", flat=True)
    assert list(helped) == ["neuro_nurse_jo", "nightshift_nurse_fan"]
    page = _page_text(client.get(thread.get_absolute_url()))
    assert "What happened next Shared by the member who asked" in page
    assert "What my doctor said: my GP tapped on the inside of my wrist" in page
    assert "The reply by neuro_nurse_jo" in page
    listed = _page_text(client.get(thread.forum.get_absolute_url() + "?sort=outcome"))
    assert thread.title in listed


def test_demo_endorsements_and_outcomes_are_seeded_once(seeded):
    assert "Follow-ups: 4 endorsement(s) and 2 outcome(s)" in seeded["first_output"]
    assert "Follow-ups: 0 endorsement(s) and 0 outcome(s)" in seeded["second_output"]
