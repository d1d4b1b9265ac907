"""A GIN index for thread search, on PostgreSQL only.

The index is built from the expression ThreadQuerySet.search() filtered on
when this migration was written, so the planner could use it. It is written
out here rather than imported, so that later changes to the model cannot
change what this migration does (0003 replaced it with a stored column).
SQLite has no GIN indexes; search there falls back to substring matching.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "thread_search_gin"


def _index():
    vector = SearchVector("title", weight="A", config="english") + SearchVector(
        "body", weight="B", config="english"
    )
    return GinIndex(vector, name=INDEX_NAME)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("forum", "Thread"), _index())


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("forum", "Thread"), _index())


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
