"""What the forum announces, for apps above it (notifications) to act on.

Each is sent by forum.services inside the write's transaction, after the
rows and counters are written, so a receiver's writes commit or roll back
with it. Receivers must not fail for reasons of their own: a question must
post even if nobody can be told about it.
"""

from django.dispatch import Signal

# A new question: kwargs thread (its tags set).
thread_posted = Signal()
# A new reply: kwargs reply (with reply.thread loaded and locked).
reply_posted = Signal()
# A vote that newly says "helpful" (cast, or changed from "not helpful"):
# kwargs vote, reply.
helpful_vote_cast = Signal()
