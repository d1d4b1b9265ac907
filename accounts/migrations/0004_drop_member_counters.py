"""Drop the forum's activity counters from the user table.

The forum keeps them in its own table now (it copies them there first).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_member_counters"),
    ]

    operations = [
        migrations.RemoveField(model_name="user", name="helpful_received"),
        migrations.RemoveField(model_name="user", name="reply_count"),
        migrations.RemoveField(model_name="user", name="thread_count"),
    ]
