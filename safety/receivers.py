"""The safety app's part in the forum's writes, heard as forum signals.

The forum announces every post whose text is written (forum.signals
.post_written) inside its transaction; the post's flags are worked out and
stored there, so its page shows them as soon as it exists. A failure of
ours other than the database's is logged and the post goes on: a question
must post even if it cannot be checked.
"""

import logging

from django.db import DatabaseError, transaction

from forum.signals import post_written

from . import services

logger = logging.getLogger(__name__)


def on_post_written(sender, post, **kwargs) -> None:
    try:
        with transaction.atomic():
            services.assess_post(post=post)
    except DatabaseError:
        raise
    except Exception:
        logger.exception("Could not check %s %s for safety", sender.__name__, post.pk)


post_written.connect(on_post_written, dispatch_uid="safety.post_written")
