"""Writes to resources: curation by staff and counting by readers."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from resources import services
from resources.models import Resource, ResourceDailyViews
from tests.factories import ResourceDailyViewsFactory, ResourceFactory, UserFactory


def _views(resource):
    return {row.day: row.view_count for row in resource.daily_views.all()}


def test_record_view_creates_the_days_row_then_adds_to_it(db):
    resource = ResourceFactory()
    today = timezone.localdate()
    services.record_view(resource=resource)
    services.record_view(resource=resource)
    services.record_view(resource=resource, day=today - timedelta(days=1), count=5)
    assert _views(resource) == {today: 2, today - timedelta(days=1): 5}


def test_record_view_is_one_update_once_the_day_has_a_row(db):
    row = ResourceDailyViewsFactory(view_count=7)
    with CaptureQueriesContext(connection) as queries:
        services.record_view(resource=row.resource)
    assert len(queries) == 1
    sql = queries[0]["sql"].lower()
    assert sql.startswith("update") and '"view_count" + 1' in sql
    row.refresh_from_db()
    assert row.view_count == 8


def test_create_resource_applies_the_admins_rules(db):
    with pytest.raises(ValidationError):
        services.create_resource(
            title="Both",
            slug="both",
            summary="S",
            body="Text",
            external_url="https://www.nhs.uk/",
        )
    with pytest.raises(ValidationError):
        services.create_resource(title="Long", slug="long", summary="x" * 161, body="B")
    assert not Resource.objects.exists()


def test_create_resource_sets_forums_and_tags(db, forum):
    resource = services.create_resource(
        title="Tagged",
        slug="tagged",
        summary="S",
        body="B",
        forums=[forum],
        tags=["migraine", "sleep"],
    )
    assert list(resource.forums.all()) == [forum]
    assert sorted(resource.tags.names()) == ["migraine", "sleep"]


def test_save_resource_leaves_forums_and_tags_alone_unless_given(db, forum):
    resource = ResourceFactory(forums=[forum], tags=["migraine"])
    resource.position = 3
    services.save_resource(resource=resource)
    assert list(resource.forums.all()) == [forum]
    assert list(resource.tags.names()) == ["migraine"]


def test_publish_keeps_the_schedule(staff):
    later = timezone.now() + timedelta(days=3)
    draft = ResourceFactory(is_published=False)
    scheduled = ResourceFactory(is_published=False, published_at=later)
    count = services.publish_resources(
        editor=staff, resources=Resource.objects.filter(pk__in=[draft.pk, scheduled.pk])
    )
    assert count == 2
    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert draft.is_live
    assert scheduled.is_scheduled and scheduled.published_at == later


def test_unpublish(staff):
    resource = ResourceFactory()
    services.unpublish_resources(
        editor=staff, resources=Resource.objects.filter(pk=resource.pk)
    )
    resource.refresh_from_db()
    assert not resource.is_published


def test_pin_appends_after_the_pinned_ones_and_keeps_their_places(staff):
    first = ResourceFactory(is_pinned=True, position=0)
    second = ResourceFactory(is_pinned=True, position=4)
    newcomer = ResourceFactory()
    services.pin_resources(
        editor=staff, resources=Resource.objects.filter(pk__in=[first.pk, newcomer.pk])
    )
    positions = dict(
        Resource.objects.filter(is_pinned=True).values_list("pk", "position")
    )
    assert positions == {first.pk: 0, second.pk: 4, newcomer.pk: 5}


def test_unpin(staff):
    resource = ResourceFactory(is_pinned=True)
    services.unpin_resources(
        editor=staff, resources=Resource.objects.filter(pk=resource.pk)
    )
    resource.refresh_from_db()
    assert not resource.is_pinned


def test_delete_takes_the_counts_with_it(db):
    row = ResourceDailyViewsFactory()
    count = services.delete_resources(resources=Resource.objects.all())
    assert count == 1
    assert not ResourceDailyViews.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("anonymous", False), ("member", False), ("staff", True), ("gone", False)],
)
def test_only_active_staff_preview(db, who, allowed):
    from django.contrib.auth.models import AnonymousUser

    user = {
        "anonymous": AnonymousUser(),
        "member": UserFactory(),
        "staff": UserFactory(is_staff=True),
        "gone": UserFactory(is_staff=True, is_active=False),
    }[who]
    assert services.can_preview(user) is allowed
