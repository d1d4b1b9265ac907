"""Migration 0011 rewrites every thread's search vector, in batches, both ways."""

from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import UserFactory

BEFORE = [("forum", "0010_related_threads")]
AFTER = [("forum", "0011_search_ranking")]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the vectors are PostgreSQL's"
)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _lexemes(thread_id: int) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(search_vector) FROM forum_thread WHERE id = %s",
            [thread_id],
        )
        return set(cursor.fetchone()[0])


@pytest.mark.django_db(transaction=True)
def test_vectors_gain_replies_and_marks_and_lose_them_again(monkeypatch):
    # Batches of one thread, so that the batching itself is exercised.
    monkeypatch.setattr(
        import_module("forum.migrations.0011_search_ranking"), "BATCH", 1
    )
    try:
        apps = _migrate(BEFORE)
        # Members as they are today: only the forum's tables go back.
        author = UserFactory(username="asker")
        Forum = apps.get_model("forum", "Forum")
        Thread = apps.get_model("forum", "Thread")
        Reply = apps.get_model("forum", "Reply")
        forum = Forum.objects.create(name="Neurology", slug="neurology")
        threads = [
            Thread.objects.create(
                forum=forum,
                author_id=author.pk,
                title=title,
                slug="t",
                body="Since May.",
            )
            for title in ("Numb hands", "Twitching eyelid")
        ]
        Reply.objects.create(
            thread=threads[0], author_id=author.pk, body="Try a splint."
        )
        assert _lexemes(threads[0].pk) == {"numb", "hand", "sinc", "may"}

        _migrate(AFTER)
        first, second = (_lexemes(thread.pk) for thread in threads)
        assert {"splint", "hands", "@t:hand", "@t:hands", "@q:may"} <= first
        assert {"twitching", "@t:twitch", "@q:sinc"} <= second

        _migrate(BEFORE)
        assert _lexemes(threads[0].pk) == {"numb", "hand", "sinc", "may"}
        # The reply triggers are gone with the new vectors.
        Reply.objects.create(thread=threads[1], author_id=author.pk, body="Mine too.")
        assert "mine" not in _lexemes(threads[1].pk)
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
