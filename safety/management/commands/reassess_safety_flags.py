"""Work out every thread's safety flags again: `manage.py reassess_safety_flags`."""

from django.core.management.base import BaseCommand

from safety.services import reassess_threads


class Command(BaseCommand):
    help = (
        "Check every question (and every reply, for crisis language) against "
        "the active safety patterns and store what matches. Safe to run again."
    )

    def handle(self, *args, **options):
        changed = reassess_threads()
        self.stdout.write(f"Safety flags: {changed} post(s) changed.")
