"""Fill a database with a large, realistic community, fast.

Rows are written in bulk, bypassing the services: COPY on PostgreSQL,
bulk_create elsewhere. The stored counters that the services would keep are
computed here instead, and count_mismatches() checks them against a recount.
"""

import math
import random
import sys
import time
from array import array
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from accounts.consent import current_version
from accounts.models import (
    HealthDataConsent,
    Profession,
    ProfessionalCredential,
    User,
)
from accounts.validators import skeleton
from forum.markdown import render_markdown
from forum.models import Forum, HelpfulVote, MemberActivity, Reply, Thread
from forum.recount import member_activity_recount
from resources.models import Resource, ResourceDailyViews

from . import content

MEMBER_PASSWORD = "bench-member-password"
USERNAME_PREFIX = "bench_"
# Distinct bodies rendered once each and reused across the data set.
BODY_POOL = 500
HELPFUL_SHARE = 0.85
REMOVED_REPLY_SHARE = 0.005
REMOVED_THREAD_SHARE = 0.002
LOCKED_THREAD_SHARE = 0.005
PINNED_PER_FORUM = 2
MAX_TAGS_PER_THREAD = 3
RESOURCE_COUNT = 50
HISTORY_DAYS = 3 * 365
SEARCH_INDEX = "thread_search_vector_gin"


class Progress:
    """A progress bar on stderr: redrawn in place on a terminal, else lines."""

    def __init__(self, label: str, total: int, stream=None):
        self.label, self.total = label, max(total, 1)
        self.stream = stream or sys.stderr
        self.is_tty = self.stream.isatty()
        self.started = time.perf_counter()
        self.done = 0
        self._next_step = 0 if self.is_tty else int(self.total * 0.25)

    def advance(self, step: int = 1) -> None:
        self.done += step
        if self.done >= self._next_step:
            self._draw()
            fraction = 0.01 if self.is_tty else 0.25
            self._next_step = self.done + max(1, int(self.total * fraction))

    def finish(self) -> None:
        self._draw(final=True)

    def _draw(self, final: bool = False) -> None:
        fraction = min(self.done / self.total, 1.0)
        bar = "#" * int(fraction * 30)
        elapsed = time.perf_counter() - self.started
        line = (
            f"{self.label:<12} [{bar:<30}] {fraction:4.0%} "
            f"{self.done:>10,}/{self.total:,} {elapsed:6.1f}s"
        )
        if self.is_tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
        elif final or fraction < 1.0:
            self.stream.write(line + "\n")
        self.stream.flush()


class TableWriter:
    """Write rows of one model: COPY on PostgreSQL, bulk_create elsewhere.

    Rows are tuples of the given fields' values, primary key included; every
    other concrete field gets its default, so a field added to the model
    later with a default needs no change here.
    """

    BATCH_SIZE = 1000

    def __init__(self, model, fields: list[str]):
        self.model, self.fields = model, fields
        self.constants = {}
        now = timezone.now()
        for model_field in model._meta.concrete_fields:
            if model_field.attname in fields:
                continue
            if model_field.has_default():
                self.constants[model_field.attname] = model_field.get_default()
            elif getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False
            ):
                self.constants[model_field.attname] = now
            elif model_field.null:
                self.constants[model_field.attname] = None
            elif model_field.blank and model_field.empty_strings_allowed:
                self.constants[model_field.attname] = ""
            else:
                raise ValueError(
                    f"seed_bench does not know how to fill "
                    f"{model._meta.label}.{model_field.name}."
                )
        self.count = 0

    def __enter__(self) -> "TableWriter":
        self._batch = []
        self._copy = None
        if connection.vendor == "postgresql":
            names = [*self.fields, *self.constants]
            columns = [self.model._meta.get_field(self._name(n)).column for n in names]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            table = connection.ops.quote_name(self.model._meta.db_table)
            self._cursor = connection.cursor()
            self._copy_context = self._cursor.cursor.copy(
                f"COPY {table} ({quoted}) FROM STDIN"
            )
            self._copy = self._copy_context.__enter__()
            self._tail = tuple(
                self.model._meta.get_field(self._name(n)).get_db_prep_save(
                    value, connection
                )
                for n, value in self.constants.items()
            )
        return self

    def _name(self, attname: str) -> str:
        for model_field in self.model._meta.concrete_fields:
            if model_field.attname == attname:
                return model_field.name
        return attname

    def write(self, row: tuple) -> None:
        self.count += 1
        if self._copy is not None:
            self._copy.write_row(row + self._tail)
            return
        self._batch.append(self.model(**dict(zip(self.fields, row, strict=True))))
        if len(self._batch) >= self.BATCH_SIZE:
            self._flush()

    def _flush(self) -> None:
        self.model.objects.bulk_create(self._batch)
        self._batch = []

    def __exit__(self, exc_type, exc, traceback) -> None:
        if self._copy is not None:
            self._copy_context.__exit__(exc_type, exc, traceback)
            self._cursor.close()
        elif exc_type is None and self._batch:
            self._flush()


def write_rows(model, fields: list[str], rows) -> int:
    """Write an iterable of rows to model's table; return how many."""
    with TableWriter(model, fields) as writer:
        for row in rows:
            writer.write(row)
    return writer.count


def next_id(model) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


@dataclass
class Shape:
    """How big the community is and how it is spread."""

    threads: int
    replies_per_thread: float
    members: int
    long_thread_replies: int = 300
    votes_per_reply: float = 1.2
    professional_share: float = 0.02
    seed: int = 6

    @property
    def replies(self) -> int:
        return round(self.threads * self.replies_per_thread)


@dataclass
class _ThreadPlan:
    id: int
    forum: int
    author: int
    created_at: datetime
    replies: int
    title: str
    body: int
    is_pinned: bool = False
    is_locked: bool = False
    is_removed: bool = False
    visible_replies: int = 0
    helpful: int = 0
    last_activity_at: datetime | None = None
    tags: list[int] = field(default_factory=list)


class Seeder:
    """Build the community described by a Shape; see seed()."""

    def __init__(self, shape: Shape, stderr=None):
        self.shape = shape
        self.rng = random.Random(shape.seed)
        self.stderr = stderr or sys.stderr
        self.now = timezone.now().replace(microsecond=0)
        self.timings: dict[str, float] = {}

    # --- The steps. ---------------------------------------------------------

    def seed(self) -> dict:
        """Write every row in the current transaction; return what was made."""
        steps = [
            ("members", self.seed_members),
            ("credentials", self.seed_credentials),
            ("bodies", self.render_bodies),
            ("threads", self.plan_threads),
            ("replies", self.seed_replies),
            ("threads", self.write_threads),
            ("votes", self.seed_votes),
            ("tags", self.seed_tags),
            ("forums", self.seed_forums),
            ("member counters", self.count_members),
            ("resources", self.seed_resources),
        ]
        made = {}
        with _search_index_built_after(self.timings):
            for name, step in steps:
                started = time.perf_counter()
                result = step()
                self.timings[name] = self.timings.get(name, 0) + (
                    time.perf_counter() - started
                )
                if isinstance(result, dict):
                    made.update(result)
        self.reset_sequences()
        return made

    def seed_members(self) -> dict:
        shape, rng = self.shape, self.rng
        start = next_id(User)
        password = make_password(MEMBER_PASSWORD)
        professionals = max(1, round(shape.members * shape.professional_share))
        # Spread professionals through the id range so they turn up everywhere.
        self.member_ids = list(range(start, start + shape.members))
        step = max(1, shape.members // professionals)
        self.professional_ids = set(self.member_ids[step // 2 :: step][:professionals])
        progress = Progress("members", shape.members, self.stderr)
        # Every member agreed to the current wording when they joined, as
        # sign-up asks: without it they could not write.
        consent_version = current_version()

        def rows():
            for offset, pk in enumerate(self.member_ids):
                name = (
                    f"{USERNAME_PREFIX}{rng.choice(content.ADJECTIVES)}_"
                    f"{rng.choice(content.NOUNS)}_{offset}"
                )
                joined = self.now - timedelta(days=HISTORY_DAYS + 30) * (
                    1 - offset / shape.members
                )
                title = ""
                if pk in self.professional_ids:
                    title = content.PROFESSIONAL_TITLES[
                        pk % len(content.PROFESSIONAL_TITLES)
                    ][1]
                progress.advance()
                yield (
                    pk,
                    name,
                    skeleton(name),
                    f"{name}@example.com",
                    password,
                    joined,
                    pk in self.professional_ids,
                    title,
                    consent_version,
                )

        write_rows(
            User,
            [
                "id",
                "username",
                "username_skeleton",
                "email",
                "password",
                "date_joined",
                "is_medical_professional",
                "professional_title",
                "health_consent_version",
            ],
            rows(),
        )
        consent_start = next_id(HealthDataConsent)
        write_rows(
            HealthDataConsent,
            ["id", "member_id", "version", "given_at", "given_via"],
            (
                (
                    consent_start + offset,
                    pk,
                    consent_version,
                    self.now - timedelta(days=HISTORY_DAYS + 30),
                    HealthDataConsent.Via.SIGNUP,
                )
                for offset, pk in enumerate(self.member_ids)
            ),
        )
        progress.finish()
        # A few members write much of the content, as on any forum.
        weights = [1 / (rank + 10) ** 0.9 for rank in range(shape.members)]
        order = self.member_ids[:]
        rng.shuffle(order)
        self.author_pool = order
        self.author_cum = list(_accumulate(weights))
        return {"members": shape.members, "professionals": len(self.professional_ids)}

    def seed_credentials(self) -> dict:
        start = next_id(ProfessionalCredential)
        created_at = self.now - timedelta(days=400)
        reviewed_at = self.now - timedelta(days=390)

        def rows():
            for offset, pk in enumerate(sorted(self.professional_ids)):
                specialty = content.PROFESSIONAL_TITLES[
                    pk % len(content.PROFESSIONAL_TITLES)
                ][0]
                yield (
                    start + offset,
                    pk,
                    ProfessionalCredential.Status.APPROVED.value,
                    Profession.PHYSICIAN.value,
                    specialty,
                    f"BENCH-{pk:07d}",
                    "Example Medical Council",
                    "Example region",
                    created_at,
                    reviewed_at,
                )

        count = write_rows(
            ProfessionalCredential,
            [
                "id",
                "user_id",
                "status",
                "profession",
                "specialty",
                "licence_number",
                "licensing_body",
                "region",
                "created_at",
                "reviewed_at",
            ],
            rows(),
        )
        return {"credentials": count}

    def render_bodies(self) -> dict:
        rng = self.rng
        pool = min(BODY_POOL, max(20, self.shape.threads))
        self.thread_bodies = []
        progress = Progress("bodies", pool * 2, self.stderr)
        for _ in range(pool):
            body = content.thread_body(rng)
            self.thread_bodies.append((body, render_markdown(body)))
            progress.advance()
        self.reply_bodies, self.professional_bodies = [], []
        for index in range(pool):
            professional = index % 10 == 0
            body = content.reply_body(rng, professional=professional)
            target = self.professional_bodies if professional else self.reply_bodies
            target.append((body, render_markdown(body)))
            progress.advance()
        progress.finish()
        return {}

    def plan_threads(self) -> dict:
        shape, rng = self.shape, self.rng
        self.forum_start = next_id(Forum)
        self.forum_ids = [self.forum_start + i for i in range(len(content.FORUMS))]
        forums = rng.choices(
            self.forum_ids, weights=content.FORUM_WEIGHTS, k=shape.threads
        )
        authors = self._authors(shape.threads)
        # Creation times ascend with the id, as they would on a live site.
        span = HISTORY_DAYS * 86400
        offsets = sorted(rng.random() * span for _ in range(shape.threads))
        start = next_id(Thread)
        long_index = max(0, round(shape.threads * 0.98) - 1)
        long_replies = min(shape.long_thread_replies, max(shape.replies, 0))
        cap = max(1, min(250, long_replies - 1))
        counts = _reply_counts(
            rng, shape.threads - 1, max(0, shape.replies - long_replies), cap
        )
        counts.insert(long_index, long_replies)
        # A handful of threads, whatever the size, carry the rare phrase.
        rare = {
            round(shape.threads * (k + 0.5) / content.RARE_TITLE_COUNT)
            for k in range(content.RARE_TITLE_COUNT)
        }
        self.threads = []
        for index in range(shape.threads):
            title = content.thread_title(rng)
            if index in rare:
                title = content.RARE_TITLE
            plan = _ThreadPlan(
                id=start + index,
                forum=forums[index],
                author=authors[index],
                created_at=self.now - timedelta(seconds=span - offsets[index]),
                replies=counts[index],
                title=title,
                body=rng.randrange(len(self.thread_bodies)),
                is_locked=rng.random() < LOCKED_THREAD_SHARE,
                is_removed=rng.random() < REMOVED_THREAD_SHARE,
            )
            tag_count = rng.choices(range(MAX_TAGS_PER_THREAD + 1), [3, 4, 2, 1])[0]
            plan.tags = rng.sample(range(len(content.TAGS)), tag_count)
            self.threads.append(plan)
        long_thread = self.threads[long_index]
        long_thread.forum = self.forum_ids[0]
        long_thread.title = content.LONG_THREAD_TITLE
        long_thread.is_locked = long_thread.is_removed = False
        long_thread.created_at = self.now - timedelta(days=60)
        self.long_thread = long_thread
        # The newest threads of each forum are pinned, as staff would.
        for forum_id in self.forum_ids:
            mine = [t for t in self.threads if t.forum == forum_id and not t.is_removed]
            for plan in mine[-PINNED_PER_FORUM * 5 :: 5]:
                plan.is_pinned = True
        return {"threads": shape.threads}

    def seed_replies(self) -> dict:
        shape, rng = self.shape, self.rng
        total = sum(plan.replies for plan in self.threads)
        progress = Progress("replies", total, self.stderr)
        # Per member: visible threads, visible replies in visible threads,
        # and the helpful votes on those replies (forum.MemberActivity).
        self.member_tallies = defaultdict(lambda: [0, 0, 0])
        for plan in self.threads:
            if not plan.is_removed:
                self.member_tallies[plan.author][0] += 1
        self.votes_reply = array("q")
        self.votes_voter = array("q")
        self.votes_helpful = array("b")
        self.votes_at = array("d")
        reply_id = next_id(Reply)
        authors = self._authors(total)
        long_id = self.long_thread.id
        fields = [
            "id",
            "thread_id",
            "author_id",
            "body",
            "body_html",
            "created_at",
            "helpful_count",
            "not_helpful_count",
            "removed_at",
        ]
        now = self.now
        with TableWriter(Reply, fields) as writer:
            index = 0
            for plan in self.threads:
                is_long = plan.id == long_id
                moment = plan.created_at
                remaining = (now - moment).total_seconds()
                # Replies come quickly at first, then trickle in.
                mean_gap = max(60.0, remaining / (plan.replies + 1) / 3)
                last = plan.created_at
                mean_votes = shape.votes_per_reply * (3 if is_long else 1)
                for _ in range(plan.replies):
                    author = authors[index]
                    index += 1
                    gap = timedelta(seconds=rng.expovariate(1 / mean_gap))
                    moment = min(now, moment + gap)
                    if author in self.professional_ids:
                        pool = self.professional_bodies
                    else:
                        pool = self.reply_bodies
                    body, body_html = pool[rng.randrange(len(pool))]
                    removed = not is_long and rng.random() < REMOVED_REPLY_SHARE
                    helpful, not_helpful = self._votes(
                        reply_id, author, moment, mean_votes
                    )
                    writer.write(
                        (
                            reply_id,
                            plan.id,
                            author,
                            body,
                            body_html,
                            moment,
                            helpful,
                            not_helpful,
                            moment + timedelta(hours=1) if removed else None,
                        )
                    )
                    if not removed:
                        plan.visible_replies += 1
                        plan.helpful += helpful
                        last = moment
                        if not plan.is_removed:
                            tally = self.member_tallies[author]
                            tally[1] += 1
                            tally[2] += helpful
                    reply_id += 1
                    progress.advance()
                plan.last_activity_at = last
        progress.finish()
        return {"replies": total, "votes": len(self.votes_reply)}

    def _votes(self, reply_id, author, moment, mean_votes) -> tuple[int, int]:
        rng, members = self.rng, self.member_ids
        wanted = min(int(rng.expovariate(1 / (mean_votes + 0.5))), 60, len(members) - 1)
        if wanted <= 0:
            return 0, 0
        voters = [v for v in rng.sample(members, wanted + 1) if v != author][:wanted]
        helpful = 0
        span = max(1.0, (self.now - moment).total_seconds())
        base = moment.timestamp()
        for voter in voters:
            is_helpful = rng.random() < HELPFUL_SHARE
            helpful += is_helpful
            self.votes_reply.append(reply_id)
            self.votes_voter.append(voter)
            self.votes_helpful.append(is_helpful)
            self.votes_at.append(base + rng.random() * span)
        return helpful, len(voters) - helpful

    def write_threads(self) -> dict:
        progress = Progress("threads", len(self.threads), self.stderr)
        fields = [
            "id",
            "forum_id",
            "author_id",
            "title",
            "slug",
            "body",
            "body_html",
            "created_at",
            "last_activity_at",
            "reply_count",
            "helpful_count",
            "is_pinned",
            "is_locked",
            "removed_at",
        ]

        def rows():
            for plan in self.threads:
                body, body_html = self.thread_bodies[plan.body]
                progress.advance()
                yield (
                    plan.id,
                    plan.forum,
                    plan.author,
                    plan.title,
                    slugify(plan.title)[:80].strip("-") or "thread",
                    body,
                    body_html,
                    plan.created_at,
                    plan.last_activity_at or plan.created_at,
                    plan.visible_replies,
                    plan.helpful,
                    plan.is_pinned,
                    plan.is_locked,
                    self.now if plan.is_removed else None,
                )

        write_rows(Thread, fields, rows())
        progress.finish()
        return {}

    def seed_votes(self) -> dict:
        total = len(self.votes_reply)
        progress = Progress("votes", total, self.stderr)
        start = next_id(HelpfulVote)

        def rows():
            for index in range(total):
                moment = datetime.fromtimestamp(self.votes_at[index], tz=UTC)
                progress.advance()
                yield (
                    start + index,
                    self.votes_reply[index],
                    self.votes_voter[index],
                    bool(self.votes_helpful[index]),
                    moment,
                    moment,
                )

        write_rows(
            HelpfulVote,
            ["id", "reply_id", "voter_id", "is_helpful", "created_at", "updated_at"],
            rows(),
        )
        progress.finish()
        return {}

    def seed_tags(self) -> dict:
        existing = dict(Tag.objects.values_list("name", "pk"))
        start = next_id(Tag)
        new = [name for name in content.TAGS if name not in existing]
        write_rows(
            Tag,
            ["id", "name", "slug"],
            ((start + i, name, slugify(name)) for i, name in enumerate(new)),
        )
        tag_ids = {**existing, **{name: start + i for i, name in enumerate(new)}}
        by_index = [tag_ids[name] for name in content.TAGS]
        thread_type = ContentType.objects.get_for_model(Thread)
        item_start = next_id(TaggedItem)

        def rows():
            index = item_start
            for plan in self.threads:
                for tag in plan.tags:
                    yield (index, by_index[tag], thread_type.pk, plan.id)
                    index += 1

        count = write_rows(
            TaggedItem, ["id", "tag_id", "content_type_id", "object_id"], rows()
        )
        return {"tags": len(content.TAGS), "tagged_items": count}

    def seed_forums(self) -> dict:
        totals = {pk: [0, 0, None] for pk in self.forum_ids}
        for plan in self.threads:
            if plan.is_removed:
                continue
            forum = totals[plan.forum]
            forum[0] += 1
            forum[1] += plan.visible_replies
            last = plan.last_activity_at or plan.created_at
            forum[2] = last if forum[2] is None else max(forum[2], last)
        rows = []
        for position, (pk, (name, slug, description)) in enumerate(
            zip(self.forum_ids, content.FORUMS, strict=True)
        ):
            threads, replies, last = totals[pk]
            rows.append((pk, name, slug, description, position, threads, replies, last))
        write_rows(
            Forum,
            [
                "id",
                "name",
                "slug",
                "description",
                "position",
                "thread_count",
                "reply_count",
                "last_activity_at",
            ],
            rows,
        )
        return {"forums": len(rows)}

    def count_members(self) -> dict:
        MemberActivity.objects.bulk_create(
            (
                MemberActivity(
                    member_id=pk,
                    thread_count=threads,
                    reply_count=replies,
                    helpful_received=helpful,
                )
                for pk, (threads, replies, helpful) in self.member_tallies.items()
            ),
            batch_size=1000,
        )
        return {}

    def seed_resources(self) -> dict:
        rng = self.rng
        start = next_id(Resource)
        bodies = {}
        rows, links = [], []
        titles = [
            pattern.format(topic=topic)
            for topic in content.RESOURCE_TOPICS
            for pattern in content.RESOURCE_PATTERNS
        ]
        for offset, title in enumerate(titles[:RESOURCE_COUNT]):
            topic = content.RESOURCE_TOPICS[offset // len(content.RESOURCE_PATTERNS)]
            external = offset % 5 == 4
            if not external and topic not in bodies:
                body = content.resource_body(rng, topic)
                bodies[topic] = (body, render_markdown(body))
            body, body_html = ("", "") if external else bodies[topic]
            pk = start + offset
            external_url = (
                f"https://example.org/health/{slugify(topic)}" if external else ""
            )
            rows.append(
                (
                    pk,
                    title[0].upper() + title[1:],
                    f"{slugify(title)[:70]}-{pk}",
                    f"What {topic} is, what helps, and when to see a doctor.",
                    body,
                    body_html,
                    external_url,
                    True,
                    self.now - timedelta(days=offset * 7 + 1),
                    offset < 3,
                    offset if offset < 3 else 0,
                    self.now - timedelta(days=offset * 7 + 2),
                )
            )
            if offset % 3 == 0:
                links.append((pk, self.forum_ids[offset % len(self.forum_ids)]))
        fields = [
            "id",
            "title",
            "slug",
            "summary",
            "body",
            "body_html",
            "external_url",
            "is_published",
            "published_at",
            "is_pinned",
            "position",
            "created_at",
        ]
        count = write_rows(Resource, fields, rows)
        through = Resource._meta.get_field("forums").remote_field.through
        link_start = next_id(through)
        write_rows(
            through,
            ["id", "resource_id", "forum_id"],
            ((link_start + i, r, f) for i, (r, f) in enumerate(links)),
        )
        today = timezone.localdate()
        view_start = next_id(ResourceDailyViews)
        views = [
            (resource_id, today - timedelta(days=day), rng.randint(0, 400))
            for resource_id in range(start, start + count)
            for day in range(30)
        ]
        daily_views = write_rows(
            ResourceDailyViews,
            ["id", "resource_id", "day", "view_count"],
            ((view_start + i, *row) for i, row in enumerate(views)),
        )
        return {"resources": count, "resource_daily_views": daily_views}

    def reset_sequences(self) -> None:
        models = [
            User,
            HealthDataConsent,
            ProfessionalCredential,
            Forum,
            Thread,
            Reply,
            HelpfulVote,
            Tag,
            TaggedItem,
            Resource,
            ResourceDailyViews,
        ]
        sql = connection.ops.sequence_reset_sql(no_style(), models)
        if sql:
            with connection.cursor() as cursor:
                for statement in sql:
                    cursor.execute(statement)

    def _authors(self, count: int) -> list[int]:
        return self.rng.choices(self.author_pool, cum_weights=self.author_cum, k=count)


@contextmanager
def _search_index_built_after(timings: dict):
    """Drop the threads' search index while they are written, then build it.

    On PostgreSQL a trigger works out each thread's search vector, replies
    included, as it is written (forum migration 0011); keeping the GIN
    index up to date row by row took most of the large size's seeding.
    Built once at the end, the index is the same.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            [SEARCH_INDEX],
        )
        (definition,) = cursor.fetchone()
        cursor.execute(f"DROP INDEX {SEARCH_INDEX}")
        yield
        # An index cannot be built over rows whose deferred foreign key
        # checks are pending: run them now, as commit would.
        started = time.perf_counter()
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(definition)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        timings["search index"] = time.perf_counter() - started


def _accumulate(values):
    total = 0.0
    for value in values:
        total += value
        yield total


def _reply_counts(rng: random.Random, threads: int, total: int, cap: int) -> list[int]:
    """Spread total replies over threads: most get a few, some get many."""
    if threads <= 0:
        return []
    total = min(total, threads * cap)
    mean = max(total / threads, 0.01)
    sigma = 1.1
    mu = math.log(mean) - sigma**2 / 2
    counts = [min(cap, int(rng.lognormvariate(mu, sigma))) for _ in range(threads)]
    difference = total - sum(counts)
    while difference:
        index = rng.randrange(threads)
        if difference > 0 and counts[index] < cap:
            counts[index] += 1
            difference -= 1
        elif difference < 0 and counts[index] > 0:
            counts[index] -= 1
            difference += 1
    return counts


def count_mismatches() -> dict[str, int]:
    """Return, per check, how many rows disagree with a recount.

    Reply counters are recounted from the votes; thread counters from their
    visible replies; forum counters from their visible threads; members'
    counters from their visible posts. Together they check every stored
    counter against the rows it counts.
    """
    visible_reply = Q(replies__removed_at__isnull=True)
    visible_thread = Q(threads__removed_at__isnull=True)
    replies = (
        Reply.objects.annotate(
            yes=Count("votes", filter=Q(votes__is_helpful=True)),
            no=Count("votes", filter=Q(votes__is_helpful=False)),
        )
        .exclude(helpful_count=F("yes"), not_helpful_count=F("no"))
        .count()
    )
    threads = (
        Thread.objects.annotate(
            visible=Count("replies", filter=visible_reply),
            helpful=Sum("replies__helpful_count", filter=visible_reply, default=0),
        )
        .exclude(reply_count=F("visible"), helpful_count=F("helpful"))
        .count()
    )
    forums = (
        Forum.objects.annotate(
            visible=Count("threads", filter=visible_thread),
            replies=Sum("threads__reply_count", filter=visible_thread, default=0),
        )
        .exclude(thread_count=F("visible"), reply_count=F("replies"))
        .count()
    )
    members = (
        User.objects.annotate(**member_activity_recount())
        .annotate(
            stored_threads=Coalesce("forum_activity__thread_count", 0),
            stored_replies=Coalesce("forum_activity__reply_count", 0),
            stored_helpful=Coalesce("forum_activity__helpful_received", 0),
        )
        .exclude(
            stored_threads=F("recounted_threads"),
            stored_replies=F("recounted_replies"),
            stored_helpful=F("recounted_helpful"),
        )
        .count()
    )
    own_votes = HelpfulVote.objects.filter(voter_id=F("reply__author_id")).count()
    duplicate_votes = (
        HelpfulVote.objects.values("reply", "voter")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    return {
        "replies": replies,
        "threads": threads,
        "forums": forums,
        "members": members,
        "votes_on_own_reply": own_votes,
        "duplicate_votes": duplicate_votes,
    }
