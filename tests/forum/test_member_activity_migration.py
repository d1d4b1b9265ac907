"""Moving member counters to the forum's table keeps every count, both ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("forum", "0004_count_member_activity"), ("accounts", "0003_member_counters")]
AFTER = [("forum", "0005_member_activity"), ("accounts", "0004_drop_member_counters")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_counts_move_to_member_activity_and_back():
    try:
        apps = _migrate(BEFORE)
        User = apps.get_model("accounts", "User")
        User.objects.create(
            username="busy", thread_count=3, reply_count=5, helpful_received=8
        )
        User.objects.create(username="quiet")

        apps = _migrate(AFTER)
        MemberActivity = apps.get_model("forum", "MemberActivity")
        rows = MemberActivity.objects.values_list(
            "member__username", "thread_count", "reply_count", "helpful_received"
        )
        # Only members with activity get a row; no row reads as zeros.
        assert list(rows) == [("busy", 3, 5, 8)]

        apps = _migrate(BEFORE)
        User = apps.get_model("accounts", "User")
        counts = User.objects.order_by("username").values_list(
            "username", "thread_count", "reply_count", "helpful_received"
        )
        assert list(counts) == [("busy", 3, 5, 8), ("quiet", 0, 0, 0)]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
