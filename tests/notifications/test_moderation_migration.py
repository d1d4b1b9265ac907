"""The migration that adds moderation notices runs both ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import NotificationFactory

BEFORE = [("notifications", "0003_follow_existing_threads")]
AFTER = [("notifications", "0004_moderation_notices")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _columns() -> set[str]:
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(
            cursor, "notifications_notification"
        )
    return {column.name for column in description}


@pytest.mark.django_db(transaction=True)
def test_earlier_notifications_keep_an_empty_message_and_it_can_be_undone():
    earlier = NotificationFactory()
    try:
        _migrate(BEFORE)
        assert "message" not in _columns()

        apps = _migrate(AFTER)

        assert "message" in _columns()
        notification = apps.get_model("notifications", "Notification")
        assert notification.objects.get(pk=earlier.pk).message == ""
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
