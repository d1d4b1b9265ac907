"""Demo forums, threads, replies and votes, from content/forums.toml and threads/.

Content is posted through the services, so counters and rules hold exactly
as they do on the live site; only the timestamps are moved into the past
afterwards, which no member action can do. A thread whose title exists in
its forum is left alone, so seeding twice adds nothing.
"""

from collections import Counter
from datetime import timedelta

from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from forum import services
from forum.models import Forum, Reply, Thread

from .accounts import member_professions, read_members
from .files import CONTENT_DIR, read_toml, unwrap


def read_forums() -> list[dict]:
    """Return the forums in the order the home page lists them."""
    return read_toml("forums.toml")["forums"]


def read_threads(usernames: list[str]) -> list[dict]:
    """Return every demo thread with its replies, in the order to post them.

    Each forum's threads come from threads/<forum slug>/, by file name; the
    long thread comes last, its replies shared out among usernames.
    """
    threads = []
    for forum in read_forums():
        folder = CONTENT_DIR / "threads" / forum["slug"]
        for path in sorted(folder.glob("*.toml")):
            threads.append({"forum": forum["slug"], **read_toml(path)})
    threads.append(_long_thread(read_toml("long-thread.toml"), usernames))
    return threads


def seed_forums() -> None:
    """Create the demo forums unless they exist."""
    for position, data in enumerate(read_forums()):
        Forum.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "description": data["description"],
                "position": position,
            },
        )


def seed_threads(*, staff: User, members: dict[str, User]) -> int:
    """Post the demo threads that do not exist yet; return how many."""
    forums = {forum.slug: forum for forum in Forum.objects.all()}
    created = 0
    for data in read_threads(list(members)):
        forum = forums[data["forum"]]
        if Thread.objects.filter(forum=forum, title=data["title"]).exists():
            continue
        _seed_thread(data, forum, members, staff)
        created += 1
    for forum in forums.values():
        latest = forum.threads.visible().aggregate(at=Max("last_activity_at"))["at"]
        Forum.objects.filter(pk=forum.pk).update(last_activity_at=latest)
    return created


def _seed_thread(
    data: dict, forum: Forum, members: dict[str, User], staff: User
) -> Thread:
    author = members[data["author"]]
    thread = services.post_thread(
        author=author,
        forum=forum,
        title=data["title"],
        body=unwrap(data["body"]),
        tags=data.get("tags", ()),
        members_only=data.get("members_only", False),
        anonymous=data.get("anonymous", False),
    )
    asked_at = timezone.now() - timedelta(days=data["days_ago"], hours=3)
    last_activity = asked_at
    voters = [m for m in members.values() if m != author]
    for reply_data in data.get("replies", ()):
        reply = services.post_reply(
            author=members[reply_data["author"]],
            thread=thread,
            body=unwrap(reply_data["body"]),
            anonymous=reply_data.get("anonymous", False),
        )
        replied_at = min(
            asked_at + timedelta(hours=reply_data["hours_after"]), timezone.now()
        )
        Reply.objects.filter(pk=reply.pk).update(created_at=replied_at)
        last_activity = max(last_activity, replied_at)
        _seed_votes(
            reply,
            voters,
            helpful=reply_data.get("helpful", 0),
            not_helpful=reply_data.get("not_helpful", 0),
        )
    Thread.objects.filter(pk=thread.pk).update(
        created_at=asked_at, last_activity_at=last_activity
    )
    if data.get("pinned") or data.get("locked"):
        services.set_thread_flags(
            moderator=staff,
            thread=thread,
            is_pinned=data.get("pinned", False),
            is_locked=data.get("locked", False),
        )
    return thread


def _seed_votes(
    reply: Reply, voters: list[User], *, helpful: int, not_helpful: int
) -> None:
    # Rotate through members so that votes spread across the community.
    eligible = [v for v in voters if v.pk != reply.author_id]
    start = reply.pk % len(eligible)
    rotated = eligible[start:] + eligible[:start]
    for index, voter in enumerate(rotated[: helpful + not_helpful]):
        services.cast_helpful_vote(voter=voter, reply=reply, is_helpful=index < helpful)


def _long_thread(data: dict, usernames: list[str]) -> dict:
    # Members' replies tell their own experience, from the shared sentences; a
    # professional's reply comes from their profession's sentences instead, so
    # nobody with a badge tells a patient's story.
    professions = member_professions(read_members())
    openings, middles, closings = data["openings"], data["middles"], data["closings"]
    repliers = [name for name in usernames if name != data["author"]]
    turns: Counter[str] = Counter()
    replies = []
    for i in range(data["reply_count"]):
        author = repliers[(i * 5) % len(repliers)]
        profession = professions.get(author)
        if profession is None:
            parts = [
                openings[i % len(openings)],
                middles[(i * 7 + 3) % len(middles)],
                closings[(i * 11 + 5) % len(closings)],
            ]
        else:
            parts = _professional_sentences(data, profession, turns[profession])
            turns[profession] += 1
        replies.append(
            {
                "author": author,
                "body": " ".join(parts),
                "hours_after": 2 + i * 17,
                "helpful": (i * 7) % 9 if i % 4 else 0,
                "not_helpful": 1 if i % 10 == 3 else 0,
            }
        )
    return {**data, "replies": replies}


def _professional_sentences(data: dict, profession: str, turn: int) -> list[str]:
    pool = data.get("professionals", {}).get(profession)
    if pool is None:
        raise ValueError(
            f"long-thread.toml has no [professionals.{profession}] sentences"
        )
    return [
        pool[part][turn % len(pool[part])]
        for part in ("openings", "middles", "closings")
    ]


def seed_reports(members: dict[str, User]) -> int:
    """Make the reports in content/reports.toml that do not exist; return how many.

    Made through the service, as a member's report is, so a post that enough
    of them name is hidden for review just as on the live site.
    """
    created = 0
    for data in read_toml("reports.toml")["reports"]:
        thread = Thread.objects.get(title=data["thread"])
        post = thread
        if author := data.get("reply_author"):
            post = thread.replies.filter(author__username=author).earliest("created_at")
        reporter = members[data["reporter"]]
        if services.report_of(reporter, post):
            continue
        services.report_post(
            reporter=reporter,
            post=post,
            reason=data["reason"],
            note=unwrap(data.get("note", "")),
        )
        created += 1
    return created
