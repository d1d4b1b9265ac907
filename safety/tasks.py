"""Background work for the safety app: working every thread out again.

Staff changing a pattern queues reassess_flags once the change is
committed (safety.services), and the worker (manage.py db_worker) runs it:
checking every question against the patterns takes longer than a request.
"""

import logging

from django.tasks import task

from . import services

logger = logging.getLogger(__name__)


@task
def reassess_flags() -> int:
    """Work out every thread's flags with the patterns as they are now."""
    return services.reassess_threads()


def queue_reassessment() -> None:
    """Queue reassess_flags for a committed change of the patterns.

    The change is saved: a queue that cannot be written to is logged, and
    ``manage.py reassess_safety_flags`` catches up.
    """
    try:
        reassess_flags.enqueue()
    except Exception:
        logger.exception("Could not queue the reassessment of safety flags")
