"""The seed_bench command: a community whose counters equal a recount."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F

from accounts.models import ProfessionalCredential, User
from bench.seed import USERNAME_PREFIX, count_mismatches
from forum.models import Forum, HelpfulVote, Reply, Thread
from resources.models import Resource, ResourceDailyViews

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bench_app")]

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


def test_seed_bench_counters_equal_a_recount():
    output = seed()

    assert "every stored counter equals a recount" in output
    assert Thread.objects.count() == 30
    assert Reply.objects.count() == 120
    assert Forum.objects.count() > 1
    assert HelpfulVote.objects.exists()
    assert not any(count_mismatches().values())


def test_seed_bench_makes_one_long_thread():
    seed()

    longest = Thread.objects.order_by("-reply_count").first()
    assert longest.reply_count == 40
    assert longest.replies.visible().count() == 40
    assert Thread.objects.filter(reply_count=40).count() == 1


def test_seed_bench_votes_are_unique_and_never_on_own_reply():
    seed()

    pairs = list(HelpfulVote.objects.values_list("reply_id", "voter_id"))
    assert len(pairs) == len(set(pairs))
    assert not HelpfulVote.objects.filter(voter=F("reply__author")).exists()


def test_seed_bench_writes_credentials_and_resources():
    seed()

    professionals = User.objects.filter(is_medical_professional=True)
    credentials = ProfessionalCredential.objects.filter(user__in=professionals)
    assert credentials.count() == professionals.count()
    assert not credentials.exclude(status="approved").exists()
    assert Resource.objects.count() == 50
    assert ResourceDailyViews.objects.count() == 50 * 30


def test_seed_bench_is_deterministic_and_resets(bench_database):
    seed()
    first = list(Thread.objects.order_by("pk").values_list("title", "reply_count"))

    seed("--reset")

    again = list(Thread.objects.order_by("pk").values_list("title", "reply_count"))
    assert again == first
    assert Thread.objects.count() == 30
    assert Resource.objects.count() == 50


def test_seed_bench_refuses_to_reset_a_database_not_named_bench():
    seed()

    with pytest.raises(CommandError, match='contains "bench"'):
        seed("--reset")
    assert Thread.objects.count() == 30


def test_seed_bench_refuses_to_seed_over_existing_data():
    seed()

    with pytest.raises(CommandError, match="--reset"):
        seed()


def test_seed_bench_refuses_the_large_size_on_sqlite(monkeypatch):
    # The check runs before anything is written; on PostgreSQL it is faked.
    monkeypatch.setattr(connection, "vendor", "sqlite")

    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("seed_bench", "--size", "large", stdout=StringIO())


def test_seed_bench_members_share_one_password_and_some_are_professionals():
    seed()

    members = User.objects.filter(username__startswith=USERNAME_PREFIX)
    assert members.count() == 20
    assert members.values("password").distinct().count() == 1
    assert members.filter(is_medical_professional=True).exists()
