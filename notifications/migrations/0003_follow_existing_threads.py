"""Members follow the threads they asked or answered before follows existed.

From now on posting follows the thread (notifications.fanout); without this,
the askers of every earlier question would never hear of a new answer.
"""

from django.db import migrations

BATCH = 2000


def follow_own_threads(apps, schema_editor):
    Follow = apps.get_model("notifications", "Follow")
    Thread = apps.get_model("forum", "Thread")
    Reply = apps.get_model("forum", "Reply")
    pairs = Thread.objects.filter(removed_at=None).values_list("author_id", "pk")
    replied = (
        Reply.objects.filter(removed_at=None, thread__removed_at=None)
        .values_list("author_id", "thread_id")
        .distinct()
    )
    for rows in (pairs, replied):
        batch = []
        for member_id, thread_id in rows.iterator(chunk_size=BATCH):
            batch.append(Follow(member_id=member_id, thread_id=thread_id))
            if len(batch) == BATCH:
                Follow.objects.bulk_create(batch, ignore_conflicts=True)
                batch = []
        Follow.objects.bulk_create(batch, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_digestsent"),
        ("forum", "0005_member_activity"),
    ]

    operations = [
        # Reversed, nothing to undo: the follows go with the table, or stay.
        migrations.RunPython(follow_own_threads, migrations.RunPython.noop),
    ]
