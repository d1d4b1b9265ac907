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
# Staff removed, restored, locked or unlocked a post with a reason: kwargs
# post (a Thread or Reply), action ("remove", "restore", "lock", "unlock"),
# reason, moderator. A held post released is a "restore".
post_moderated = Signal()
# A post was hidden to wait for review: kwargs post, held_for (a Hold).
post_held = Signal()
# A question's or reply's text was written: posted, edited or restored from
# an earlier version. kwargs post (a Thread or Reply), created (just posted).
post_written = Signal()
# A member reported a post, or the site flagged it itself: kwargs report.
post_reported = Signal()
# Staff closed the open reports on a post: kwargs post, reports (the
# Report rows, closed), outcome (a Report.Status), reason.
reports_closed = Signal()
# The asker shared what happened next for the first time: kwargs thread.
outcome_shared = Signal()
