"""Two web processes sharing one Redis and one database, as behind a load balancer.

Two gunicorn servers on two ports serve the suite's test database, with
REDIS_URL naming a redis-server of the module's own, so the page cache is
on as in production. What a member does through one must show at once to
readers of the other: a stored page is expired through version tokens in
the shared Redis, not in either process's memory, and a session started in
one is good in the other.
"""

import os
import shutil

import pytest
from django.contrib.auth.hashers import ScryptPasswordHasher, make_password

from forum import services
from tests.factories import ForumFactory, UserFactory
from tests.servers import (
    REDIS_SERVER,
    RedisServer,
    Site,
    Visitor,
    form_data,
    scratch_directory,
    site_environment,
)

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason=(
            "the SQLite test database lives in this process's memory; two "
            "servers need one they share (runs in the PostgreSQL pass)"
        ),
    ),
    pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed"),
]

PASSWORD = "processes-pass-42"


@pytest.fixture(scope="module")
def sites(django_db_setup, django_db_blocker):
    """Start two servers on the test database and one Redis."""
    from django.db import connection

    database = connection.settings_dict
    directory = scratch_directory("processes-")
    redis = RedisServer(directory)
    started = []
    try:
        redis.start()
        url = (
            f"postgres://{database['USER']}:{database['PASSWORD']}@"
            f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/"
            f"{database['NAME']}"
        )
        env = site_environment(url, REDIS_URL=redis.url)
        for name in ("one", "two"):
            site = Site(env, directory / f"{name}.log")
            site.start()
            started.append(site)
        yield started
    finally:
        for site in started:
            site.stop()
        redis.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def world(transactional_db):
    asker = UserFactory(username="asker")
    lee = UserFactory(username="lee")
    mira = UserFactory(username="mira")
    mira.password = make_password(PASSWORD, hasher=ScryptPasswordHasher())
    mira.save(update_fields=["password"])
    thread = services.post_thread(
        author=asker,
        forum=ForumFactory(name="Neurology", slug="neurology"),
        title="Ringing in one ear since a cold",
        body="Since a cold two weeks ago my left ear has rung all day.",
    )
    reply = services.post_reply(
        author=lee, thread=thread, body="Mine faded after about a month."
    )
    return {"thread": thread, "reply": reply}


def _replies(answer) -> list[str]:
    return [body.text for body in answer.page.select(".reply .post-body")]


def test_a_change_made_through_one_process_shows_at_once_in_the_other(sites, world):
    one, two = sites
    url, reply = world["thread"].get_absolute_url(), world["reply"]
    reader = Visitor(two)
    reader.get(url)
    stored = reader.get(url)
    assert stored.headers["X-Page-Cache"] == "hit"

    mira = Visitor(one)
    mira.log_in("mira", PASSWORD)
    form = mira.get(url).page.one(".reply-form form")
    text = "An audiologist checked mine; it was fluid behind the eardrum."
    posted = mira.post(form["action"], form_data(form) | {"body": text})
    assert "Your reply is posted." in posted.page.one(".messages").text

    seen = reader.get(url)
    assert seen.headers["X-Page-Cache"] == "miss"
    assert text in _replies(seen)
    assert reader.get(url).headers["X-Page-Cache"] == "hit"

    # A vote through the first process, seen through the second.
    form = mira.get(url).page.one(f"#vote-{reply.pk} form")
    mira.post(form["action"], form_data(form) | {"vote": "yes"})
    seen = reader.get(url).page.one(f"#vote-{reply.pk} .helpful-count")
    assert "Helpful – 1" in seen.text


def test_a_session_started_in_one_process_is_good_in_the_other(sites, world):
    one, two = sites
    mira = Visitor(one)
    mira.log_in("mira", PASSWORD)
    on_two = mira.at(two)
    assert "mira" in on_two.get("/").page.one("header").text

    # Signing out through the second ends the session in the first too.
    logout = on_two.get("/").page.one('header form[action="/accounts/logout/"]')
    on_two.post(logout["action"], form_data(logout))
    header = mira.get("/").page.one("header")
    assert "mira" not in header.text
    assert header.by_role("link", "Log in")
