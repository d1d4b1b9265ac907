"""Resource changes made in the admin name the member of staff who made them."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.models import AuditEntry
from resources import services
from resources.models import Resource
from tests.factories import ResourceFactory, UserFactory

from .test_admin import _form


def test_saving_and_deleting_in_the_admin_record_who_did_it(client, staff):
    resource = ResourceFactory(title="Keeping a symptom diary", slug="diary")
    client.force_login(staff)
    change = reverse("admin:resources_resource_change", args=[resource.pk])
    response = client.post(
        change, _form(title="Keeping a daily symptom diary", slug="diary")
    )
    assert response.status_code == 302
    client.post(
        reverse("admin:resources_resource_delete", args=[resource.pk]),
        {"post": "yes"},
    )
    entries = AuditEntry.objects.order_by("pk")
    assert [(e.action, e.actor) for e in entries] == [
        ("resource.change", staff),
        ("resource.delete", staff),
    ]
    assert not Resource.objects.filter(pk=resource.pk).exists()


def test_staff_without_the_permission_are_refused(db):
    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_resource"))
    resource = ResourceFactory(title="Understanding nerve tests")
    resource.title = "Changed"
    with pytest.raises(PermissionDenied):
        services.save_resource(resource=resource, editor=viewer)
    with pytest.raises(PermissionDenied):
        services.delete_resources(
            resources=Resource.objects.filter(pk=resource.pk), editor=viewer
        )
    assert not AuditEntry.objects.exists()
