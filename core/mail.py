"""Outgoing mail: a readable console for development, retries for tasks."""

import email.policy
import logging
from datetime import timedelta

from django.core.mail import EmailMessage
from django.core.mail.backends import console
from django.utils import timezone

logger = logging.getLogger(__name__)

# Printed mail keeps its bodies as UTF-8 text with lines of any length:
# quoted-printable would split a long link with "=" at the line's end, and a
# newcomer who copied it from the terminal would get a 404.
READABLE = email.policy.default.clone(
    cte_type="8bit", utf8=True, max_line_length=100_000
)

# How long a failed send waits before its next attempt (one entry per retry);
# after the last the task stays failed, with its traceback, in the admin.
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=8),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


class ConsoleEmailBackend(console.EmailBackend):
    """Print each message as a person reads it, links whole and copyable."""

    def write_message(self, message: EmailMessage) -> None:
        data = message.message(policy=READABLE).as_bytes()
        self.stream.write(data.decode("utf-8", errors="replace") + "\n")
        self.stream.write("-" * 79 + "\n")


def send_or_retry(message: EmailMessage, *, task, args: list, attempt: int) -> None:
    """Send message; if that fails, queue task again later and raise.

    The failed attempt raises, so the task backend records it as failed with
    its traceback (staff see it in the admin under Tasks). The next attempt
    is queued with a growing delay, up to MAX_ATTEMPTS in all. A backend that
    cannot defer (the immediate one in tests and without a worker) gets no
    retry: it would only fail again at once.
    """
    try:
        message.send()
    except Exception:
        if attempt < MAX_ATTEMPTS and task.get_backend().supports_defer:
            run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
            task.using(run_after=run_after).enqueue(*args, attempt=attempt + 1)
            logger.warning(
                "Sending %s failed (attempt %d); retrying after %s",
                task.name,
                attempt,
                run_after.isoformat(),
            )
        else:
            logger.error("Sending %s failed for good (attempt %d)", task.name, attempt)
        raise
