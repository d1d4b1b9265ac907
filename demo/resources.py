"""Demo resources and their readership, from content/resources.toml.

Resources are created through the services; a month of daily view counts
gives the sidebar a readership to rank by. Safe to run again: a resource
whose slug exists is left alone.
"""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from forum.models import Forum
from resources import services
from resources.models import Resource

from .files import read_toml, unwrap

VIEW_DAYS = 30


def read_resources() -> list[dict]:
    """Return the demo resources in the order to create them."""
    return read_toml("resources.toml")["resources"]


def seed_resources() -> int:
    """Create the demo resources that do not exist yet; return how many."""
    forums = {forum.slug: forum for forum in Forum.objects.all()}
    today = timezone.localdate()
    existing = set(Resource.objects.values_list("slug", flat=True))
    created = 0
    for data in read_resources():
        if data["slug"] in existing:
            continue
        resource = services.create_resource(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            body=unwrap(data.get("body", "")),
            external_url=data.get("url", ""),
            forums=[forums[slug] for slug in data["forums"] if slug in forums],
            tags=data["tags"],
            is_published=data.get("published", True),
            published_at=timezone.now() - timedelta(days=data["days_ago"]),
            is_pinned=data.get("pinned", False),
            position=data.get("position", 0),
            **_review(data, today),
        )
        _seed_views(resource, data["daily_views"], data["days_ago"])
        created += 1
    return created


def _review(data: dict, today) -> dict:
    """Return a resource's medical review fields, as the file gives them."""
    if "reviewer" not in data:
        return {"written_by": data.get("written_by", "")}
    return {
        "written_by": data.get("written_by", ""),
        "medical_reviewer": User.objects.get(username=data["reviewer"]),
        "last_reviewed_on": today - timedelta(days=data["reviewed_days_ago"]),
        "next_review_on": today + timedelta(days=data["next_review_in_days"]),
    }


def _seed_views(resource: Resource, per_day: int, days_ago: int) -> None:
    # A gentle weekly rhythm, so that the counts do not look machine-made.
    today = timezone.localdate()
    for back in range(min(VIEW_DAYS, max(days_ago, 0))):
        count = per_day + (back * 7 + resource.pk) % 5 - 2
        if count > 0:
            services.record_view(
                resource=resource, day=today - timedelta(days=back), count=count
            )
