"""Every write to resources goes through here.

Staff changes clear the cached sidebars, so that what staff save shows at
once; counting a view is one UPDATE of a daily row with an F() expression.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F, Max, QuerySet
from django.utils import timezone

from accounts.models import User
from core.audit import record
from forum.models import Forum

from .models import Resource, ResourceDailyViews
from .sidebar import clear_sidebar_cache


def can_preview(user) -> bool:
    """Return whether user may read resources readers cannot see yet."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def can_curate(user) -> bool:
    """Return whether user may publish, unpublish, pin and unpin resources."""
    return can_preview(user) and user.has_perm("resources.change_resource")


def _require_curator(user, permission: str = "change") -> None:
    """Refuse user unless they are staff with the admin's permission for this."""
    if not (can_preview(user) and user.has_perm(f"resources.{permission}_resource")):
        raise PermissionDenied(
            f"Only staff who may {permission} resources can do that."
        )


# --- Staff: writing and curating. -------------------------------------------


@transaction.atomic
def create_resource(
    *,
    title: str,
    slug: str,
    summary: str,
    body: str = "",
    external_url: str = "",
    forums: Iterable[Forum] = (),
    tags: Iterable[str] = (),
    is_published: bool = False,
    published_at: datetime | None = None,
    is_pinned: bool = False,
    position: int = 0,
    written_by: str = "",
    medical_reviewer: User | None = None,
    last_reviewed_on: date | None = None,
    next_review_on: date | None = None,
    editor: User | None = None,
) -> Resource:
    """Create a resource, checked by the same rules as the admin's form.

    editor, the member of staff who wrote it, is named in the audit log;
    None for content the site loads itself (the demo).
    """
    resource = Resource(
        title=title.strip(),
        slug=slug,
        summary=summary,
        body=body,
        external_url=external_url,
        is_published=is_published,
        published_at=published_at or timezone.now(),
        is_pinned=is_pinned,
        position=position,
        written_by=written_by,
        medical_reviewer=medical_reviewer,
        last_reviewed_on=last_reviewed_on,
        next_review_on=next_review_on,
    )
    resource.full_clean(exclude=["body_html", "tags"])
    return save_resource(resource=resource, forums=forums, tags=tags, editor=editor)


@transaction.atomic
def save_resource(
    *,
    resource: Resource,
    forums: Iterable[Forum] | None = None,
    tags: Iterable[str] | None = None,
    editor: User | None = None,
) -> Resource:
    """Save a resource that staff wrote or changed, and show it at once.

    forums and tags are replaced when given and left alone when None (the
    admin's list edits only position and the published flag). editor is
    named in the audit log and must be allowed to curate.
    """
    adding = resource._state.adding
    if editor is not None:
        _require_curator(editor, "add" if adding else "change")
    action = "resource.create" if adding else "resource.change"
    resource.save()
    record(actor=editor, action=action, target=resource)
    if forums is not None:
        resource.forums.set(list(forums))
    if tags is not None:
        resource.tags.set(list(tags))
    clear_sidebar_cache()
    return resource


@transaction.atomic
def delete_resources(
    *, resources: QuerySet[Resource], editor: User | None = None
) -> int:
    """Delete resources with their daily counts; return how many went."""
    if editor is not None:
        _require_curator(editor, "delete")
    pks = _pks(resources)
    for resource in Resource.objects.filter(pk__in=pks):
        record(actor=editor, action="resource.delete", target=resource)
    Resource.objects.filter(pk__in=pks).delete()
    clear_sidebar_cache()
    return len(pks)


@transaction.atomic
def publish_resources(*, editor: User, resources: QuerySet[Resource]) -> int:
    """Publish resources; those with a future publish date stay scheduled."""
    _require_curator(editor)
    _record_each(editor, "resource.publish", resources)
    return _set_flags(resources, is_published=True)


@transaction.atomic
def unpublish_resources(*, editor: User, resources: QuerySet[Resource]) -> int:
    """Take resources away from readers; staff can still preview them."""
    _require_curator(editor)
    _record_each(editor, "resource.unpublish", resources)
    return _set_flags(resources, is_published=False)


@transaction.atomic
def pin_resources(*, editor: User, resources: QuerySet[Resource]) -> int:
    """Pin resources after those already pinned; pinned ones keep their place."""
    _require_curator(editor)
    _record_each(editor, "resource.pin", resources)
    pks = _pks(resources)
    last = Resource.objects.filter(is_pinned=True).aggregate(last=Max("position"))
    start = 0 if last["last"] is None else last["last"] + 1
    now = timezone.now()
    newly_pinned = list(
        Resource.objects.filter(pk__in=pks, is_pinned=False).order_by(
            "position", "-published_at", "-pk"
        )
    )
    for offset, resource in enumerate(newly_pinned):
        resource.is_pinned = True
        resource.position = start + offset
        resource.updated_at = now
    Resource.objects.bulk_update(newly_pinned, ["is_pinned", "position", "updated_at"])
    clear_sidebar_cache()
    return len(pks)


@transaction.atomic
def unpin_resources(*, editor: User, resources: QuerySet[Resource]) -> int:
    """Unpin resources: they take their place by readership again."""
    _require_curator(editor)
    _record_each(editor, "resource.unpin", resources)
    return _set_flags(resources, is_pinned=False)


def _pks(resources: QuerySet[Resource]) -> list[int]:
    # Admin querysets carry annotations; act on plain primary keys.
    return list(resources.values_list("pk", flat=True))


def _record_each(editor: User, action: str, resources: QuerySet[Resource]) -> None:
    for resource in Resource.objects.filter(pk__in=_pks(resources)):
        record(actor=editor, action=action, target=resource)


def _set_flags(resources: QuerySet[Resource], **flags: bool) -> int:
    count = Resource.objects.filter(pk__in=_pks(resources)).update(
        **flags, updated_at=timezone.now()
    )
    clear_sidebar_cache()
    return count


# --- Readers: counting views. -----------------------------------------------


def record_view(*, resource: Resource, day: date | None = None, count: int = 1) -> None:
    """Add count views of resource on day (today by default).

    One UPDATE with an F() expression on the day's row; only the first view
    of a day inserts the row. A racing first view that loses the insert
    falls back to the update, so no view is lost or counted twice.
    """
    day = day or timezone.localdate()
    row = ResourceDailyViews.objects.filter(resource=resource, day=day)
    if row.update(view_count=F("view_count") + count):
        return
    try:
        with transaction.atomic():
            ResourceDailyViews.objects.create(
                resource=resource, day=day, view_count=count
            )
    except IntegrityError:
        row.update(view_count=F("view_count") + count)
