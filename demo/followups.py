"""Demo endorsements and outcomes, from content/endorsements.toml and outcomes.toml.

Made through the services, as a professional's endorsement and an asker's
outcome are on the live site, after the threads they name are posted; only
the outcome's date is moved into the past afterwards. Endorsing again
changes nothing, and a thread that has an outcome is left alone, so seeding
twice adds nothing.
"""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from forum.endorsements import endorse_reply
from forum.models import Reply, Thread
from forum.outcomes import mark_helped_most, share_outcome

from .files import read_toml, unwrap


def read_endorsements() -> list[dict]:
    """Return the endorsements to make, each naming a reply and its endorsers."""
    return read_toml("endorsements.toml")["endorsements"]


def read_outcomes() -> list[dict]:
    """Return the outcomes to share, each with the replies that helped most."""
    return read_toml("outcomes.toml")["outcomes"]


def find_reply(thread: Thread, author: str, position: int = 1) -> Reply:
    """Return author's reply number position (1 for their first) in thread."""
    replies = thread.replies.filter(author__username=author).order_by(
        "created_at", "id"
    )
    return replies[position - 1]


def seed_endorsements(members: dict[str, User]) -> int:
    """Make the demo endorsements that do not exist yet; return how many."""
    created = 0
    for data in read_endorsements():
        thread = Thread.objects.get(title=data["thread"])
        reply = find_reply(thread, data["reply_author"], data.get("position", 1))
        for username in data["endorsers"]:
            endorser = members[username]
            if reply.endorsements.filter(endorser=endorser).exists():
                continue
            endorse_reply(endorser=endorser, reply=reply)
            created += 1
    return created


def seed_outcomes(members: dict[str, User]) -> int:
    """Share the demo outcomes not shared yet, and mark what helped; return how many."""
    created = 0
    for data in read_outcomes():
        thread = Thread.objects.select_related("author").get(title=data["thread"])
        if thread.outcome_at is not None:
            continue
        asker = members[thread.author.username]
        thread = share_outcome(asker=asker, thread=thread, text=unwrap(data["body"]))
        shared_at = min(
            thread.created_at + timedelta(days=data["days_after"]), timezone.now()
        )
        Thread.objects.filter(pk=thread.pk).update(outcome_at=shared_at)
        thread.outcome_at = shared_at
        for helped in data.get("helped_most", ()):
            reply = find_reply(thread, helped["author"], helped.get("position", 1))
            mark_helped_most(asker=asker, reply=reply)
        created += 1
    return created
