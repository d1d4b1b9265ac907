"""Load the demo community that `make run` shows: `manage.py seed_demo`."""

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.accounts import demo_logins, read_members, seed_credentials, seed_members
from demo.forum import seed_forums, seed_threads
from demo.resources import seed_resources


class Command(BaseCommand):
    help = (
        "Load the demo community from demo/content/: members, professionals, "
        "forums, threads, replies, votes and resources. Safe to run again."
    )

    def handle(self, *args, **options):
        members_file = read_members()
        with transaction.atomic():
            staff, members = seed_members(members_file)
            seed_credentials(members_file, staff=staff, members=members)
            seed_forums()
            threads = seed_threads(staff=staff, members=members)
            resources = seed_resources()
        self.stdout.write(f"Forum: {threads} demo thread(s) created.")
        self.stdout.write(f"Resources: {resources} demo resource(s) created.")
        self.stdout.write(self.style.SUCCESS("Demo community ready. Log in with:"))
        for line in demo_logins(members_file):
            self.stdout.write(f"  {line}")
