"""Answer at once while the database is away, and notice when it is back.

Without this, when PostgreSQL stops every request waits out the connection
pool's timeout before it fails. Instead, a circuit opens when the pool gives
no connection in time (psycopg_pool's PoolTimeout): the pool is closed, and a
closed pool refuses its clients at once (PoolClosed, an OperationalError that
``core.views.server_error`` answers with the 503 page). Closing it also stops
its background attempts to reconnect. Requests that never reach the database,
such as the pages the anonymous page cache holds, are served as usual.

After COOL_OFF seconds the next request probes: it gets a fresh pool and
waits for a connection at most the pool's timeout. A connection closes the
circuit; another timeout opens it for COOL_OFF seconds more. So the site
recovers by itself within a few seconds of the database returning.

A pool that gives no connection in time because every connection is busy
opens the circuit too: shedding requests for a few seconds is better than
queueing more behind a swamped database. Each process has its own circuit.
Without a pool (SQLite, or DATABASE_POOL=0) there is nothing to close, and
libpq's connect_timeout bounds each wait instead.
"""

import threading
import time
from collections.abc import Callable

from django.db import connection
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from psycopg_pool import PoolTimeout

# Seconds between probes while the database is away.
COOL_OFF = 3.0


class Circuit:
    """Closed while the database answers; open for a while after it did not."""

    def __init__(self, cool_off: float, clock: Callable[[], float] = time.monotonic):
        self.cool_off = cool_off
        self.clock = clock
        self._lock = threading.Lock()
        # When the next probe may go; None while the circuit is closed.
        self._probe_at: float | None = None

    @property
    def is_open(self) -> bool:
        return self._probe_at is not None

    def trip(self) -> None:
        """Open the circuit: the database could not be reached."""
        with self._lock:
            self._probe_at = self.clock() + self.cool_off

    def reset(self) -> None:
        """Close the circuit: the database answered."""
        if self._probe_at is not None:
            with self._lock:
                self._probe_at = None

    def claim_probe(self) -> bool:
        """Return True to the one caller that should try the database now.

        Once the cool-off has passed, the first caller probes, and the next
        probe waits another cool-off unless this one closes the circuit.
        """
        if self._probe_at is None:
            return False
        with self._lock:
            now = self.clock()
            if self._probe_at is None or now < self._probe_at:
                return False
            self._probe_at = now + self.cool_off
            return True


circuit = Circuit(COOL_OFF)


def note_database_error(error: BaseException) -> None:
    """Open the circuit if error says the pool gave no connection in time."""
    if not isinstance(error.__cause__, PoolTimeout):
        return
    circuit.trip()
    pool = getattr(connection, "pool", None)
    if pool is not None:
        # Kept in place, closed: every request that needs it fails at once.
        pool.close(timeout=1)


@receiver(connection_created)
def _database_answered(sender, **kwargs):
    circuit.reset()


class DatabaseCircuitMiddleware:
    """Let one request try the database again once the cool-off has passed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if circuit.claim_probe() and getattr(connection, "pool", None) is not None:
            # Drop the closed pool; this request's first query opens a new one.
            connection.close_pool()
        return self.get_response(request)
