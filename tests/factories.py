import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from forum.models import Forum, HelpfulVote, Reply, Thread

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member_{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=user,
                email=user.email,
                defaults={"verified": True, "primary": True},
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
