from django.core.management.base import BaseCommand

from notifications.reminders import OUTCOME_REMINDER_AFTER, send_outcome_reminders


class Command(BaseCommand):
    help = (
        f"Remind each member who asked a question {OUTCOME_REMINDER_AFTER.days} "
        "days ago to share what happened next, once per question. Run it once "
        "a day (cron); a second run reminds nobody twice."
    )

    def handle(self, *args, **options):
        sent = send_outcome_reminders()
        self.stdout.write(f"Sent {sent} outcome reminder(s).")
