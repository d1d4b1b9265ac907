"""Which database reads and writes go to, with a read replica configured.

The router and the middleware are driven here without a replica to hand:
each replica's answers are scripted, on a clock the test moves. The real
thing, a primary and a streaming replica under gunicorn, is
tests/site/test_read_replicas.py.
"""

import time

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.cache import caches
from django.db import OperationalError, router, transaction
from django.db import connections as django_connections
from django.http import HttpResponse
from django.urls import path

from core import db
from core.middleware import READ_YOUR_WRITES_COOKIE, ReadYourWritesMiddleware
from forum.models import Reply, Thread

# Answers a replica gives to core.db.REPLICA_STATE_SQL: (recovering, lag).
IN_STEP = (True, 0.2)
BEHIND = (True, 6.0)  # past the limit of 5 s set below
PROMOTED = (False, None)
NEVER_REPLAYED = (True, None)
AWAY = OperationalError("connection refused")


class FakeReplica:
    """A replica's connection, answering the router's check as scripted."""

    def __init__(self):
        self.answer = IN_STEP
        self.checks = 0
        self.errors_occurred = False

    def cursor(self):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def execute(self, sql):
        assert sql == db.REPLICA_STATE_SQL
        self.checks += 1
        if isinstance(self.answer, Exception):
            raise self.answer

    def fetchone(self):
        return self.answer


class Replicas:
    """Scripted replicas beside the real primary, and the clock they live by."""

    def __init__(self, aliases):
        self.replicas = {alias: FakeReplica() for alias in aliases}
        self.now = 1000.0

    def __getitem__(self, alias):
        if alias in self.replicas:
            return self.replicas[alias]
        return django_connections[alias]

    def clock(self):
        return self.now


@pytest.fixture
def replicas(settings, monkeypatch):
    settings.DATABASE_REPLICAS = ["replica1"]
    settings.DATABASE_REPLICA_MAX_LAG = 5.0
    settings.DATABASE_REPLICA_CHECK_EVERY = 2.0
    settings.DATABASE_REPLICA_RETRY_AFTER = 10.0
    settings.DATABASE_READ_YOUR_WRITES_SECONDS = 8.0
    fake = Replicas(settings.DATABASE_REPLICAS)
    monkeypatch.setattr(db, "connections", fake)
    monkeypatch.setattr(db, "health", db.ReplicaHealth(clock=fake.clock))
    return fake


def _read_in_request(model=Thread, *, replicas_allowed=True) -> str:
    with db.request_reads(replicas_allowed=replicas_allowed):
        return router.db_for_read(model)


# --- Without replicas, nothing changes. ---------------------------------------


def test_without_replicas_the_router_has_no_opinion():
    thread = Thread(pk=1)
    thread._state.db = "default"
    replica_router = db.ReplicaRouter()
    with db.request_reads(replicas_allowed=True):
        assert replica_router.db_for_read(Thread) is None
        assert replica_router.db_for_write(Thread) is None
        assert router.db_for_read(Thread) == "default"
    assert replica_router.allow_relation(thread, thread) is None
    assert replica_router.allow_migrate("default", "forum") is None


def test_without_replicas_the_middleware_sets_no_cookie(rf):
    def view(request):
        assert db.current_reads() is None
        router.db_for_write(Reply)
        return HttpResponse()

    response = ReadYourWritesMiddleware(view)(rf.post("/"))
    assert READ_YOUR_WRITES_COOKIE not in response.cookies


# --- Where a request reads. ----------------------------------------------------


def test_a_request_reads_one_replica_throughout(replicas):
    with db.request_reads(replicas_allowed=True):
        assert router.db_for_read(Thread) == "replica1"
        assert router.db_for_read(Reply) == "replica1"
    assert replicas.replicas["replica1"].checks == 1


def test_reads_outside_web_requests_go_to_the_primary(replicas):
    # Commands, the task worker, the shell: they act on what they read.
    assert router.db_for_read(Thread) == "default"
    assert _read_in_request(replicas_allowed=False) == "default"
    assert replicas.replicas["replica1"].checks == 0


def test_after_a_write_the_request_reads_from_the_primary(replicas):
    with db.request_reads(replicas_allowed=True) as reads:
        assert router.db_for_read(Thread) == "replica1"
        assert router.db_for_write(Reply) == "default"
        assert reads.wrote
        assert router.db_for_read(Thread) == "default"


def test_sessions_and_the_database_cache_are_read_from_the_primary(replicas):
    cache_table = caches["default"].cache_model_class
    with db.request_reads(replicas_allowed=True) as reads:
        assert router.db_for_read(Session) == "default"
        assert router.db_for_read(cache_table) == "default"
        # Saving a session or counting a failed log-in is not the member's
        # own content: the request's other reads stay on the replica.
        assert router.db_for_write(Session) == "default"
        assert router.db_for_write(cache_table) == "default"
        assert not reads.wrote
        assert router.db_for_read(Thread) == "replica1"


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_go_to_the_primary(replicas):
    with db.request_reads(replicas_allowed=True):
        with transaction.atomic():
            assert router.db_for_read(Thread) == "default"
        assert router.db_for_read(Thread) == "replica1"


def test_reads_stored_for_every_reader_go_to_the_primary(replicas):
    with db.request_reads(replicas_allowed=True):
        with db.primary_reads():
            assert router.db_for_read(Thread) == "default"
        assert router.db_for_read(Thread) == "replica1"


def test_an_instance_read_from_a_replica_is_written_to_the_primary(replicas):
    thread, reply = Thread(pk=1), Reply(pk=2)
    thread._state.db, reply._state.db = "replica1", "default"
    assert router.db_for_write(Thread, instance=thread) == "default"
    assert router.allow_relation(thread, reply)
    reply._state.db = "elsewhere"
    assert not router.allow_relation(thread, reply)


def test_migrations_run_on_the_primary_only(replicas):
    assert not router.allow_migrate("replica1", "forum")
    assert router.allow_migrate("default", "forum")


# --- Each replica's health. ----------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [BEHIND, PROMOTED, NEVER_REPLAYED, AWAY],
    ids=["behind", "promoted", "never-replayed", "away"],
)
def test_a_replica_that_is_not_in_step_is_not_read(replicas, answer):
    replicas.replicas["replica1"].answer = answer
    assert _read_in_request() == "default"


def test_the_verdict_is_kept_for_the_check_interval(replicas):
    replica = replicas.replicas["replica1"]
    assert _read_in_request() == "replica1"
    replica.answer = BEHIND
    replicas.now += 1.9
    assert _read_in_request() == "replica1"
    assert replica.checks == 1
    replicas.now += 0.2
    assert _read_in_request() == "default"
    replica.answer = IN_STEP
    # Behind is asked again as often as in step.
    replicas.now += 2.1
    assert _read_in_request() == "replica1"
    assert replica.checks == 3


def test_a_replica_that_is_away_is_left_alone_until_the_retry(replicas):
    replica = replicas.replicas["replica1"]
    replica.answer = AWAY
    assert _read_in_request() == "default"
    replica.answer = IN_STEP
    replicas.now += 9.9
    assert _read_in_request() == "default"
    assert replica.checks == 1
    replicas.now += 0.2
    assert _read_in_request() == "replica1"


def test_reads_are_spread_over_the_replicas_in_step(settings, monkeypatch):
    settings.DATABASE_REPLICAS = ["replica1", "replica2", "replica3"]
    settings.DATABASE_REPLICA_MAX_LAG = 5.0
    settings.DATABASE_REPLICA_CHECK_EVERY = 2.0
    fake = Replicas(settings.DATABASE_REPLICAS)
    monkeypatch.setattr(db, "connections", fake)
    monkeypatch.setattr(db, "health", db.ReplicaHealth(clock=fake.clock))
    fake.replicas["replica3"].answer = BEHIND
    chosen = {_read_in_request() for _ in range(60)}
    assert chosen == {"replica1", "replica2"}


def test_a_replica_that_failed_a_query_is_read_no_more(replicas):
    replica = replicas.replicas["replica1"]
    with db.request_reads(replicas_allowed=True) as reads:
        assert router.db_for_read(Thread) == "replica1"
        assert not db.fall_back_to_primary(reads, AWAY)  # it did not fail
        replica.errors_occurred = True
        assert db.fall_back_to_primary(reads, AWAY)
        assert router.db_for_read(Thread) == "default"
    replica.errors_occurred = False
    replicas.now += 9.9
    assert _read_in_request() == "default"
    replicas.now += 0.2
    assert _read_in_request() == "replica1"


# --- Read your writes. ---------------------------------------------------------


def _serve(request, *, writes: bool = False) -> tuple[HttpResponse, list[str]]:
    """Run request through the middleware; return the answer and where it read."""
    read_from = []

    def view(request):
        if writes:
            router.db_for_write(Reply)
        read_from.append(router.db_for_read(Thread))
        return HttpResponse()

    return ReadYourWritesMiddleware(view)(request), read_from


def test_a_post_that_writes_keeps_the_members_reads_on_the_primary(replicas, rf):
    response, read_from = _serve(rf.post("/"), writes=True)
    assert read_from == ["default"]
    cookie = response.cookies[READ_YOUR_WRITES_COOKIE]
    assert cookie["max-age"] == 8
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie.value != "1"  # signed

    request = rf.get("/")
    request.COOKIES[READ_YOUR_WRITES_COOKIE] = cookie.value
    response, read_from = _serve(request)
    assert read_from == ["default"]
    assert READ_YOUR_WRITES_COOKIE not in response.cookies


def test_a_post_that_writes_nothing_sets_no_cookie(replicas, rf):
    response, read_from = _serve(rf.post("/"))
    assert read_from == ["default"]  # a POST checks its rules on the primary
    assert READ_YOUR_WRITES_COOKIE not in response.cookies


def test_a_get_that_writes_sets_no_cookie(replicas, rf):
    # Counting a resource's views is nothing the reader needs to read back.
    response, read_from = _serve(rf.get("/"), writes=True)
    assert read_from == ["default"]
    assert READ_YOUR_WRITES_COOKIE not in response.cookies


def test_the_window_ends(replicas, rf):
    signer = signing.get_cookie_signer(
        salt=READ_YOUR_WRITES_COOKIE + READ_YOUR_WRITES_COOKIE
    )
    signer.timestamp = lambda: signing.b62_encode(int(time.time()) - 9)
    request = rf.get("/")
    request.COOKIES[READ_YOUR_WRITES_COOKIE] = signer.sign("1")
    assert _serve(request)[1] == ["replica1"]


def test_a_forged_cookie_is_ignored(replicas, rf):
    request = rf.get("/")
    request.COOKIES[READ_YOUR_WRITES_COOKIE] = "1"
    assert _serve(request)[1] == ["replica1"]


# --- A replica that fails a page. ----------------------------------------------


def flaky(request):
    """Read from wherever the router says; fail the first read on a replica."""
    alias = router.db_for_read(Thread)
    if alias != "default":
        db.connections[alias].errors_occurred = True
        raise OperationalError("server closed the connection unexpectedly")
    return HttpResponse(f"read from {alias}")


def primary_gone(request):
    """Read from a replica, then fail on the primary."""
    router.db_for_read(Thread)
    raise OperationalError("connection to the primary refused")


urlpatterns = [path("flaky/", flaky), path("primary-gone/", primary_gone)]
handler500 = "core.views.server_error"


@pytest.mark.urls(__name__)
def test_a_get_that_its_replica_fails_is_read_again_from_the_primary(replicas, client):
    response = client.get("/flaky/")
    assert response.status_code == 200
    assert response.content == b"read from default"
    # The next pages leave the replica alone for a while.
    assert _read_in_request() == "default"


@pytest.mark.urls(__name__)
def test_a_failure_of_the_primary_is_not_read_again(replicas, client):
    client.raise_request_exception = False
    response = client.get("/primary-gone/")
    assert response.status_code == 503
    # The replica is as trusted as before.
    assert _read_in_request() == "replica1"


# --- What is kept for every reader is read from the primary. ------------------


@pytest.fixture
def decisions(replicas, monkeypatch, transactional_db):
    """Record where the router sends each read; run every query on the primary.

    Outside the test's own transaction (transactional_db), since reads in a
    transaction go to the primary whatever else holds.
    """
    made = []
    choose = db.ReplicaRouter.db_for_read

    def record(self, model, **hints):
        made.append((model._meta.label, choose(self, model, **hints)))
        return "default"

    monkeypatch.setattr(db.ReplicaRouter, "db_for_read", record)
    return made


def _stored_reads(decisions, label: str) -> set[str]:
    return {alias for model, alias in decisions if model == label}


def test_the_sidebar_unread_count_and_disclaimer_are_read_from_the_primary(
    decisions, user
):
    from accounts.models import ProfessionalDisclaimer
    from notifications.unread import unread_count
    from resources.sidebar import get_sidebar

    with db.request_reads(replicas_allowed=True):
        get_sidebar(None)
        unread_count(user)
        ProfessionalDisclaimer.objects.current_text()
        # Not stored: from the replica.
        Thread.objects.count()
    assert _stored_reads(decisions, "resources.Resource") == {"default"}
    assert _stored_reads(decisions, "notifications.Notification") == {"default"}
    assert _stored_reads(decisions, "accounts.ProfessionalDisclaimer") == {"default"}
    assert _stored_reads(decisions, "forum.Thread") == {"replica1"}


@pytest.mark.parametrize("stored", [True, False], ids=["stored", "not-stored"])
def test_fragments_are_rendered_from_the_primary_when_stored(
    decisions, rf, settings, stored
):
    from core.pagecache import render_fragments

    settings.PAGE_CACHE_ENABLED = stored

    def render(items):
        return [str(Thread.objects.filter(pk=item).count()) for item in items]

    with db.request_reads(replicas_allowed=True):
        render_fragments(rf.get("/"), [1], lambda item: ("thread", item), render)
    expected = "default" if stored else "replica1"
    assert _stored_reads(decisions, "forum.Thread") == {expected}


def test_a_page_stored_for_anonymous_readers_is_built_from_the_primary(
    decisions, client, thread, reply, user
):
    client.get(thread.get_absolute_url())
    assert decisions
    assert {alias for _, alias in decisions} == {"default"}

    # A member's page is not stored: it is read from the replica.
    decisions.clear()
    client.force_login(user)
    client.get(thread.get_absolute_url())
    assert "replica1" in _stored_reads(decisions, "forum.Thread")
