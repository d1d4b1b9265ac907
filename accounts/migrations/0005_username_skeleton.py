from collections import defaultdict

from django.db import migrations, models

from accounts.validators import skeleton


def fill_skeletons(apps, schema_editor):
    """Give every member the skeleton of their name; refuse to hide clashes."""
    User = apps.get_model("accounts", "User")
    holders = defaultdict(list)
    for user in User.objects.only("pk", "username").iterator():
        user.username_skeleton = skeleton(user.username)
        holders[user.username_skeleton].append(user.username)
        user.save(update_fields=["username_skeleton"])
    clashes = [names for names in holders.values() if len(names) > 1]
    if clashes:
        listed = "; ".join(", ".join(names) for names in clashes)
        raise RuntimeError(
            "These members' names look alike, so they cannot all keep them: "
            f"{listed}. Rename all but one of each group, then migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_drop_member_counters"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="username_skeleton",
            field=models.CharField(default="", editable=False, max_length=600),
            preserve_default=False,
        ),
        migrations.RunPython(fill_skeletons, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                fields=("username_skeleton",),
                name="unique_username_skeleton",
                violation_error_message=(
                    "A member already has a name that looks the same."
                ),
            ),
        ),
    ]
