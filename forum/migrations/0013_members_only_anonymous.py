"""Questions for members only, and questions and replies posted anonymously.

Every existing post stays public and named, so no data changes: the new
counter of members-only threads starts at zero, which is exact. The indexes
serve visitors' forum lists, which leave members-only threads out.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0012_endorsements_outcomes"),
    ]

    operations = [
        migrations.AddField(
            model_name="forum",
            name="members_only_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="reply",
            name="is_anonymous",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="posted anonymously"
            ),
        ),
        migrations.AddField(
            model_name="thread",
            name="is_anonymous",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="posted anonymously"
            ),
        ),
        migrations.AddField(
            model_name="thread",
            name="is_members_only",
            field=models.BooleanField(
                default=False,
                help_text="Only signed-in members can read it; visitors see the "
                "title and its first lines.",
                verbose_name="for members only",
            ),
        ),
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(
                condition=models.Q(
                    ("is_members_only", False), ("removed_at__isnull", True)
                ),
                fields=["forum", "-is_pinned", "-last_activity_at", "-id"],
                name="thread_forum_public_active_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(
                condition=models.Q(
                    ("is_members_only", False), ("removed_at__isnull", True)
                ),
                fields=["forum", "-created_at", "-id"],
                name="thread_forum_public_newest_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="thread",
            index=models.Index(
                condition=models.Q(
                    ("is_members_only", False),
                    ("removed_at__isnull", True),
                    ("reply_count", 0),
                ),
                fields=["forum", "-created_at", "-id"],
                name="thread_forum_public_unansw_idx",
            ),
        ),
    ]
