"""Store each thread's search vector, so that ranking does not re-parse bodies.

Migration 0002 indexed an expression; ranking a common word then ran
to_tsvector again on every matching body. The vector is now a column, kept
by a PostgreSQL trigger whenever a thread's title or body is written (COPY
and bulk inserts included), and indexed by GIN. On SQLite the column stays
empty and search matches substrings. A new index on the latest activity lets
search rank only the most recently active matches of a common word.
"""

from importlib import import_module

import django.contrib.postgres.search
from django.db import migrations, models

# 0002's index, rebuilt exactly as it was when this migration is reversed.
initial_index = import_module("forum.migrations.0002_thread_search_index")

VECTOR_SQL = (
    "setweight(to_tsvector('english'::regconfig, COALESCE({row}title, '')), 'A')"
    " || setweight(to_tsvector('english'::regconfig, COALESCE({row}body, '')), 'B')"
)

FORWARD_SQL = [
    f"""
    CREATE FUNCTION forum_thread_search_vector() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector := {VECTOR_SQL.format(row="NEW.")};
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER forum_thread_search_vector
    BEFORE INSERT OR UPDATE OF title, body ON forum_thread
    FOR EACH ROW EXECUTE FUNCTION forum_thread_search_vector()
    """,
    f"UPDATE forum_thread SET search_vector = {VECTOR_SQL.format(row='')}",
    "CREATE INDEX thread_search_vector_gin ON forum_thread USING gin (search_vector)",
    "DROP INDEX IF EXISTS thread_search_gin",
]

BACKWARD_SQL = [
    "DROP INDEX IF EXISTS thread_search_vector_gin",
    "DROP TRIGGER IF EXISTS forum_thread_search_vector ON forum_thread",
    "DROP FUNCTION IF EXISTS forum_thread_search_vector()",
]


def store_vectors(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD_SQL:
            schema_editor.execute(statement)


def index_expression(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD_SQL:
            schema_editor.execute(statement)
        initial_index.create_index(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("forum", "0002_thread_search_index")]

    operations = [
        migrations.AddField(
            model_name="thread",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.RunPython(store_vectors, index_expression),
        # Search ranks the most recently active matches, found along this.
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(
                condition=models.Q(("removed_at__isnull", True)),
                fields=["-last_activity_at", "-id"],
                name="thread_active_idx",
            ),
        ),
    ]
