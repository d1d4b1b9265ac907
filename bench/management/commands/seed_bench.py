"""Fill the database with a benchmark-sized community: `manage.py seed_bench`."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from taggit.models import Tag, TaggedItem

from accounts.models import User
from bench.database import is_bench_database
from bench.seed import USERNAME_PREFIX, Seeder, Shape, count_mismatches
from forum.models import Forum, HelpfulVote, MemberActivity, Reply, Thread
from resources.models import Resource, ResourceDailyViews

SIZES = {
    "small": {"threads": 5_000, "replies_per_thread": 10, "members": 2_000},
    "large": {"threads": 100_000, "replies_per_thread": 10, "members": 20_000},
}
# Beyond this, SQLite takes too long to be worth it; use PostgreSQL.
SQLITE_MAX_REPLIES = 100_000


class Command(BaseCommand):
    help = (
        "Fill the database with forums, threads, replies, votes, tags, "
        "professionals and resources for the benchmarks (bench/README.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--threads", type=int, help="number of threads")
        parser.add_argument(
            "--replies-per-thread",
            type=float,
            help="average replies per thread; most have a few, some many",
        )
        parser.add_argument("--members", type=int, help="number of members")
        parser.add_argument(
            "--long-thread-replies",
            type=int,
            default=300,
            help="replies on the one long thread the benchmark reads",
        )
        parser.add_argument("--votes-per-reply", type=float, default=1.2)
        parser.add_argument("--seed", type=int, default=6, help="random seed")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="first delete every forum, thread, reply, vote, tag and "
            "resource, and the members a previous run made; only on a database "
            'whose name contains "bench"',
        )

    def handle(self, *args, **options):
        name = connection.settings_dict["NAME"]
        if options["reset"] and not is_bench_database(name):
            raise CommandError(
                f"Refusing --reset on the database {name!r}: it deletes all forum "
                'content, so it runs only on a database whose name contains "bench" '
                "(such as healthforum_bench)."
            )
        preset = SIZES[options["size"]]
        shape = Shape(
            threads=options["threads"] or preset["threads"],
            replies_per_thread=options["replies_per_thread"]
            if options["replies_per_thread"] is not None
            else preset["replies_per_thread"],
            members=options["members"] or preset["members"],
            long_thread_replies=options["long_thread_replies"],
            votes_per_reply=options["votes_per_reply"],
            seed=options["seed"],
        )
        if shape.threads < 1 or shape.members < 2:
            raise CommandError("Seed at least one thread and two members.")
        if connection.vendor == "sqlite" and shape.replies > SQLITE_MAX_REPLIES:
            raise CommandError(
                f"{shape.replies:,} replies would take too long on SQLite. Set "
                "DATABASE_URL to a PostgreSQL database, or seed fewer threads."
            )
        started = time.perf_counter()
        with transaction.atomic():
            if options["reset"]:
                self._reset()
            elif (
                Forum.objects.exists()
                or User.objects.filter(username__startswith=USERNAME_PREFIX).exists()
            ):
                raise CommandError(
                    "This database already holds forums or benchmark members. "
                    "Pass --reset to replace them (it deletes all forum content)."
                )
            seeder = Seeder(shape, self.stderr)
            made = seeder.seed()
        seeded = time.perf_counter() - started
        self._analyze()
        mismatches = count_mismatches()
        checked = time.perf_counter() - started - seeded
        self.stdout.write(
            ", ".join(
                f"{count:,} {name.replace('_', ' ')}" for name, count in made.items()
            )
        )
        self.stdout.write(
            "Step times: "
            + ", ".join(f"{name} {secs:.1f}s" for name, secs in seeder.timings.items())
        )
        self.stdout.write(
            f"Seeded in {seeded:.1f}s on {connection.vendor} (recount {checked:.1f}s)."
        )
        if any(mismatches.values()):
            raise CommandError(f"Counters disagree with a recount: {mismatches}")
        self.stdout.write(
            self.style.SUCCESS(
                "Recount: every stored counter equals a recount; no vote on "
                "one's own reply, no duplicate vote."
            )
        )

    def _reset(self) -> None:
        models = [
            MemberActivity,
            ResourceDailyViews,
            Resource,
            HelpfulVote,
            Reply,
            Thread,
            Forum,
            TaggedItem,
            Tag,
        ]
        if connection.vendor == "postgresql":
            quoted = ", ".join(
                connection.ops.quote_name(model._meta.db_table) for model in models
            )
            with connection.cursor() as cursor:
                # Checks still pending from rows written earlier in this
                # transaction would block TRUNCATE; run them first. Seeding
                # then writes replies before threads, so defer them again.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for model in models:
                model._base_manager.all().delete()
        User.objects.filter(username__startswith=USERNAME_PREFIX).delete()

    def _analyze(self) -> None:
        # Fresh statistics, so the planner sees the data it will be asked about.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                if connection.in_atomic_block:
                    cursor.execute("ANALYZE")
                else:
                    cursor.execute("VACUUM ANALYZE")
