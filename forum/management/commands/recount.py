from django.core.management.base import BaseCommand

from forum.recount import recount_counters


class Command(BaseCommand):
    help = (
        "Count every stored counter (votes, endorsements, responses, threads, "
        "member activity) afresh from the rows, repair those that differ and "
        "report them."
    )

    def handle(self, *args, **options):
        report = recount_counters()
        for kind, changed in report.items():
            self.stdout.write(f"{kind}: {changed} repaired")
        total = sum(report.values())
        style = self.style.WARNING if total else self.style.SUCCESS
        self.stdout.write(
            style(f"{total} row(s) repaired." if total else "All counters agree.")
        )
