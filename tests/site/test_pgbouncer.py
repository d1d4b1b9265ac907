"""The site through PgBouncer in transaction mode, as docs/deploy.md sets it up.

The module starts a pgbouncer of its own in front of the suite's test
database, handing each transaction the next of three server connections in
turn, so that anything a connection kept between transactions (a cursor, a
prepared statement, a SET) would be missing at once. The site runs under
gunicorn with DATABASE_POOLER=pgbouncer and is driven over HTTP: pages for
a reader, then a member's log-in, question, reply and votes, and a
management command that walks a table with .iterator().
"""

import os
import shutil

import pytest
from django.contrib.auth.hashers import ScryptPasswordHasher, make_password
from django.db import connection

from forum import services
from forum.models import HelpfulVote, Reply, Thread
from tests.factories import ForumFactory, UserFactory
from tests.servers import (
    PGBOUNCER,
    PgBouncer,
    Site,
    Visitor,
    form_data,
    manage,
    scratch_directory,
    site_environment,
)

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="PgBouncer stands in front of PostgreSQL; this pass runs on SQLite",
    ),
    pytest.mark.skipif(
        PGBOUNCER is None,
        reason="PgBouncer is not installed (apt-get install pgbouncer)",
    ),
]

PASSWORD = "bouncer-pass-42"


@pytest.fixture(scope="module")
def bouncer(django_db_setup, django_db_blocker):
    """Serve the site from the test database through a pgbouncer of its own."""
    database = connection.settings_dict
    directory = scratch_directory("pgbouncer-")
    pgbouncer = PgBouncer(directory, database)
    site = None
    try:
        pgbouncer.start()
        url = (
            f"postgres://{database['USER']}:{database['PASSWORD']}@127.0.0.1:"
            f"{pgbouncer.port}/{database['NAME']}"
        )
        env = site_environment(url, DATABASE_POOLER="pgbouncer")
        site = Site(env, directory / "gunicorn.log")
        site.start()
        yield {"pgbouncer": pgbouncer, "site": site, "env": env}
    finally:
        if site is not None:
            site.stop()
        # Its server connections go with it, before the test database does.
        pgbouncer.stop()
        shutil.rmtree(directory, ignore_errors=True)


def _member(username: str):
    member = UserFactory(username=username)
    member.password = make_password(PASSWORD, hasher=ScryptPasswordHasher())
    member.save(update_fields=["password"])
    return member


@pytest.fixture
def world(transactional_db):
    asker, lee = _member("asker"), _member("lee")
    _member("mira")
    forum = ForumFactory(name="Neurology", slug="neurology")
    thread = services.post_thread(
        author=asker,
        forum=forum,
        title="Numb fingertips after a night shift",
        body="After night shifts my fingertips go numb for an hour or so.",
        tags=["numbness"],
    )
    reply = services.post_reply(
        author=lee, thread=thread, body="Mine came from leaning on my elbows."
    )
    return {"forum": forum, "thread": thread, "reply": reply}


def test_pages_and_writes_work_through_pgbouncer(bouncer, world):
    site, thread, reply = bouncer["site"], world["thread"], world["reply"]
    reader, mira = Visitor(site), Visitor(site)
    pages = {
        "/": "Neurology",
        world["forum"].get_absolute_url(): thread.title,
        thread.get_absolute_url(): reply.body,
        "/search/?q=fingertips": thread.title,
        "/tags/numbness/": thread.title,
        "/members/lee/": "leaning on my elbows",
    }
    for url, text in pages.items():
        answer = reader.get(url)
        assert answer.status == 200, url
        assert text in answer.page.one("main").text, url

    mira.log_in("mira", PASSWORD)
    ask = mira.get("/ask/").page.one("main form")
    asked = mira.post(
        ask.attrs.get("action") or "/ask/",
        form_data(ask)
        | {
            "forum": str(world["forum"].pk),
            "title": "Pins and needles in one hand while typing",
            "body": "My right hand gets pins and needles after an hour of typing.",
            "tags": "numbness",
        },
    )
    assert asked.status == 200
    assert "Your question is posted." in asked.page.one(".messages").text

    reply_form = mira.get(thread.get_absolute_url()).page.one(".reply-form form")
    replied = mira.post(
        reply_form["action"],
        form_data(reply_form) | {"body": "A wrist rest and breaks helped me."},
    )
    assert "Your reply is posted." in replied.page.one(".messages").text

    for vote, shown in (("yes", "Helpful – 1"), ("withdraw", "Helpful – 0")):
        form = mira.get(thread.get_absolute_url()).page.one(f"#vote-{reply.pk} form")
        voted = mira.post(form["action"], form_data(form) | {"vote": vote})
        assert shown in voted.page.one(f"#vote-{reply.pk} .helpful-count").text

    # Saved, through PgBouncer, in the database the suite reads directly.
    assert Thread.objects.filter(title__startswith="Pins and needles").exists()
    assert Reply.objects.filter(body__startswith="A wrist rest").exists()
    assert not HelpfulVote.objects.filter(reply=reply).exists()

    # A command that walks tables with .iterator(): no server-side cursor.
    manage(bouncer["env"], "recount")

    log = (site.log.parent / "pgbouncer.log").read_text()
    assert "unsupported startup parameter" not in log
    assert "Traceback" not in site.log_text()
    stats = {
        line.split("|")[0]: int(line.split("|")[1])
        for line in bouncer["pgbouncer"].show("STATS").splitlines()
        if line
    }
    # Every request went through it: dozens of transactions.
    assert stats[connection.settings_dict["NAME"]] > 50
