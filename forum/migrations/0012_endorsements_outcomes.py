"""Endorsements by verified professionals, and the asker's outcome and "helped most" marks.

Every new column has a default or is empty, so existing rows need no backfill:
no reply is endorsed and no thread has an outcome yet.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('forum', '0011_search_ranking'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Endorsement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
            ],
            options={
                'ordering': ['created_at', 'id'],
            },
        ),
        migrations.AddField(
            model_name='reply',
            name='endorsement_count',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='reply',
            name='helped_most_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='thread',
            name='outcome',
            field=models.TextField(blank=True, max_length=3000),
        ),
        migrations.AddField(
            model_name='thread',
            name='outcome_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='thread',
            name='outcome_edited_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='thread',
            name='outcome_html',
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddIndex(
            model_name='reply',
            index=models.Index(condition=models.Q(('removed_at__isnull', True)), fields=['thread', '-endorsement_count', '-helpful_count', 'created_at', 'id'], name='reply_thread_endorsed_idx'),
        ),
        migrations.AddIndex(
            model_name='thread',
            index=models.Index(condition=models.Q(('outcome_at__isnull', False), ('removed_at__isnull', True)), fields=['forum', '-outcome_at', '-id'], name='thread_forum_outcome_idx'),
        ),
        migrations.AddField(
            model_name='endorsement',
            name='endorser',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='endorsements', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='endorsement',
            name='reply',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='endorsements', to='forum.reply'),
        ),
        migrations.AddConstraint(
            model_name='endorsement',
            constraint=models.UniqueConstraint(fields=('reply', 'endorser'), name='one_endorsement_per_reply'),
        ),
    ]
