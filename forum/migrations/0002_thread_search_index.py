"""A GIN index for thread search, on PostgreSQL only.

The index is built from forum.models.THREAD_SEARCH_VECTOR, the very
expression ThreadQuerySet.search() filters on, so the planner can use it.
SQLite has no GIN indexes; search there falls back to substring matching.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEX_NAME = "thread_search_gin"


def _index():
    from forum.models import THREAD_SEARCH_VECTOR

    return GinIndex(THREAD_SEARCH_VECTOR, name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("forum", "Thread"), _index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("forum", "Thread"), _index())


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
