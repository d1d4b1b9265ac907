from django.core.management.base import BaseCommand

from privacy.services import delete_expired_exports


class Command(BaseCommand):
    help = "Delete the members' data exports that have expired (run it daily)."

    def handle(self, *args, **options):
        deleted = delete_expired_exports()
        self.stdout.write(f"Deleted {deleted} expired export(s).")
