"""Fill the member counters added by accounts 0003 from the posts already there.

The counters belong to accounts.User, but what they count is the forum's,
so the forum fills them. Going back needs nothing: accounts 0003 drops them.
"""

from django.db import migrations
from django.db.models import Count, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce


def count_member_activity(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Thread = apps.get_model("forum", "Thread")
    Reply = apps.get_model("forum", "Reply")
    threads = Thread.objects.filter(author=OuterRef("pk"), removed_at__isnull=True)
    replies = Reply.objects.filter(
        author=OuterRef("pk"),
        removed_at__isnull=True,
        thread__removed_at__isnull=True,
    )

    def per_member(rows, aggregate):
        value = rows.values("author").annotate(n=aggregate).values("n")
        return Coalesce(Subquery(value), Value(0))

    User.objects.update(
        thread_count=per_member(threads, Count("pk")),
        reply_count=per_member(replies, Count("pk")),
        helpful_received=per_member(replies, Sum("helpful_count")),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_member_counters"),
        ("forum", "0003_thread_search_vector"),
    ]

    operations = [
        migrations.RunPython(count_member_activity, migrations.RunPython.noop),
    ]
