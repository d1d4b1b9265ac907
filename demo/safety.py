"""The demo's redactions: personal data staff removed from posts.

The demo's questions and replies are checked for emergency signs and crisis
language as they are posted (through the forum's services, like any post),
so the banner and the crisis lines need nothing here.
"""

from accounts.models import User
from forum.models import Thread
from safety.models import Redaction
from safety.services import redact_post

from .files import read_toml


def seed_redactions(staff: User) -> int:
    """Make the redactions in content/redactions.toml not made yet; return how many."""
    made = 0
    for data in read_toml("redactions.toml")["redactions"]:
        post = Thread.objects.get(title=data["thread"])
        field = "thread"
        if author := data.get("reply_author"):
            post = post.replies.filter(author__username=author).earliest("created_at")
            field = "reply"
        if Redaction.objects.filter(**{field: post}).exists():
            continue
        redact_post(
            staff=staff, post=post, passages=data["remove"], reason=data["reason"]
        )
        made += 1
    return made
