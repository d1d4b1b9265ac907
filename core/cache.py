"""The two caches: durable counters, and disposable data that Redis may lose.

settings.CACHES names two caches with two jobs. "default" is a table in the
database: allauth keeps its log-in lockouts and rate limits there (it uses
the default cache) and the forum its posting limits, where neither Redis
eviction nor a Redis restart can erase them. PAGES holds only what can be
rebuilt from the database at any moment: whole pages, reply fragments,
sidebars, the professional disclaimer and the session cache. Code reaches it
through ``page_cache()``.

In production PAGES is ``FailSoftRedisCache``: Redis with short timeouts,
whose failures read as misses, so that a stopped or hanging Redis makes
pages slower to build, never unavailable.
"""

import logging
import re
import threading
import time
from typing import Any

from django.core.cache import BaseCache, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

PAGES = "pages"

# Long enough to spare every request a timeout while Redis is away, short
# enough that the site uses it again soon after it returns.
RETRY_AFTER_SECONDS = 5.0
# Each request waits at most this long for Redis before building without it.
SOCKET_TIMEOUT_SECONDS = 0.25

_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
_READS = frozenset({"get", "get_many", "has_key"})
_MISSING = object()


def page_cache() -> BaseCache:
    """Return the cache of disposable data: pages, fragments, sidebars."""
    return caches[PAGES]


class _Circuit:
    """Whether one Redis server is known to be away, shared by every thread.

    After a failure the circuit opens: calls skip Redis for retry_after
    seconds, then one call probes it while the others keep skipping. A write
    skipped during the outage (a page version, a session deleted at log-out)
    leaves entries that may be stale if Redis kept them, so the first call
    that finds Redis back empties it.
    """

    def __init__(self, location: str, retry_after: float):
        self.location, self.retry_after = location, retry_after
        self.open_until = 0.0
        self.is_failing = False
        self.has_skipped_writes = False
        self.lock = threading.Lock()

    def allows_call(self, *, write: bool) -> bool:
        with self.lock:
            if not self.is_failing:
                return True
            if write:
                self.has_skipped_writes = True
            now = time.monotonic()
            if now < self.open_until:
                return False
            # This call probes; the others skip until it has answered.
            self.open_until = now + self.retry_after
            return True

    def record_failure(self, error: Exception, *, write: bool) -> None:
        with self.lock:
            was_failing, self.is_failing = self.is_failing, True
            self.has_skipped_writes = self.has_skipped_writes or write
            self.open_until = time.monotonic() + self.retry_after
        if not was_failing:
            logger.warning(
                "Redis at %s is unavailable (%s: %s); serving without the page "
                "cache, trying again every %s s",
                self.location,
                error.__class__.__name__,
                error,
                self.retry_after,
            )

    def record_success(self) -> bool:
        """Close the circuit; return whether Redis must be emptied first."""
        with self.lock:
            if not self.is_failing:
                return False
            must_clear = self.has_skipped_writes
            self.is_failing = self.has_skipped_writes = False
        logger.warning("Redis at %s answers again", self.location)
        return must_clear


_circuits: dict[str, _Circuit] = {}
_circuits_lock = threading.Lock()


class _ReusingClient(RedisCacheClient):
    """Django's Redis client, keeping one redis.Redis object per server.

    Django builds a new redis.Redis for every cache call, and each one copies
    redis-py's table of some 170 reply parsers: about 0.3 ms a call, a tenth
    of a thread page served from stored fragments. The object holds no
    connection of its own (each command borrows one from the pool), so one
    per pool serves every thread.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(
                id(pool), self._client(connection_pool=pool)
            )
        return client


class FailSoftRedisCache(RedisCache):
    """Redis for disposable data: a failure is a miss, never an error.

    OPTIONS take redis-py's socket_connect_timeout and socket_timeout (a
    quarter of a second unless set) and retry_after, the seconds to skip
    Redis after it failed. A ConnectionError or TimeoutError from Redis logs
    one warning per outage and makes get() return its default, add(), touch()
    and delete() return False, and set() do nothing.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        retry_after = float(options.pop("retry_after", RETRY_AFTER_SECONDS))
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT_SECONDS)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = _ReusingClient
        # Named in log lines: without the password a URL may carry.
        location = ",".join(
            re.sub(r"//[^@/]*@", "//", server) for server in self._servers
        )
        with _circuits_lock:
            self._circuit = _circuits.setdefault(
                location, _Circuit(location, retry_after)
            )

    def _guard(self, name: str, default: Any, *args: Any) -> Any:
        """Call RedisCache's method name, or return default if Redis is away."""
        write = name not in _READS
        if not self._circuit.allows_call(write=write):
            return default
        try:
            result = getattr(super(), name)(*args)
        except _UNAVAILABLE as error:
            self._circuit.record_failure(error, write=write)
            return default
        if self._circuit.record_success():
            # What Redis answered may be stale: empty it, and call it a miss.
            self._empty()
            return default
        return result

    def _empty(self) -> None:
        try:
            client = self._cache.get_client(None, write=True)
            client.flushdb(asynchronous=True)
        except _UNAVAILABLE as error:
            self._circuit.record_failure(error, write=True)

    def get(self, key, default=None, version=None):
        return self._guard("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, list(keys), version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guard("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, key, version)

    def delete_many(self, keys, version=None):
        self._guard("delete_many", None, list(keys), version)

    def incr(self, key, delta=1, version=None):
        value = self._guard("incr", _MISSING, key, delta, version)
        if value is _MISSING:
            # As for any key the cache does not hold.
            raise ValueError(f"Key '{key}' not found.")
        return value

    def clear(self):
        return self._guard("clear", False)
