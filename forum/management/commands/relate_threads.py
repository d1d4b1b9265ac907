from django.core.management.base import BaseCommand

from forum.models import Thread
from forum.services import relate_thread


class Command(BaseCommand):
    help = (
        "Work out again the related questions that every visible thread's page "
        "shows, so that newer questions join older threads' lists. Run it once "
        "after installing and then daily; running it twice changes nothing."
    )

    def handle(self, *args, **options):
        ids = Thread.objects.visible().order_by("pk").values_list("pk", flat=True)
        count = 0
        # One thread at a time, each in its own transaction (the service reads
        # the thread again, locked), so a long run holds no lock for long.
        for pk in list(ids):
            relate_thread(thread=Thread(pk=pk))
            count += 1
        self.stdout.write(
            self.style.SUCCESS(f"Related questions worked out for {count} thread(s).")
        )
