"""The demo community for `manage.py seed_demo`: forums, threads, replies, votes.

Content is posted through the services, so counters and rules hold exactly
as they do on the live site; only the timestamps are moved into the past
afterwards, which no member action can do.
"""

from datetime import timedelta

from django.db.models import Max
from django.utils import timezone

from accounts import services as accounts_services
from accounts.demo import DEMO_PASSWORD, STAFF_USERNAME, ensure_member
from accounts.models import ProfessionalCredential, User

from . import services
from .demo_content import FORUMS, LONG_THREAD, MEMBERS, THREADS
from .models import Forum, Reply, Thread

LONG_THREAD_REPLIES = 120


def seed(stdout) -> list[str]:
    """Create the demo forums and conversations unless they exist."""
    members = {m["username"]: ensure_member(m["username"], m["email"]) for m in MEMBERS}
    staff = User.objects.get(username=STAFF_USERNAME)
    _seed_credentials(members, staff)
    for position, data in enumerate(FORUMS):
        Forum.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "description": data["description"],
                "position": position,
            },
        )
    forums = {forum.slug: forum for forum in Forum.objects.all()}
    created = 0
    for data in [*THREADS, _long_thread()]:
        forum = forums[data["forum"]]
        if Thread.objects.filter(forum=forum, title=data["title"]).exists():
            continue
        _seed_thread(data, forum, members, staff)
        created += 1
    for forum in forums.values():
        latest = forum.threads.visible().aggregate(at=Max("last_activity_at"))["at"]
        Forum.objects.filter(pk=forum.pk).update(last_activity_at=latest)
    stdout.write(f"Forum: {created} demo thread(s) created.")
    regular = next(
        m
        for m in MEMBERS
        if not m.get("professional") and not m.get("pending_professional")
    )
    professional = next(m for m in MEMBERS if m.get("professional"))
    return [
        f"member: {regular['email']} / {DEMO_PASSWORD}",
        f"medical professional: {professional['email']} / {DEMO_PASSWORD}",
    ]


def _seed_credentials(members: dict[str, User], staff: User) -> None:
    # Verified the way the live site does it: the member applies, staff
    # approve. A member with any credential already is left as they are.
    for data in MEMBERS:
        member = members[data["username"]]
        if ProfessionalCredential.objects.filter(user=member).exists():
            continue
        if data.get("professional"):
            credential = accounts_services.apply_for_verification(
                user=member, **data["professional"]
            )
            accounts_services.approve_credential(reviewer=staff, credential=credential)
        elif data.get("pending_professional"):
            accounts_services.apply_for_verification(
                user=member, **data["pending_professional"]
            )


def _seed_thread(data, forum, members, staff) -> Thread:
    author = members[data["author"]]
    thread = services.post_thread(
        author=author,
        forum=forum,
        title=data["title"],
        body=data["body"],
        tags=data.get("tags", ()),
    )
    asked_at = timezone.now() - timedelta(days=data["days_ago"], hours=3)
    last_activity = asked_at
    voters = [m for m in members.values() if m != author]
    for reply_data in data["replies"]:
        reply = services.post_reply(
            author=members[reply_data["author"]], thread=thread, body=reply_data["body"]
        )
        replied_at = min(
            asked_at + timedelta(hours=reply_data["hours_after"]), timezone.now()
        )
        Reply.objects.filter(pk=reply.pk).update(created_at=replied_at)
        last_activity = max(last_activity, replied_at)
        _seed_votes(reply, voters, reply_data["helpful"], reply_data["not_helpful"])
    Thread.objects.filter(pk=thread.pk).update(
        created_at=asked_at, last_activity_at=last_activity
    )
    if data.get("is_pinned") or data.get("is_locked"):
        services.set_thread_flags(
            moderator=staff,
            thread=thread,
            is_pinned=data.get("is_pinned", False),
            is_locked=data.get("is_locked", False),
        )
    return thread


def _seed_votes(reply: Reply, voters: list[User], helpful: int, not_helpful: int):
    # Rotate through members so that votes spread across the community.
    eligible = [v for v in voters if v.pk != reply.author_id]
    start = reply.pk % len(eligible)
    rotated = eligible[start:] + eligible[:start]
    for index, voter in enumerate(rotated[: helpful + not_helpful]):
        services.cast_helpful_vote(voter=voter, reply=reply, is_helpful=index < helpful)


def _long_thread() -> dict:
    openings = LONG_THREAD["reply_openings"]
    middles = LONG_THREAD["reply_middles"]
    closings = LONG_THREAD["reply_closings"]
    repliers = [
        m["username"] for m in MEMBERS if m["username"] != LONG_THREAD["author"]
    ]
    replies = []
    for i in range(LONG_THREAD_REPLIES):
        body = " ".join(
            [
                openings[i % len(openings)],
                middles[(i * 7 + 3) % len(middles)],
                closings[(i * 11 + 5) % len(closings)],
            ]
        )
        replies.append(
            {
                "author": repliers[(i * 5) % len(repliers)],
                "body": body,
                "hours_after": 2 + i * 17,
                "helpful": (i * 7) % 9 if i % 4 else 0,
                "not_helpful": 1 if i % 10 == 3 else 0,
            }
        )
    return {**LONG_THREAD, "replies": replies}
