"""Store each thread's related questions (forum.related, services.relate_thread).

Existing threads get theirs from ``manage.py relate_threads``, which
docs/deploy.md asks to run once after this migration and then daily.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0009_tag_synonyms"),
    ]

    operations = [
        migrations.CreateModel(
            name="RelatedThread",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("score", models.PositiveIntegerField()),
                ("position", models.PositiveSmallIntegerField()),
                (
                    "related",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="listed_in",
                        to="forum.thread",
                    ),
                ),
                (
                    "thread",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="related_links",
                        to="forum.thread",
                    ),
                ),
            ],
            options={
                "ordering": ["thread", "position"],
                "indexes": [
                    models.Index(
                        fields=["thread", "position"], name="related_thread_order_idx"
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("thread", "related"), name="related_thread_once"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("related", models.F("thread")), _negated=True
                        ),
                        name="related_thread_not_itself",
                    ),
                ],
            },
        ),
    ]
