"""With Redis stopped or hanging, the site serves every page and members post.

Each test runs the site with the caches that config/settings.py gives
production (REDIS_URL set), pointed at a real redis-server that the module
starts, stops, pauses and restarts underneath it.
"""

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from core import cache as core_cache
from core.cache import page_cache
from core.models import CacheEntry
from core.pagecache import scope, touch
from forum.models import HelpfulVote, Reply
from tests.factories import PASSWORD
from tests.html import parse
from tests.ports import free_port

# Generous, so that a busy machine does not fail the test; without the fix a
# hanging Redis held each request for many seconds.
QUICK_SECONDS = 2.0
LOGIN_URL = reverse("account_login")
# Seconds the site skips Redis after a failure, before it tries again.
RETRY_AFTER = 0.3


class RedisServer:
    """A redis-server of the test's own, on a free port in a scratch directory.

    The port is this xdist worker's own (tests/ports.py), so that the server
    can be stopped and started again on it.
    """

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["/usr/bin/redis-server", "--port", str(self.port)]
            + ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                self.client().ping()
                return
            except redis.ConnectionError:
                if self.process.poll() is not None:
                    raise RuntimeError(
                        f"redis-server exited at start (port {self.port} taken?)"
                    ) from None
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            self.process.wait(10)

    @contextmanager
    def stopped(self):
        """Stop the server for the block; start it again, empty, afterwards."""
        self.stop()
        try:
            yield
        finally:
            self.start()

    @contextmanager
    def hanging(self):
        """Pause the server: connections open, but nothing answers."""
        self.process.send_signal(signal.SIGSTOP)
        try:
            yield
        finally:
            self.process.send_signal(signal.SIGCONT)

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port, socket_timeout=1)


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    directory = tmp_path_factory.mktemp("redis")
    for attempt in range(3):
        server = RedisServer(directory)
        try:
            server.start()
            break
        except RuntimeError:
            # Another pytest run took the port first: take another.
            if attempt == 2:
                raise
    yield server
    server.stop()


@pytest.fixture(scope="module")
def production_caches(redis_server):
    """Return the cache and session settings that REDIS_URL gives the site."""
    code = (
        "import json\n"
        "from config import settings as s\n"
        "print(json.dumps({name: getattr(s, name) for name in "
        "('CACHES', 'SESSION_ENGINE', 'SESSION_CACHE_ALIAS')}))"
    )
    environment = {
        **os.environ,
        "REDIS_URL": redis_server.url,
        "DJANGO_SECRET_KEY": "x",
    }
    output = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return json.loads(output)


@pytest.fixture(autouse=True)
def _site_on_redis(settings, production_caches, redis_server, monkeypatch):
    for name, value in production_caches.items():
        setattr(settings, name, value)
    pages = settings.CACHES["pages"]
    assert pages["BACKEND"] == "core.cache.FailSoftRedisCache"
    pages["OPTIONS"]["retry_after"] = RETRY_AFTER
    settings.PAGE_CACHE_ENABLED = True
    # Each test starts with Redis answering and no outage remembered.
    monkeypatch.setattr(core_cache, "_circuits", {})
    redis_server.client().flushdb()


@pytest.fixture
def world(user, thread, reply):
    return {"member": user, "thread": thread, "reply": reply}


def _pages(world) -> dict[str, tuple[str, str]]:
    """Return each page with a text that only a rendered page shows."""
    thread, reply = world["thread"], world["reply"]
    return {
        "index": (reverse("forum:index"), thread.forum.name),
        "forum": (thread.forum.get_absolute_url(), thread.title),
        "thread": (thread.get_absolute_url(), reply.body),
        "search": (f"{reverse('forum:search')}?q=eyelid", thread.title),
    }


def _timed(call, *args, **kwargs):
    started = time.monotonic()
    response = call(*args, **kwargs)
    return response, time.monotonic() - started


def _read_every_page(client, world) -> list[float]:
    durations = []
    for name, (url, text) in _pages(world).items():
        response, seconds = _timed(client.get, url)
        assert response.status_code == 200, name
        assert text in parse(response).one("main").text, name
        durations.append(seconds)
    return durations


def _log_in(client, login: str, password: str = PASSWORD):
    return client.post(LOGIN_URL, {"login": login, "password": password})


def _is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _post_and_vote(client, world) -> list[float]:
    member, thread, reply = world["member"], world["thread"], world["reply"]
    durations = []
    response, seconds = _timed(_log_in, client, member.username)
    assert response.status_code == 302
    assert _is_signed_in(client)
    durations.append(seconds)
    url = reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})
    response, seconds = _timed(client.post, url, {"body": "Breaks helped me too."})
    assert response.status_code == 302
    assert Reply.objects.filter(author=member, body="Breaks helped me too.").exists()
    durations.append(seconds)
    url = reverse("forum:reply-vote", kwargs={"pk": reply.pk})
    response, seconds = _timed(client.post, url, {"vote": "yes"})
    assert response.status_code == 302
    assert HelpfulVote.objects.filter(voter=member, reply=reply).exists()
    durations.append(seconds)
    # The signed-in thread page shows the new reply, from the database.
    page = parse(client.get(thread.get_absolute_url()))
    assert "Breaks helped me too." in page.one("main").text
    return durations


def test_pages_and_posting_work_with_redis_stopped(client, world, redis_server):
    _read_every_page(client, world)  # Stores pages in Redis.
    with redis_server.stopped():
        durations = _read_every_page(client, world)
        durations += _post_and_vote(client, world)
        # The reader who posted is still signed in, from the database.
        assert _is_signed_in(client)
    assert max(durations) < QUICK_SECONDS, durations


def test_pages_and_posting_work_with_redis_hanging(client, world, redis_server):
    _read_every_page(client, world)
    with redis_server.hanging():
        started = time.monotonic()
        durations = _read_every_page(client, world)
        durations += _post_and_vote(client, world)
        total = time.monotonic() - started
    assert max(durations) < QUICK_SECONDS, durations
    # Only the first request waits for Redis; the rest skip it.
    assert total < 2 * QUICK_SECONDS, total


def test_pages_are_stored_again_when_redis_returns(client, world, redis_server):
    url, _ = _pages(world)["thread"]
    with redis_server.stopped():
        assert client.get(url).status_code == 200
    time.sleep(RETRY_AFTER)
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_stale_entry_is_not_served_after_a_hang(client, world, redis_server):
    """A page version skipped during the outage must not bring back old pages."""
    thread = world["thread"]
    url, _ = _pages(world)["forum"]
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    with redis_server.hanging():
        thread.title = "Eyelid twitching for four weeks"
        thread.save(update_fields=["title"])
        touch(scope("site"))
    time.sleep(RETRY_AFTER)
    client.get(url)  # Finds Redis back, with the old page: empties it.
    response = client.get(url)
    assert "Eyelid twitching for four weeks" in parse(response).one("main").text


def test_login_lockout_and_posting_limit_survive_a_redis_restart(
    client, world, redis_server, settings
):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "reply": (1, 600)}
    member, thread = world["member"], world["thread"]
    url = reverse("forum:reply-create", kwargs={"pk": thread.pk, "slug": thread.slug})
    client.force_login(member)
    assert client.post(url, {"body": "A first reply."}).status_code == 302
    attacker = Client()
    for _ in range(10):
        _log_in(attacker, "helpful_neighbour", "wrong password")
    assert not _is_signed_in(_log_in_fresh("helpful_neighbour"))

    # Redis comes back empty.
    redis_server.stop()
    redis_server.start()

    assert client.post(url, {"body": "A second reply, too soon."}).status_code == 429
    assert Reply.objects.filter(author=member).count() == 1
    assert not _is_signed_in(_log_in_fresh("helpful_neighbour"))


def _log_in_fresh(login: str):
    """Log in with the right password from a browser never seen before."""
    browser = Client()
    _log_in(browser, login)
    return browser


def test_filling_redis_cannot_evict_a_lockout(client, world, redis_server):
    for _ in range(10):
        _log_in(client, "helpful_neighbour", "wrong password")
    # Lockouts and limits live in the database, not in Redis.
    keys = [key.decode() for key in redis_server.client().keys("*")]
    assert not any("allauth" in key or "ratelimit" in key for key in keys), keys
    assert CacheEntry.objects.filter(cache_key__contains="login_failed").exists()

    redis = redis_server.client()
    redis.config_set("maxmemory", "4mb")
    redis.config_set("maxmemory-policy", "allkeys-lru")
    try:
        blob = "x" * 10_000
        for number in range(1_500):
            page_cache().set(f"search-page-{number}", blob)
        assert redis.info("stats")["evicted_keys"] > 0
    finally:
        redis.config_set("maxmemory", "0")
    assert not _is_signed_in(_log_in_fresh("helpful_neighbour"))


def test_one_redis_client_serves_every_call():
    # Nothing connects until a command is sent, so no server is needed here.
    backend = core_cache.FailSoftRedisCache("redis://127.0.0.1:9/0", {})
    client = backend._cache.get_client(write=True)
    assert backend._cache.get_client(write=True) is client
    assert backend._cache.get_client(write=False) is client  # One server.
