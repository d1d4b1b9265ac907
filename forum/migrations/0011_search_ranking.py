"""Search a thread's replies too, and mark where each word stands.

The stored search vector (migration 0003) held the title and body in
English stems. It now holds, on PostgreSQL:

- the title (weight A), the body (B) and the text of the visible replies
  (C), each in two configurations: 'english' (stems, so "twitches" finds
  "twitching") and 'simple' (every word as written, so a whole-word match
  can be told from a stem, and abbreviations that English drops as stop
  words, such as ME, are still there). A slash splits words ("MS/ALS");
- the title's words again, each prefixed '@t:', and the title's and body's,
  prefixed '@q:'. The GIN index can then answer "does the title match?"
  and "does the question match?" by itself, without reading any row, which
  is what lets forum.search rank every match by where it matched (see that
  module) at the cost of one index scan per tier.

Replies are kept in the vector by triggers on forum_reply, in the same
transaction as the reply is posted, edited, removed, restored or deleted,
so a search finds a reply as soon as readers can see it, whatever wrote it
(the services, the admin, the privacy erasure's bulk update, COPY). Only
the first REPLY_LIMIT replies and REPLY_TEXT_LIMIT characters of a thread
are indexed, which bounds both the work per reply and the vector's size.

Existing vectors are rewritten in batches of BATCH threads, each in its own
transaction, so that the site keeps serving while it runs (about four
minutes at 100,000 threads and 1,000,000 replies on the benchmark's
machine): the triggers are in place first, so nothing written meanwhile is
missed, and a thread not yet rewritten is still found, only less well
ranked. The SQL runs on PostgreSQL only; on SQLite the column stays empty
and forum.search matches words itself.
"""

from django.db import migrations, transaction

BATCH = 2000
REPLY_LIMIT = 500
REPLY_TEXT_LIMIT = 60_000

DOCUMENT_FUNCTION = r"""
CREATE OR REPLACE FUNCTION forum_thread_search_document(
    title text, body text, replies text
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH parts AS (
        SELECT
            setweight(to_tsvector('english'::regconfig, t)
                || to_tsvector('simple'::regconfig, t), 'A') AS title_words,
            setweight(to_tsvector('english'::regconfig, b)
                || to_tsvector('simple'::regconfig, b), 'B') AS body_words,
            setweight(to_tsvector('english'::regconfig, r)
                || to_tsvector('simple'::regconfig, r), 'C') AS reply_words
        FROM (
            SELECT
                translate(coalesce(title, ''), '/', ' ') AS t,
                translate(coalesce(body, ''), '/', ' ') AS b,
                translate(coalesce(replies, ''), '/', ' ') AS r
        ) AS texts
    )
    SELECT title_words || body_words || reply_words
        || array_to_tsvector(
            ARRAY(SELECT '@t:' || lexeme FROM unnest(title_words))
            || ARRAY(SELECT '@q:' || lexeme FROM unnest(title_words || body_words))
        )
    FROM parts
$$
"""

REPLIES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION forum_thread_replies_text(thread bigint)
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT left(coalesce(string_agg(body, E'\\n\\n' ORDER BY created_at, id), ''),
                {REPLY_TEXT_LIMIT})
    FROM (
        SELECT body, created_at, id FROM forum_reply
        WHERE thread_id = thread AND removed_at IS NULL
        ORDER BY created_at, id
        LIMIT {REPLY_LIMIT}
    ) AS shown
$$
"""

# The thread's own trigger (0003) calls this function: only its body changes.
THREAD_FUNCTION = """
CREATE OR REPLACE FUNCTION forum_thread_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector := forum_thread_search_document(
        NEW.title, NEW.body, forum_thread_replies_text(NEW.id)
    );
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""

REFRESH = """
    UPDATE forum_thread AS thread
    SET search_vector = forum_thread_search_document(
        thread.title, thread.body, forum_thread_replies_text(thread.id)
    )
"""

# Posted and deleted replies: once per statement, for every thread touched
# (COPY and bulk inserts included); removed replies never counted.
REPLY_STATEMENT_FUNCTION = f"""
CREATE FUNCTION forum_reply_search_statement() RETURNS trigger AS $$
BEGIN
    {REFRESH}
    WHERE thread.id IN (
        SELECT thread_id FROM changed_replies WHERE removed_at IS NULL
    );
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""

# Edited, removed, restored (or moved) replies; the trigger's WHEN skips
# every other update, such as a helpful vote's counters.
REPLY_ROW_FUNCTION = f"""
CREATE FUNCTION forum_reply_search_row() RETURNS trigger AS $$
BEGIN
    {REFRESH}
    WHERE thread.id IN (OLD.thread_id, NEW.thread_id);
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""

FORWARD_SQL = [
    DOCUMENT_FUNCTION,
    REPLIES_FUNCTION,
    THREAD_FUNCTION,
    REPLY_STATEMENT_FUNCTION,
    REPLY_ROW_FUNCTION,
    """
    CREATE TRIGGER forum_reply_search_insert
    AFTER INSERT ON forum_reply REFERENCING NEW TABLE AS changed_replies
    FOR EACH STATEMENT EXECUTE FUNCTION forum_reply_search_statement()
    """,
    """
    CREATE TRIGGER forum_reply_search_delete
    AFTER DELETE ON forum_reply REFERENCING OLD TABLE AS changed_replies
    FOR EACH STATEMENT EXECUTE FUNCTION forum_reply_search_statement()
    """,
    """
    CREATE TRIGGER forum_reply_search_update
    AFTER UPDATE OF body, removed_at, thread_id ON forum_reply
    FOR EACH ROW WHEN (
        OLD.body IS DISTINCT FROM NEW.body
        OR (OLD.removed_at IS NULL) IS DISTINCT FROM (NEW.removed_at IS NULL)
        OR OLD.thread_id IS DISTINCT FROM NEW.thread_id
    )
    EXECUTE FUNCTION forum_reply_search_row()
    """,
]

# 0003's function and vectors, exactly as they were.
OLD_VECTOR_SQL = (
    "setweight(to_tsvector('english'::regconfig, COALESCE({row}title, '')), 'A')"
    " || setweight(to_tsvector('english'::regconfig, COALESCE({row}body, '')), 'B')"
)

BACKWARD_SQL = [
    "DROP TRIGGER IF EXISTS forum_reply_search_update ON forum_reply",
    "DROP TRIGGER IF EXISTS forum_reply_search_delete ON forum_reply",
    "DROP TRIGGER IF EXISTS forum_reply_search_insert ON forum_reply",
    "DROP FUNCTION IF EXISTS forum_reply_search_row()",
    "DROP FUNCTION IF EXISTS forum_reply_search_statement()",
    f"""
    CREATE OR REPLACE FUNCTION forum_thread_search_vector() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector := {OLD_VECTOR_SQL.format(row="NEW.")};
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    "DROP FUNCTION IF EXISTS forum_thread_replies_text(bigint)",
    "DROP FUNCTION IF EXISTS forum_thread_search_document(text, text, text)",
]

NEW_VECTORS = (
    "forum_thread_search_document(title, body, forum_thread_replies_text(id))"
)
OLD_VECTORS = OLD_VECTOR_SQL.format(row="")


def _rewrite(schema_editor, vectors: str) -> None:
    """Set every thread's vector to vectors, BATCH threads per transaction."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM forum_thread")
        (last,) = cursor.fetchone()
        for start in range(0, last, BATCH):
            with transaction.atomic(using=connection.alias):
                cursor.execute(
                    f"UPDATE forum_thread SET search_vector = {vectors}"
                    " WHERE id > %s AND id <= %s",
                    [start, start + BATCH],
                )


def store_new_vectors(apps, schema_editor):
    _rewrite(schema_editor, NEW_VECTORS)


def store_old_vectors(apps, schema_editor):
    _rewrite(schema_editor, OLD_VECTORS)


class PostgreSQLOnly(migrations.RunSQL):
    """Run the SQL on PostgreSQL, in one transaction; elsewhere do nothing."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        connection = schema_editor.connection
        if connection.vendor == "postgresql":
            with transaction.atomic(using=connection.alias):
                super().database_forwards(
                    app_label, schema_editor, from_state, to_state
                )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        connection = schema_editor.connection
        if connection.vendor == "postgresql":
            with transaction.atomic(using=connection.alias):
                super().database_backwards(
                    app_label, schema_editor, from_state, to_state
                )


class Migration(migrations.Migration):
    # Each batch of the rewrite commits on its own (see the docstring).
    atomic = False

    dependencies = [("forum", "0010_related_threads")]

    # Reversed, the old vectors are written once the old trigger is back.
    operations = [
        migrations.RunPython(migrations.RunPython.noop, store_old_vectors),
        PostgreSQLOnly(FORWARD_SQL, BACKWARD_SQL),
        migrations.RunPython(store_new_vectors, migrations.RunPython.noop),
    ]
