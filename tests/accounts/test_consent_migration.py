"""Members who joined before consent was asked are not presumed to have agreed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0006_sanctions_and_erasure")]
AFTER = [("accounts", "0007_health_data_consent")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_records_no_consent_for_existing_members():
    executor = MigrationExecutor(connection)
    try:
        executor.migrate(BEFORE)
        old = executor.loader.project_state(BEFORE).apps.get_model("accounts", "User")
        old.objects.create(username="joined_long_ago", username_skeleton="x")
        executor.loader.build_graph()
        executor.migrate(AFTER)

        new = executor.loader.project_state(AFTER).apps
        member = new.get_model("accounts", "User").objects.get()
        assert member.health_consent_version is None
        assert not new.get_model("accounts", "HealthDataConsent").objects.exists()
    finally:
        # Later migrations back, for the tests that run after.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
