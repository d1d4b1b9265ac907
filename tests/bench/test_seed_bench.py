"""A smoke test of the benchmark suite: seeding and the floor views."""

import importlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F
from django.urls import NoReverseMatch, clear_url_caches, reverse

from bench.seed import USERNAME_PREFIX, count_mismatches
from forum.models import Forum, HelpfulVote, Reply, Thread

TINY = [
    "--threads",
    "30",
    "--replies-per-thread",
    "4",
    "--members",
    "20",
    "--long-thread-replies",
    "40",
]


def seed(*extra):
    out = StringIO()
    call_command("seed_bench", *TINY, *extra, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_seed_bench_counters_equal_a_recount():
    output = seed()

    assert "every stored counter equals a recount" in output
    assert Thread.objects.count() == 30
    assert Reply.objects.count() == 120
    assert Forum.objects.count() > 1
    assert HelpfulVote.objects.exists()
    assert not any(count_mismatches().values())


@pytest.mark.django_db
def test_seed_bench_makes_one_long_thread():
    seed()

    longest = Thread.objects.order_by("-reply_count").first()
    assert longest.reply_count == 40
    assert longest.replies.visible().count() == 40
    assert Thread.objects.filter(reply_count=40).count() == 1


@pytest.mark.django_db
def test_seed_bench_votes_are_unique_and_never_on_own_reply():
    seed()

    pairs = list(HelpfulVote.objects.values_list("reply_id", "voter_id"))
    assert len(pairs) == len(set(pairs))
    assert not HelpfulVote.objects.filter(voter=F("reply__author")).exists()


@pytest.mark.django_db
def test_seed_bench_is_deterministic_and_resets():
    seed()
    first = list(Thread.objects.order_by("pk").values_list("title", "reply_count"))

    seed("--reset")

    again = list(Thread.objects.order_by("pk").values_list("title", "reply_count"))
    assert again == first
    assert Thread.objects.count() == 30


@pytest.mark.django_db
def test_seed_bench_refuses_to_seed_over_existing_data():
    seed()

    with pytest.raises(CommandError, match="--reset"):
        seed()


@pytest.mark.django_db
def test_seed_bench_refuses_the_large_size_on_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("the refusal is for SQLite")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("seed_bench", "--size", "large", stdout=StringIO())


@pytest.mark.django_db
def test_seed_bench_members_share_one_password_and_some_are_professionals():
    from accounts.models import User

    seed()

    members = User.objects.filter(username__startswith=USERNAME_PREFIX)
    assert members.count() == 20
    assert members.values("password").distinct().count() == 1
    assert members.filter(is_medical_professional=True).exists()


def test_floor_views_are_not_mounted_by_default(settings):
    assert settings.BENCH_FLOOR_VIEWS is False
    with pytest.raises(NoReverseMatch):
        reverse("bench:floor-pk")


@pytest.fixture
def floor_views(settings):
    import config.urls

    settings.BENCH_FLOOR_VIEWS = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.BENCH_FLOOR_VIEWS = False
    importlib.reload(config.urls)
    clear_url_caches()


def test_floor_bytes_returns_exactly_the_size_asked(client, floor_views):
    response = client.get(reverse("bench:floor-bytes", kwargs={"size": 12345}))

    assert response.status_code == 200
    assert len(response.content) == 12345


@pytest.mark.django_db
def test_floor_pk_runs_one_query(client, floor_views, user, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("bench:floor-pk"), {"pk": user.pk})

    assert response.content.decode() == user.username
