from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.consent import give_health_consent
from accounts.models import HealthDataConsent, User
from forum.models import Forum, HelpfulVote, Reply, Thread
from resources.models import Resource, ResourceDailyViews

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    class Params:
        without_consent = factory.Trait(health_consent=False)

    username = factory.Sequence(lambda n: f"member_{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password(PASSWORD)
    # An established member: a member in their first day has the links in
    # their posts held for review (forum.services.is_new_member), which
    # tests of that rule ask for with date_joined=timezone.now().
    date_joined = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=user,
                email=user.email,
                defaults={"verified": True, "primary": True},
            )

    # A member who agreed to the current health data consent wording, as
    # every member who signs up does; UserFactory(health_consent=False) or
    # UserFactory(without_consent=True) is one who never did (a member from
    # before consent was asked), and health_consent=<n> agreed to version n.
    @factory.post_generation
    def health_consent(user, create, extracted, **kwargs):
        if create and extracted is not False and user.is_active:
            give_health_consent(
                member=user,
                version=None if extracted in (None, True) else extracted,
                via=HealthDataConsent.Via.SIGNUP,
            )


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Forum {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    description = factory.Faker("sentence")
    position = factory.Sequence(lambda n: n)


class ThreadFactory(factory.django.DjangoModelFactory):
    """A thread as stored; tests that care about counters use the services."""

    class Meta:
        model = Thread

    forum = factory.SubFactory(ForumFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Faker("sentence", nb_words=6)
    body = factory.Faker("paragraph", nb_sentences=4)
    created_at = factory.LazyFunction(timezone.now)
    last_activity_at = factory.LazyAttribute(lambda t: t.created_at)


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Faker("paragraph", nb_sentences=3)
    created_at = factory.LazyFunction(timezone.now)


class HelpfulVoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelpfulVote

    reply = factory.SubFactory(ReplyFactory)
    voter = factory.SubFactory(UserFactory)
    is_helpful = True


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published article, live since yesterday; pass forums=[...], tags=[...].

    For an external link pass external_url="https://..." and body="".
    Tests about the sidebar cache use resources.services instead.
    """

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Resource number {n} about nerves")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    summary = factory.Faker("sentence", nb_words=8)
    body = factory.Faker("paragraph", nb_sentences=4)
    is_published = True
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def forums(resource, create, extracted, **kwargs):
        if create and extracted:
            resource.forums.set(extracted)

    @factory.post_generation
    def tags(resource, create, extracted, **kwargs):
        if create and extracted:
            resource.tags.set(list(extracted))


class ResourceDailyViewsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceDailyViews

    resource = factory.SubFactory(ResourceFactory)
    day = factory.LazyFunction(timezone.localdate)
    view_count = 1


class ProfessionalCredentialFactory(factory.django.DjangoModelFactory):
    """A pending application as stored; tests of the badge use accounts.services."""

    class Meta:
        model = "accounts.ProfessionalCredential"

    user = factory.SubFactory(UserFactory)
    profession = "physician"
    specialty = "Neurology"
    licence_number = factory.Sequence(lambda n: f"LIC-{n:06d}")
    licensing_body = "Demo Medical Council"
    region = "United Kingdom"


def verify_professional(member, staff, **application):
    """Give member the badge as a site would: they apply, staff approve."""
    from accounts import services

    details = {
        "profession": "registered_nurse",
        "specialty": "Neurology",
        "licence_number": "NMC-12345",
        "licensing_body": "Nursing and Midwifery Council",
        "region": "United Kingdom",
        "register_url": "",
        "note": "",
        **application,
    }
    credential = services.apply_for_verification(user=member, **details)
    return services.approve_credential(reviewer=staff, credential=credential)


class FollowFactory(factory.django.DjangoModelFactory):
    """A member following a thread; pass forum=... or tag=... with thread=None."""

    class Meta:
        model = "notifications.Follow"

    member = factory.SubFactory(UserFactory)
    thread = factory.SubFactory(ThreadFactory)


class NotificationFactory(factory.django.DjangoModelFactory):
    """A reply notification as stored; tests of who hears use the services."""

    class Meta:
        model = "notifications.Notification"

    recipient = factory.SubFactory(UserFactory)
    kind = "reply"
    reply = factory.SubFactory(ReplyFactory)
    thread = factory.LazyAttribute(lambda n: n.reply.thread if n.reply else None)
    actor = factory.LazyAttribute(lambda n: n.reply.author if n.reply else None)


# What a member of staff needs to work the moderation queue and sanction
# members (forum.services.can_work_queue, can_moderate; accounts.services
# can_sanction).
MODERATOR_PERMISSIONS = [
    "forum.change_report",
    "forum.change_thread",
    "forum.change_reply",
    "accounts.add_sanction",
]


class ModeratorFactory(UserFactory):
    """A member of staff, not a superuser, with MODERATOR_PERMISSIONS.

    Pass permissions=[...] ("app_label.codename") to give others instead.
    """

    is_staff = True

    @factory.post_generation
    def permissions(user, create, extracted, **kwargs):
        if not create:
            return
        for name in MODERATOR_PERMISSIONS if extracted is None else extracted:
            app_label, codename = name.split(".")
            user.user_permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                )
            )


# --- A member's own data (privacy). ----------------------------------------


class ReportFactory(factory.django.DjangoModelFactory):
    """A member's open report of a reply, as stored; rules use forum.services."""

    class Meta:
        model = "forum.Report"

    reporter = factory.SubFactory(UserFactory)
    reply = factory.SubFactory(ReplyFactory)
    thread = None
    reason = "misinformation"
    note = factory.Faker("sentence")


class SanctionFactory(factory.django.DjangoModelFactory):
    """A warning as stored; suspensions and bans go through accounts.services."""

    class Meta:
        model = "accounts.Sanction"

    member = factory.SubFactory(UserFactory)
    kind = "warning"
    reason = factory.Faker("sentence")


class DataExportFactory(factory.django.DjangoModelFactory):
    """A member's prepared export, ready and current, as the task leaves it."""

    class Meta:
        model = "privacy.DataExport"

    member = factory.SubFactory(UserFactory)
    ready_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    content = '{"profile": {}}'


# --- Tags. -------------------------------------------------------------------


class TagFactory(factory.django.DjangoModelFactory):
    """A taggit tag; its slug comes from its name."""

    class Meta:
        model = "taggit.Tag"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"topic {n}")


class TagSynonymFactory(factory.django.DjangoModelFactory):
    """A staff-kept variant that members' tags are mapped from."""

    class Meta:
        model = "forum.TagSynonym"

    name = factory.Sequence(lambda n: f"variant {n}")
    tag = factory.SubFactory(TagFactory)


class RelatedThreadFactory(factory.django.DjangoModelFactory):
    """A stored related question, as forum.services.relate_thread leaves it."""

    class Meta:
        model = "forum.RelatedThread"

    thread = factory.SubFactory(ThreadFactory)
    related = factory.SubFactory(ThreadFactory)
    score = 6
    position = factory.Sequence(int)


class SafetyPatternFactory(factory.django.DjangoModelFactory):
    """A staff pattern, in safety.patterns' language (the data migration's set
    is in the test database already)."""

    class Meta:
        model = "safety.SafetyPattern"
        skip_postgeneration_save = True

    kind = "emergency"
    name = factory.Sequence(lambda n: f"Sign {n}")
    phrases = "tingl* ... both hands"
    message = "Tingling in both hands at once can need a check today."

    @factory.post_generation
    def forget_cached(pattern, create, extracted, **kwargs):
        # Made behind the services' back: the cached list must not hide it.
        if create:
            from safety.screening import forget_cached

            forget_cached()


class CrisisLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "safety.CrisisLine"

    region = "United Kingdom and Ireland"
    name = factory.Sequence(lambda n: f"Helpline {n}")
    phone = "116 123"
    hours = "24 hours, every day"
