"""Read replicas: which database each query goes to, and each replica's health.

With DATABASE_REPLICA_URLS set, settings.DATABASE_REPLICAS names streaming
replicas of the primary ("default"), and ``ReplicaRouter`` sends reads to
one of them. Without replicas the router has no opinion and Django behaves
as if it were not installed.

Only web requests read from a replica, and only where a stale read cannot
mislead (``core.middleware.ReadYourWritesMiddleware`` opens their scope).
Everything else reads from the primary:

- management commands, the task worker and the shell, which act on what they
  read (a task queued by a reply must find that reply);
- POSTs and other unsafe requests, which check rules against what they read
  (a thread locked a moment ago takes no reply);
- a member's requests for a few seconds after one of them wrote (the signed
  cookie the middleware sets), so that they see their own reply and vote,
  and the rest of any request after it wrote;
- reads inside a transaction on the primary (``transaction.atomic``,
  ATOMIC_REQUESTS), which must see the transaction's own rows;
- sessions and the database cache, whose stale reads would be wrong rather
  than old: the cache counts log-in failures and posting limits;
- reads whose results are stored for every reader (``primary_reads()``): a
  page stored under a version token must not be built from rows older than
  the write that made the token.

Each process keeps a verdict on every replica for a short while: usable if
it answers and has replayed the primary's changes to within
DATABASE_REPLICA_MAX_LAG seconds. A replica that is behind is asked again
after DATABASE_REPLICA_CHECK_EVERY seconds; one that is away, or that is no
longer a replica (a promoted standby accepts writes of its own), after
DATABASE_REPLICA_RETRY_AFTER. While no replica is usable, reads go to the
primary. The lag is measured on the replica itself: nothing to replay, with
WAL streaming in, is no lag; otherwise it is the time since the last
transaction it replayed, which overstates the lag after a quiet spell (a
harmless moment of reads from the primary) and never understates it.
"""

import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

PRIMARY = DEFAULT_DB_ALIAS

# Tables read from the primary whatever the request, whose writes do not
# count as the member's own: the database cache (log-in lockouts, posting
# limits) and sessions.
BOOKKEEPING_APPS = frozenset({"django_cache", "sessions"})

# Whether the replica is still recovering, and how far behind it is, in
# seconds. pg_stat_wal_receiver shows a row while WAL streams in; without
# one, a replica that has replayed all it received may still be behind.
REPLICA_STATE_SQL = """
SELECT pg_is_in_recovery(),
       CASE
           WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
                AND EXISTS (SELECT FROM pg_stat_wal_receiver) THEN 0
           ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())
       END
"""


def replica_aliases() -> list[str]:
    """Return the aliases of the configured read replicas (none by default)."""
    return getattr(settings, "DATABASE_REPLICAS", [])


@dataclass
class RequestReads:
    """Where one web request reads from: set by the middleware, kept by the router."""

    replicas_allowed: bool
    # Whether the request has written to a table other than bookkeeping.
    wrote: bool = False
    # The database its reads go to, chosen at its first read, so that a
    # page reads one replica's snapshot throughout.
    reader: str | None = None


_request_reads: ContextVar[RequestReads | None] = ContextVar(
    "request_reads", default=None
)
_primary_only: ContextVar[bool] = ContextVar("primary_only", default=False)


@contextmanager
def request_reads(*, replicas_allowed: bool) -> Iterator[RequestReads]:
    """Let the reads of the request being served inside the block use a replica."""
    reads = RequestReads(replicas_allowed=replicas_allowed)
    token = _request_reads.set(reads)
    try:
        yield reads
    finally:
        _request_reads.reset(token)


def current_reads() -> RequestReads | None:
    """Return the reads of the request being served, or None outside requests."""
    return _request_reads.get()


@contextmanager
def primary_reads() -> Iterator[None]:
    """Read from the primary inside the block.

    For reads whose results are kept in the shared cache for every reader:
    they must be at least as new as the write that expired the old entry.
    """
    token = _primary_only.set(True)
    try:
        yield
    finally:
        _primary_only.reset(token)


@dataclass(frozen=True)
class Verdict:
    usable: bool
    until: float  # monotonic time at which the replica is asked again
    reason: str


class ReplicaHealth:
    """Each replica's last verdict in this process, and the checks that renew it."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._verdicts: dict[str, Verdict] = {}
        self._checking: dict[str, threading.Lock] = {}

    def pick(self, aliases: list[str]) -> str | None:
        """Return a usable replica among aliases, chosen at random, or None."""
        for alias in random.sample(aliases, len(aliases)):
            if self.is_usable(alias):
                return alias
        return None

    def is_usable(self, alias: str) -> bool:
        verdict = self._verdicts.get(alias)
        if verdict is not None and self.clock() < verdict.until:
            return verdict.usable
        lock = self._checking.setdefault(alias, threading.Lock())
        if not lock.acquire(blocking=False):
            # Another thread is asking: keep to the last verdict meanwhile.
            return verdict is not None and verdict.usable
        try:
            return self._record(alias, self._check(alias)).usable
        finally:
            lock.release()

    def mark_unreachable(self, alias: str, error: BaseException) -> None:
        """Stop reading from alias for a while: a query on it just failed."""
        self._record(alias, self._unreachable(error, "a query on it failed"))

    def _check(self, alias: str) -> Verdict:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute(REPLICA_STATE_SQL)
                in_recovery, lag = cursor.fetchone()
        except DatabaseError as error:
            return self._unreachable(error)
        if not in_recovery:
            return Verdict(
                False,
                self.clock() + settings.DATABASE_REPLICA_RETRY_AFTER,
                "it is not a replica: it accepts writes of its own",
            )
        max_lag = settings.DATABASE_REPLICA_MAX_LAG
        until = self.clock() + settings.DATABASE_REPLICA_CHECK_EVERY
        if lag is None:
            return Verdict(False, until, "it has not replayed a transaction yet")
        lag = float(lag)
        if lag > max_lag:
            return Verdict(
                False, until, f"it is {lag:.1f} s behind (limit {max_lag} s)"
            )
        return Verdict(True, until, f"it is {lag:.1f} s behind")

    def _unreachable(
        self, error: BaseException, what: str = "it is unavailable"
    ) -> Verdict:
        message = next(iter(str(error).strip().splitlines()), "")
        return Verdict(
            False,
            self.clock() + settings.DATABASE_REPLICA_RETRY_AFTER,
            f"{what} ({error.__class__.__name__}: {message})",
        )

    def _record(self, alias: str, verdict: Verdict) -> Verdict:
        previous = self._verdicts.get(alias)
        self._verdicts[alias] = verdict
        if previous is None or previous.usable != verdict.usable:
            if verdict.usable:
                if previous is not None:
                    logger.warning("Reading from replica %s again", alias)
            else:
                logger.warning("Not reading from replica %s: %s", alias, verdict.reason)
        return verdict


health = ReplicaHealth()


def fall_back_to_primary(reads: RequestReads, error: BaseException) -> bool:
    """Move the request's reads to the primary if its replica failed them.

    Return whether it did: whether error came from the replica, whose
    connection Django marks when a query on it fails.
    """
    replica = reads.reader
    if replica in (None, PRIMARY) or not connections[replica].errors_occurred:
        return False
    health.mark_unreachable(replica, error)
    reads.reader = PRIMARY
    return True


class ReplicaRouter:
    """Send reads to a replica where that is safe, everything else to the primary."""

    def db_for_read(self, model, **hints):
        replicas = replica_aliases()
        if not replicas:
            return None
        reads = _request_reads.get()
        if (
            reads is None
            or not reads.replicas_allowed
            or reads.wrote
            or _primary_only.get()
            or model._meta.app_label in BOOKKEEPING_APPS
            or connections[PRIMARY].in_atomic_block
        ):
            return PRIMARY
        if reads.reader is None:
            reads.reader = health.pick(replicas) or PRIMARY
        return reads.reader

    def db_for_write(self, model, **hints):
        if not replica_aliases():
            return None
        reads = _request_reads.get()
        if reads is not None and model._meta.app_label not in BOOKKEEPING_APPS:
            reads.wrote = True
        # Named even for an instance read from a replica, which Django
        # would otherwise write back where it came from.
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        replicas = replica_aliases()
        if not replicas:
            return None
        same_data = {PRIMARY, *replicas}
        if obj1._state.db in same_data and obj2._state.db in same_data:
            return True
        return None

    def allow_migrate(self, db, app_label, **hints):
        # A replica replays the primary's migrations; it cannot run its own.
        if db in replica_aliases():
            return False
        return None
