"""Load the demo community that `make run` shows: `manage.py seed_demo`."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from demo.accounts import demo_logins, read_members, seed_credentials, seed_members
from demo.followups import seed_endorsements, seed_outcomes
from demo.forum import seed_forums, seed_reports, seed_threads
from demo.resources import seed_resources
from demo.safety import seed_redactions
from notifications.models import Notification

# The demo's conversations happened before anyone arrived: the members they
# notify are told in the site (the bell), never by e-mail, so the tasks they
# would queue go to a backend that only records them.
QUIET_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


class Command(BaseCommand):
    help = (
        "Load the demo community from demo/content/: members, professionals, "
        "forums, threads, replies, votes, endorsements, outcomes and resources. "
        "Safe to run again."
    )

    def handle(self, *args, **options):
        members_file = read_members()
        with override_settings(TASKS=QUIET_TASKS), transaction.atomic():
            staff, members = seed_members(members_file)
            seed_credentials(members_file, staff=staff, members=members)
            seed_forums()
            threads = seed_threads(staff=staff, members=members)
            reports = seed_reports(members)
            endorsements = seed_endorsements(members)
            outcomes = seed_outcomes(members)
            seed_redactions(staff)
            resources = seed_resources()
            # Nor does the daily digest bring them up later.
            Notification.objects.filter(emailed_at=None).update(
                emailed_at=timezone.now()
            )
        # What the worker does for each new question, for every thread at
        # once; run again, it changes nothing.
        call_command("relate_threads", stdout=self.stdout)
        self.stdout.write(f"Forum: {threads} demo thread(s) created.")
        self.stdout.write(f"Resources: {resources} demo resource(s) created.")
        self.stdout.write(
            f"Follow-ups: {endorsements} endorsement(s) and {outcomes} "
            "outcome(s) added."
        )
        self.stdout.write(
            f"Reports: {reports} demo report(s) waiting in the moderation queue."
        )
        self.stdout.write(self.style.SUCCESS("Demo community ready. Log in with:"))
        for line in demo_logins(members_file):
            self.stdout.write(f"  {line}")
