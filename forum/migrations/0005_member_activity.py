"""Move each member's activity counts from accounts.User to the forum's table.

The counts are the forum's facts, so the forum keeps them: a helpful vote no
longer writes the auth table's row. This runs before accounts 0004 drops the
old columns (run_before, so accounts need not know the forum), copying them
as they stand; going back copies them into the restored columns.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q

COUNTERS = ("thread_count", "reply_count", "helpful_received")


def copy_from_users(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    MemberActivity = apps.get_model("forum", "MemberActivity")
    active = User.objects.filter(
        Q(thread_count__gt=0) | Q(reply_count__gt=0) | Q(helpful_received__gt=0)
    ).values_list("pk", *COUNTERS)
    rows = (
        MemberActivity(member_id=pk, **dict(zip(COUNTERS, counts, strict=True)))
        for pk, *counts in active.iterator(chunk_size=2000)
    )
    MemberActivity.objects.bulk_create(rows, batch_size=2000)


def copy_to_users(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    MemberActivity = apps.get_model("forum", "MemberActivity")
    rows = MemberActivity.objects.values_list("member_id", *COUNTERS)
    for pk, *counts in rows.iterator(chunk_size=2000):
        User.objects.filter(pk=pk).update(**dict(zip(COUNTERS, counts, strict=True)))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_member_counters"),
        ("forum", "0004_count_member_activity"),
    ]
    run_before = [("accounts", "0004_drop_member_counters")]

    operations = [
        migrations.CreateModel(
            name="MemberActivity",
            fields=[
                (
                    "member",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="forum_activity",
                        serialize=False,
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                ("thread_count", models.PositiveIntegerField(default=0)),
                ("reply_count", models.PositiveIntegerField(default=0)),
                ("helpful_received", models.PositiveIntegerField(default=0)),
            ],
            options={"verbose_name_plural": "member activity"},
        ),
        migrations.RunPython(copy_from_users, copy_to_users),
    ]
