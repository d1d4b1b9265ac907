"""Background work for the forum: working out each question's related questions.

Posting a question or changing its title queues relate_questions once the
change is committed (forum.services), and the worker (manage.py db_worker)
runs it, so posting stays fast. Only the thread's id travels: the task reads
the thread again, which may have been removed or edited meanwhile.
"""

import logging

from django.tasks import task

from . import services
from .models import Thread
from .related import RELATED_SHOWN

logger = logging.getLogger(__name__)


@task
def relate_questions(thread_id: int) -> None:
    """Work out a thread's related questions, then those of the threads it lists.

    Relatedness is symmetric (forum.related), so a new or retitled question
    may now belong in the lists of the questions closest to it: theirs are
    worked out again too. A hidden question joins no other list until it is
    shown again and ``manage.py relate_threads`` next runs.
    """
    thread = Thread.objects.filter(pk=thread_id).first()
    if thread is None:
        return
    closest = services.relate_thread(thread=thread)[:RELATED_SHOWN]
    if thread.is_removed:
        return
    for neighbour in Thread.objects.visible().filter(pk__in=closest):
        services.relate_thread(thread=neighbour)


def queue_relating(thread_id: int) -> None:
    """Queue relate_questions for a committed thread.

    The post is already saved: a queue that cannot be written to is logged
    rather than turned into an error page for its author, and the daily
    ``manage.py relate_threads`` catches up.
    """
    try:
        relate_questions.enqueue(thread_id)
    except Exception:
        logger.exception("Could not queue related questions for thread %s", thread_id)
