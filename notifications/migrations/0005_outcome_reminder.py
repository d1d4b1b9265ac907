"""A new kind of notification: the reminder to share what happened next, once per thread."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0004_moderation_notices'),
    ]

    operations = [
        migrations.AlterField(
            model_name='emailpreference',
            name='kind',
            field=models.CharField(choices=[('reply', 'New replies on threads you follow'), ('professional_reply', 'Replies from verified medical professionals on threads you follow'), ('helpful', 'Your replies voted helpful'), ('new_thread', 'New questions in forums and tags you follow'), ('credential', 'Decisions on your professional application'), ('moderation', 'Decisions about your posts, reports and account'), ('outcome_reminder', 'Reminders to share what happened next after you asked')], max_length=20),
        ),
        migrations.AlterField(
            model_name='notification',
            name='kind',
            field=models.CharField(choices=[('reply', 'New replies on threads you follow'), ('professional_reply', 'Replies from verified medical professionals on threads you follow'), ('helpful', 'Your replies voted helpful'), ('new_thread', 'New questions in forums and tags you follow'), ('credential', 'Decisions on your professional application'), ('moderation', 'Decisions about your posts, reports and account'), ('outcome_reminder', 'Reminders to share what happened next after you asked')], max_length=20),
        ),
        migrations.AddConstraint(
            model_name='notification',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'outcome_reminder')), fields=('thread',), name='one_outcome_reminder_per_thread'),
        ),
    ]
