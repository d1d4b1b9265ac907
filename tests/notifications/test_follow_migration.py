"""Askers and repliers of earlier threads follow them after the migration."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from forum import services
from notifications.models import Follow
from tests.factories import ForumFactory, UserFactory

BEFORE = [("notifications", "0002_digestsent")]
AFTER = [("notifications", "0003_follow_existing_threads")]


@pytest.mark.django_db(transaction=True)
def test_earlier_askers_and_repliers_follow_their_threads():
    asker, replier, forum = UserFactory(), UserFactory(), ForumFactory()

    def ask(title):
        return services.post_thread(
            author=asker, forum=forum, title=title, body="Is this normal?"
        )

    thread = ask("Eyelid twitching for a week")
    services.post_reply(author=replier, thread=thread, body="Same here, it passed.")
    gone = ask("A question staff removed")
    services.remove_thread(
        moderator=UserFactory(is_staff=True, is_superuser=True), thread=gone
    )
    # As the site was before follows existed.
    Follow.objects.all().delete()

    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        executor.loader.build_graph()
        executor.migrate(AFTER)

        assert set(Follow.objects.values_list("member_id", "thread_id")) == {
            (asker.pk, thread.pk),
            (replier.pk, thread.pk),
        }
    finally:
        # Later migrations' columns back, for the tests that run after.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
